// .hadolint.yaml parsing (every key, bad input reported with line numbers) and discovery in
// hadolint's own order.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint } from '../../../src/lint/engine';
import { findHadolintConfig, parseHadolintConfig } from '../../../src/lint/hadolintConfig';
import { TODAY } from './ruleTester';

describe('parseHadolintConfig', () => {
  it('maps every key hadolint users write', () => {
    const config = parseHadolintConfig(
      [
        'ignored:',
        '  - DL3008',
        '  - SC2086',
        'override:',
        '  error: [DL3015]',
        '  info:',
        '    - DL3002',
        'trustedRegistries: [docker.io, "*.dkr.ecr.eu-west-1.amazonaws.com"]',
        'failure-threshold: warning',
        'disable-ignore-pragma: true',
        'strict-labels: true',
        'label-schema:',
        '  author: text',
        '  url: url',
        'format: json',
        'no-fail: false',
      ].join('\n'),
      '.hadolint.yaml',
    );
    assert.deepEqual(config.problems, []);
    assert.equal(config.failureThreshold, 'warning');
    assert.deepEqual(config.options, {
      severityOverrides: { DL3015: 'error', DL3002: 'info', DL3008: 'off', SC2086: 'off' },
      trustedRegistries: ['docker.io', '*.dkr.ecr.eu-west-1.amazonaws.com'],
      inlinePragmas: false,
      strictLabels: true,
      labelSchema: { author: 'text', url: 'url' },
    });
  });

  it('gives the options straight to lint()', () => {
    const { options } = parseHadolintConfig('ignored: [DL3004]\noverride:\n  info: [DL3002]\n', 'c.yaml');
    const found = lint(`FROM debian:12@sha256:${'a'.repeat(64)}\nRUN sudo ls\nUSER root\n`, { today: TODAY, ...options });
    assert.deepEqual(found.map((finding) => `${finding.ruleId}:${finding.severity}`), ['user-root:info']);
  });

  it('reports bad YAML and bad values with line numbers, never throwing', () => {
    assert.match(parseHadolintConfig('ignored: [DL3008\n', 'a.yaml').problems[0] ?? '', /^a\.yaml:1: /);
    const bad = parseHadolintConfig(
      ['ignored: DL3008', 'override:', '  fatal: [DL1]', 'failure-threshold: loud', 'disable-ignore-pragma: yes please', 'colour: red', 'trustedRegistries:', '  - {a: 1}', 'label-schema:', '  x: number'].join('\n'),
      'b.yaml',
    );
    assert.deepEqual(bad.problems.map((problem) => problem.replace(/: .*/, '')), ['b.yaml:1', 'b.yaml:3', 'b.yaml:4', 'b.yaml:5', 'b.yaml:6', 'b.yaml:8', 'b.yaml:10']);
    assert.match(bad.problems[0] ?? '', /"ignored" must be a list/);
    assert.match(bad.problems[4] ?? '', /unknown key "colour"/);
    for (const odd of ['', '---\n', '[1, 2]', 'just text', '\u0000\u0001', 'a: &x [*x]', 'ignored:\n  - ""']) {
      const result = parseHadolintConfig(odd, 'odd.yaml');
      assert.ok(Array.isArray(result.problems));
    }
    assert.deepEqual(parseHadolintConfig('', 'e.yaml'), { options: {}, problems: [] });
  });

  it('accepts none and ignore as failure thresholds', () => {
    assert.equal(parseHadolintConfig('failure-threshold: none', 'x').failureThreshold, 'none');
    assert.equal(parseHadolintConfig('failure-threshold: ignore', 'x').failureThreshold, 'none');
  });
});

describe('findHadolintConfig', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hadolint-config-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  function touch(...parts: string[]): string {
    const path = join(root, ...parts);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, 'ignored: []\n');
    return path;
  }

  it('follows hadolint\'s order: working folder, XDG config, ~/.hadolint/, home', () => {
    const cwd = join(root, 'project');
    const home = join(root, 'home');
    mkdirSync(cwd, { recursive: true });
    mkdirSync(home, { recursive: true });
    assert.equal(findHadolintConfig(cwd, {}, home), undefined);
    const inHome = touch('home', '.hadolint.yml');
    assert.equal(findHadolintConfig(cwd, {}, home), inHome);
    const appData = touch('home', '.hadolint', 'config.yaml');
    assert.equal(findHadolintConfig(cwd, {}, home), appData);
    const defaultXdg = touch('home', '.config', 'hadolint.yml');
    assert.equal(findHadolintConfig(cwd, {}, home), defaultXdg);
    const xdg = touch('xdg', 'hadolint.yaml');
    assert.equal(findHadolintConfig(cwd, { XDG_CONFIG_HOME: join(root, 'xdg') }, home), xdg);
    assert.equal(findHadolintConfig(cwd, { XDG_CONFIG_HOME: 'relative/path' }, home), defaultXdg);
    const yml = touch('project', '.hadolint.yml');
    assert.equal(findHadolintConfig(cwd, {}, home), yml);
    const yaml = touch('project', '.hadolint.yaml');
    assert.equal(findHadolintConfig(cwd, { XDG_CONFIG_HOME: join(root, 'xdg') }, home), yaml);
  });

  it('skips folders named like a config file', () => {
    mkdirSync(join(root, '.hadolint.yaml'));
    assert.equal(findHadolintConfig(root, {}, join(root, 'nohome')), undefined);
  });
});
