// The manifest as VS Code reads it: every %key% it uses has an English string, every command a
// menu or walkthrough names is contributed, and every file the walkthrough shows is shipped.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const manifestText = readFileSync(join(ROOT, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as {
  contributes: {
    commands: Array<{ command: string }>;
    menus: Record<string, Array<{ command: string }>>;
    walkthroughs: Array<{ steps: Array<{ id: string; description: string; media: { markdown?: string }; completionEvents?: string[] }> }>;
  };
};
const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const contributed = new Set(manifest.contributes.commands.map((entry) => entry.command));

describe('the extension manifest', () => {
  it('has an English string for every %key% it uses', () => {
    const keys = [...manifestText.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1] ?? '');
    assert.ok(keys.length > 50, `found ${keys.length} keys`);
    assert.deepEqual(keys.filter((key) => !(key in nls)), []);
  });

  it('puts only contributed commands in its menus', () => {
    const named = Object.values(manifest.contributes.menus).flatMap((entries) => entries.map((entry) => entry.command));
    assert.deepEqual(named.filter((command) => !contributed.has(command)), []);
  });

  it('walks through steps whose pages exist, whose buttons run our commands, and which can complete', () => {
    const steps = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps);
    assert.ok(steps.length >= 4);
    for (const step of steps) {
      assert.ok(step.media.markdown && existsSync(join(ROOT, step.media.markdown)), `${step.id}: ${step.media.markdown} exists`);
      const description = nls[step.description.replace(/%/g, '')] ?? '';
      for (const [, command] of description.matchAll(/\(command:([^)?]+)\)/g)) {
        const ours = command?.startsWith('ecrExplorer.') && !command.endsWith('.focus');
        assert.ok(!ours || contributed.has(command ?? ''), `${step.id}: button runs ${command}, which is contributed`);
      }
      for (const event of step.completionEvents ?? []) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        assert.ok(command === undefined || contributed.has(command), `${step.id}: completes on ${command}, which is contributed`);
      }
    }
  });
});
