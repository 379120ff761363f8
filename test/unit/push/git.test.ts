import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitShortSha, isDirty } from '../../../src/push/git';

describe('gitShortSha', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'ecrx-git-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('is undefined outside a repository and before the first commit', async () => {
    assert.equal(await gitShortSha(folder), undefined);
    assert.equal(await isDirty(folder), undefined);
    execFileSync('git', ['init', '-q', folder]);
    assert.equal(await gitShortSha(folder), undefined);
  });

  it('is HEAD\'s short SHA, and a changed tracked file makes the folder dirty', async () => {
    const git = (...args: string[]): string => execFileSync('git', ['-C', folder, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { encoding: 'utf8' }).trim();
    execFileSync('git', ['init', '-q', folder]);
    writeFileSync(join(folder, 'Dockerfile'), 'FROM scratch\n');
    git('add', 'Dockerfile');
    git('commit', '-q', '-m', 'first');
    assert.equal(await gitShortSha(folder), git('rev-parse', '--short', 'HEAD'));
    assert.equal(await isDirty(folder), false);
    writeFileSync(join(folder, 'Dockerfile'), 'FROM scratch\nLABEL a=b\n');
    assert.equal(await isDirty(folder), true);
  });
});
