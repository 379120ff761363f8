// The "suppress on this line / in this file" quick fixes: which pragma they write, where, and
// that applying them silences exactly that finding.
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../src/dockerfile/applyEdits';
import { lint } from '../../../src/lint/engine';
import { suppressionFixes } from '../../../src/lint/suppress';
import type { Finding } from '../../../src/lint/types';
import { TODAY } from './ruleTester';

function finding(text: string, ruleId: string): Finding {
  const found = lint(text, { today: TODAY }).find((candidate) => candidate.ruleId === ruleId);
  assert.ok(found, `no ${ruleId} in ${text}`);
  return found;
}

function apply(text: string, ruleId: string, which: 'line' | 'file'): string {
  const fixes = suppressionFixes(text, finding(text, ruleId));
  const fix = fixes.find((candidate) => candidate.title.includes(which === 'line' ? 'on this line' : 'in this file'));
  assert.ok(fix, JSON.stringify(fixes));
  const result = applyEdits(text, fix.edits);
  assert.ok(!lint(result, { today: TODAY }).some((other) => other.ruleId === ruleId && other.message === finding(text, ruleId).message), result);
  return result;
}

describe('suppressionFixes', () => {
  it('writes hadolint\'s pragma above the instruction when the rule has a hadolint id, keeping indentation', () => {
    const text = 'FROM debian:12\n  RUN sudo \\\n    ls\n';
    assert.equal(apply(text, 'sudo', 'line'), 'FROM debian:12\n  # hadolint ignore=DL3004\n  RUN sudo \\\n    ls\n');
    const titles = suppressionFixes(text, finding(text, 'sudo')).map((fix) => fix.title);
    assert.deepEqual(titles, ['Suppress sudo (DL3004) on this line', 'Suppress sudo (DL3004) in this file']);
  });

  it('uses the hadolint id of the finding itself for rules that cover several', () => {
    const text = 'FROM debian:12\nRUN pip install flask\n';
    assert.equal(apply(text, 'pin-package-versions', 'line'), 'FROM debian:12\n# hadolint ignore=DL3013\nRUN pip install flask\n');
  });

  it('extends an existing pragma instead of adding a second one', () => {
    const text = 'FROM debian:12\n# hadolint ignore=DL3008 # pinned by the lock\n# other comment\nRUN sudo ls\n';
    assert.equal(apply(text, 'sudo', 'line'), 'FROM debian:12\n# hadolint ignore=DL3008,DL3004 # pinned by the lock\n# other comment\nRUN sudo ls\n');
    const global = '# hadolint global ignore=DL3006\nFROM debian:12\nRUN sudo ls\n';
    assert.equal(apply(global, 'sudo', 'file'), '# hadolint global ignore=DL3006,DL3004\nFROM debian:12\nRUN sudo ls\n');
  });

  it('writes our own pragma for rules without a hadolint id', () => {
    const text = 'FROM debian:12\nRUN curl https://x | sh\n';
    assert.equal(apply(text, 'remote-script-pipe', 'line'), 'FROM debian:12\n# ecr-lint ignore=remote-script-pipe\nRUN curl https://x | sh\n');
    assert.equal(apply(text, 'remote-script-pipe', 'file'), '# ecr-lint global ignore=remote-script-pipe\nFROM debian:12\nRUN curl https://x | sh\n');
  });

  it('puts file-wide pragmas after the parser directives, so # escape= stays a directive', () => {
    const text = '# syntax=docker/dockerfile:1\n# escape=`\nFROM debian:12\nRUN sudo ls `\n  -la\n';
    const fixed = apply(text, 'sudo', 'file');
    assert.equal(fixed, '# syntax=docker/dockerfile:1\n# escape=`\n# hadolint global ignore=DL3004\nFROM debian:12\nRUN sudo ls `\n  -la\n');
  });

  it('offers nothing that is already there, and never throws on odd input', () => {
    const text = 'FROM debian:12\n# hadolint ignore=DL3004\nRUN sudo ls\n';
    const fake: Finding = { ruleId: 'sudo', aliases: ['DL3004'], category: 'security', severity: 'error', message: 'm', range: { start: { line: 2, character: 4 }, end: { line: 2, character: 8 } }, fixes: [] };
    assert.deepEqual(suppressionFixes(text, fake).map((fix) => fix.title), ['Suppress sudo (DL3004) in this file']);
    const far: Finding = { ...fake, range: { start: { line: 99, character: 0 }, end: { line: 99, character: 1 } } };
    assert.equal(suppressionFixes('', far).length, 2);
  });
});
