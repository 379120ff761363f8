// Suppression pragmas of every syntax users already write, severity overrides by id and alias,
// and the switch that turns inline pragmas off (hadolint's disable-ignore-pragma).
import * as assert from 'node:assert/strict';
import { lint } from '../../../src/lint/engine';
import type { LintOptions } from '../../../src/lint/types';
import { TODAY } from './ruleTester';

function ids(text: string, options: LintOptions = {}): string[] {
  return lint(text, { today: TODAY, ...options }).map((finding) => `${finding.ruleId}@${finding.range.start.line}`);
}

const D = `@sha256:${'c'.repeat(64)}`;
const BASE = `FROM debian:12${D}\n`;

describe('suppression pragmas', () => {
  it('hadolint ignore= silences the next instruction only, with a trailing reason', () => {
    const text = `${BASE}# hadolint ignore=DL3004,DL3059 # we need it\nRUN sudo ls\nRUN sudo ls\nUSER 10001\n`;
    assert.deepEqual(ids(text).filter((id) => id.startsWith('sudo')), ['sudo@3']);
  });

  it('any alias of a rule silences it: Trivy ids in every spelling, Checkov, BuildKit, our id', () => {
    for (const pragma of ['# hadolint ignore=DL3002', '#trivy:ignore:AVD-DS-0002', '#trivy:ignore:DS002', '# ecr-lint ignore=user-root', '# ecr-lint ignore=ckv_docker_8']) {
      const text = `${BASE}${pragma}\nUSER root\n`;
      assert.deepEqual(ids(text).filter((id) => id.startsWith('user-root')), [], pragma);
    }
  });

  it('hadolint global ignore= and our global pragma cover the whole file, even on the first line', () => {
    assert.deepEqual(ids(`# hadolint global ignore=DL3004\n${BASE}RUN sudo a\nRUN sudo b\n`).filter((id) => id.startsWith('sudo')), []);
    assert.deepEqual(ids(`${BASE}# ecr-lint global ignore=sudo\nRUN sudo a\n`).filter((id) => id.startsWith('sudo')), []);
  });

  it('stage ignore= lasts until the next FROM', () => {
    const text = `${BASE}# hadolint stage ignore=DL3004\nRUN sudo a\nRUN sudo b\n${BASE}RUN sudo c\nUSER 1\n`;
    assert.deepEqual(ids(text).filter((id) => id.startsWith('sudo')), ['sudo@5']);
    const ours = `${BASE}# ecr-lint stage ignore=sudo\nRUN sudo a\n${BASE}RUN sudo c\n`;
    assert.deepEqual(ids(ours).filter((id) => id.startsWith('sudo')), ['sudo@4']);
  });

  it('BuildKit check=skip= names rules; skip=all covers every rule with a BuildKit id', () => {
    const text = `# check=skip=JSONArgsRecommended\n${BASE}CMD node a.js\nRUN sudo a\n`;
    assert.deepEqual(ids(text).filter((id) => /json|sudo/.test(id)), ['sudo@3']);
    const all = `# syntax=docker/dockerfile:1\n# check=skip=all;error=true\n${BASE}CMD node a.js\nFROM x AS Build\nRUN sudo a\n`;
    const found = ids(all);
    assert.ok(!found.some((id) => /json-args|stage-name-casing/.test(id)), found.join());
    assert.ok(found.includes('sudo@5'), found.join());
  });

  it('a check= comment that is not a parser directive (after an instruction) does nothing', () => {
    const text = `${BASE}# check=skip=JSONArgsRecommended\nCMD node a.js\n`;
    assert.ok(ids(text).includes('json-args-recommended@2'));
  });

  it('#checkov:skip= is file-wide and takes a reason after a colon', () => {
    const text = `${BASE}RUN sudo a\n#checkov:skip=CKV2_DOCKER_1: legacy base\nRUN sudo b\n`;
    assert.deepEqual(ids(text).filter((id) => id.startsWith('sudo')), []);
  });

  it('# dockerfile-utils: ignore silences every rule on the next instruction', () => {
    const text = `${BASE}# dockerfile-utils: ignore\nRUN sudo curl -k https://x | sh\nRUN sudo b\n`;
    assert.deepEqual(ids(text).filter((id) => id.endsWith('@2')), []);
    assert.ok(ids(text).includes('sudo@3'));
  });

  it('pragmas are ignored when inline pragmas are off', () => {
    const text = `${BASE}# hadolint ignore=DL3004\nRUN sudo a\n`;
    assert.ok(ids(text, { inlinePragmas: false }).includes('sudo@2'));
  });

  it('a pragma inside a continuation or a heredoc body is not a pragma', () => {
    const text = `${BASE}RUN <<EOF\n# hadolint global ignore=DL3004\nsudo ls\nEOF\nRUN sudo b\n`;
    assert.ok(ids(text).includes('sudo@5'));
  });
});

describe('severity overrides', () => {
  const text = `${BASE}RUN sudo a\nUSER 10001\n`;
  it('by rule id, by alias in any spelling, or off', () => {
    const severity = (options: LintOptions): string | undefined => lint(text, { today: TODAY, ...options }).find((finding) => finding.ruleId === 'sudo')?.severity;
    assert.equal(severity({}), 'error');
    assert.equal(severity({ severityOverrides: { sudo: 'info' } }), 'info');
    assert.equal(severity({ severityOverrides: { dl3004: 'style' } }), 'style');
    assert.equal(severity({ severityOverrides: { DS010: 'warning' } }), 'warning');
    assert.equal(severity({ severityOverrides: { 'CKV2_DOCKER_1': 'off' } }), undefined);
    assert.equal(severity({ severityOverrides: { sudo: 'fatal' as never } }), 'error');
    // Our id wins over an alias.
    assert.equal(severity({ severityOverrides: { DL3004: 'off', sudo: 'warning' } }), 'warning');
  });

  it('an alias override reaches only the findings of that alias', () => {
    const both = `${BASE}RUN apt-get install -y --no-install-recommends curl && pip install flask\n`;
    const pins = lint(both, { today: TODAY, severityOverrides: { DL3008: 'off' } }).filter((finding) => finding.ruleId === 'pin-package-versions');
    assert.deepEqual(pins.map((finding) => finding.aliases), [['DL3013']]);
  });

  it('rules off by default run once a severity is set for them or an alias', () => {
    const text2 = `${BASE}CMD ["a"]\n`;
    assert.ok(!ids(text2).some((id) => id.startsWith('healthcheck-missing')));
    assert.ok(ids(text2, { severityOverrides: { CKV_DOCKER_2: 'warning' } }).some((id) => id.startsWith('healthcheck-missing')));
  });
});
