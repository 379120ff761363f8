// The rule catalogue: ids, aliases in every spelling, the security rules the issue names, and a
// documentation page for every rule.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalId } from '../../../src/lint/aliases';
import { lint } from '../../../src/lint/engine';
import { findRuleMeta, ruleMetas } from '../../../src/lint/rules/index';

const SECURITY = [
  'user-root', 'base-image-latest', 'base-image-unpinned', 'base-image-eol', 'secret-in-arg-env', 'hardcoded-credential', 'remote-script-pipe',
  'insecure-tls', 'package-signature-bypass', 'sudo', 'ssh-port-exposed', 'add-remote-url', 'build-tools-in-final-stage', 'docker-socket-volume',
  'untrusted-registry', 'secret-file-copied',
];

describe('rule catalogue', () => {
  it('has the security rules of issue 4 with exactly those ids', () => {
    const ids = ruleMetas().filter((meta) => meta.category === 'security').map((meta) => meta.id);
    for (const id of SECURITY) {
      assert.ok(ids.includes(id), id);
    }
  });

  it('uses unique kebab-case ids and gives every alias to one rule only', () => {
    const seen = new Map<string, string>();
    for (const meta of ruleMetas()) {
      assert.match(meta.id, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
      for (const key of [meta.id, ...meta.aliases].map(canonicalId)) {
        assert.ok(!seen.has(key) || seen.get(key) === meta.id, `${key} in ${meta.id} and ${seen.get(key) ?? ''}`);
        seen.set(key, meta.id);
      }
      assert.ok(meta.title.length > 0 && (meta.summary ?? '').length > 0, meta.id);
    }
  });

  it('covers every hadolint rule the notes list that is decidable without a build', () => {
    const hadolint = [
      'DL1001', 'DL3000', 'DL3001', 'DL3002', 'DL3003', 'DL3004', 'DL3006', 'DL3007', 'DL3008', 'DL3009', 'DL3010', 'DL3011', 'DL3012', 'DL3013', 'DL3014', 'DL3015',
      'DL3016', 'DL3018', 'DL3019', 'DL3020', 'DL3021', 'DL3022', 'DL3023', 'DL3024', 'DL3025', 'DL3026', 'DL3027', 'DL3028', 'DL3029', 'DL3030', 'DL3032',
      'DL3033', 'DL3034', 'DL3035', 'DL3036', 'DL3037', 'DL3038', 'DL3040', 'DL3041', 'DL3042', 'DL3043', 'DL3044', 'DL3045', 'DL3046', 'DL3047', 'DL3048',
      'DL3049', 'DL3050', 'DL3051', 'DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3057', 'DL3058', 'DL3059', 'DL3060', 'DL3061', 'DL3062', 'DL3063',
      'DL3064', 'DL3065', 'DL3066', 'DL3067', 'DL4000', 'DL4001', 'DL4003', 'DL4004', 'DL4005', 'DL4006',
    ];
    const buildkit = [
      'StageNameCasing', 'FromAsCasing', 'NoEmptyContinuation', 'ConsistentInstructionCasing', 'DuplicateStageName', 'ReservedStageName', 'JSONArgsRecommended',
      'MaintainerDeprecated', 'UndefinedArgInFrom', 'WorkdirRelativePath', 'MultipleInstructionsDisallowed', 'LegacyKeyValueFormat', 'RedundantTargetPlatform',
      'SecretsUsedInArgOrEnv', 'InvalidDefaultArgInFrom', 'FromPlatformFlagConstDisallowed', 'InvalidDefinitionDescription', 'ExposeProtoCasing', 'ExposeInvalidFormat',
    ];
    const missing = [...hadolint, ...buildkit].filter((id) => !findRuleMeta(id));
    assert.deepEqual(missing, []);
  });

  it('finds rules by id or alias in the spellings users write', () => {
    for (const spelling of ['AVD-DS-0002', 'DS-0002', 'DS002', 'ds002', 'avd-ds-0002', 'DL3002', 'dl3002', 'CKV_DOCKER_8', 'ckv_docker_3', 'user-root', 'USER-ROOT']) {
      assert.equal(findRuleMeta(spelling)?.id, 'user-root', spelling);
    }
    assert.equal(findRuleMeta('jsonargsrecommended')?.id, 'json-args-recommended');
    assert.equal(findRuleMeta(' DL3025 ')?.id, 'json-args-recommended');
    assert.equal(findRuleMeta('DL9999'), undefined);
    assert.equal(findRuleMeta(''), undefined);
    assert.equal(canonicalId('DS31'), 'AVD-DS-0031');
  });

  it('has a documentation page for every rule, listing its aliases', () => {
    const root = join(__dirname, '..', '..', '..', '..', 'docs', 'rules');
    const index = readFileSync(join(root, 'README.md'), 'utf8');
    for (const meta of ruleMetas()) {
      const path = join(root, `${meta.id}.md`);
      assert.ok(existsSync(path), path);
      const page = readFileSync(path, 'utf8');
      for (const heading of ['## Why it matters', '## How to fix', '## Examples', '## Aliases', '## Suppressing']) {
        assert.ok(page.includes(heading), `${meta.id}: ${heading}`);
      }
      for (const alias of meta.aliases) {
        assert.ok(page.includes(alias), `${meta.id}: ${alias}`);
      }
      assert.ok(index.includes(`(${meta.id}.md)`), `index links ${meta.id}`);
    }
  });

  it('documents examples that the rule really reports and really accepts', () => {
    const root = join(__dirname, '..', '..', '..', '..', 'docs', 'rules');
    for (const meta of ruleMetas()) {
      const page = readFileSync(join(root, `${meta.id}.md`), 'utf8');
      const [reported, accepted] = [...page.matchAll(/```dockerfile\n([\s\S]*?)\n```/g)].map((match) => match[1] ?? '');
      assert.ok(reported !== undefined && accepted !== undefined, meta.id);
      const withFrom = (text: string): string => (/^\s*FROM/im.test(text) ? text : `FROM debian:12\n${text}`);
      const options = {
        today: new Date('2026-11-26'),
        trustedRegistries: ['123456789012.dkr.ecr.eu-west-1.amazonaws.com'],
        labelSchema: { 'org.opencontainers.image.created': 'rfc3339' as const },
        severityOverrides: { [meta.id]: meta.defaultSeverity },
      };
      const count = (text: string): number => lint(withFrom(text), options).filter((finding) => finding.ruleId === meta.id).length;
      assert.ok(count(reported) > 0, `${meta.id}: the "Reported" example is not reported`);
      assert.equal(count(accepted), 0, `${meta.id}: the "Accepted" example is reported`);
    }
  });
});
