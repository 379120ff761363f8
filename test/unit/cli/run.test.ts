// runCli in-process with a stand-in linter: how inputs, config, threshold and problems decide the
// output and the exit code. The built CLI with the real linter is tested in cli.test.ts.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonFinding } from '../../../src/cli/formatters/json';
import { memorySink } from '../../../src/cli/output';
import { runCli, type LinterCore } from '../../../src/cli/run';
import type { Finding, LintOptions, Severity } from '../../../src/lint/types';
import { finding, SAMPLE_RULES } from './sampleFindings';

/** A linter that finds `user-root` at every line reading `FLAG <severity>`, after overrides. */
const fakeCore = (seen: LintOptions[] = []): LinterCore => ({
  lint(text: string, options: LintOptions = {}): Finding[] {
    seen.push(options);
    return text.split('\n').flatMap((line, index) => {
      const match = /^FLAG (\w+)$/.exec(line);
      const override = options.severityOverrides?.['user-root'];
      if (!match || override === 'off') {
        return [];
      }
      return [finding('user-root', override ?? (match[1] as Severity), [index, 0, index, line.length])];
    });
  },
  ruleMetas: () => SAMPLE_RULES,
  parseHadolintConfig(text: string, source: string) {
    const threshold = /failure-threshold: (\w+)/.exec(text)?.[1] as Severity | 'none' | undefined;
    const override = /user-root: (\w+)/.exec(text)?.[1] as Severity | undefined;
    return {
      options: override ? { severityOverrides: { 'user-root': override } } : {},
      ...(threshold ? { failureThreshold: threshold } : {}),
      problems: text.includes('bogus') ? [`${source}: unknown key "bogus"`] : [],
    };
  },
  findHadolintConfig: (cwd: string) => (text(join(cwd, '.hadolint.yaml')) === undefined ? undefined : join(cwd, '.hadolint.yaml')),
});

const written = new Map<string, string>();
const text = (path: string): string | undefined => written.get(path);

describe('runCli', () => {
  let cwd: string;
  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'ecr-lint-run-'));
    written.clear();
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  async function file(path: string, content: string | Buffer): Promise<void> {
    await mkdir(join(cwd, path, '..'), { recursive: true });
    await writeFile(join(cwd, path), content);
    written.set(join(cwd, path), content.toString());
  }

  async function run(argv: string[], options: { stdin?: string; core?: LinterCore } = {}) {
    const stdout = memorySink();
    let stderr = '';
    const code = await runCli({
      argv,
      cwd,
      env: {},
      home: join(cwd, 'home'),
      stdout,
      stderr: (chunk) => {
        stderr += chunk;
      },
      stdoutIsTerminal: false,
      readStdin: () => Promise.resolve(options.stdin ?? ''),
      version: '9.9.9',
      ruleDoc: () => undefined,
      core: options.core ?? fakeCore(),
    });
    return { code, stdout: stdout.text, stderr };
  }

  it('exits 0 when nothing reaches the default threshold (info), 1 when something does', async () => {
    await file('ok/Dockerfile', 'FROM x\nFLAG style\n');
    await file('bad/Dockerfile', 'FROM x\nFLAG info\n');
    assert.equal((await run(['ok'])).code, 0);
    const bad = await run(['ok', 'bad']);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^bad\/Dockerfile:2:1: info user-root: user-root here$/m);
    assert.match(bad.stdout, /2 findings \(1 info, 1 style\) in 2 of 2 files\.\n$/);
  });

  it('takes --failure-threshold over the config file, and the config over the default', async () => {
    await file('Dockerfile', 'FLAG warning\n');
    assert.equal((await run(['Dockerfile'])).code, 1);
    await file('.hadolint.yaml', 'failure-threshold: error\n');
    assert.equal((await run(['Dockerfile'])).code, 0);
    assert.equal((await run(['--failure-threshold', 'warning', 'Dockerfile'])).code, 1);
    assert.equal((await run(['-t', 'none', 'Dockerfile'])).code, 0);
  });

  it('passes the discovered config to the linter and warns about its problems', async () => {
    const seen: LintOptions[] = [];
    await file('Dockerfile', 'FLAG error\n');
    await file('.hadolint.yaml', 'override:\n  user-root: style\nbogus: 1\n');
    const result = await run(['--format', 'json', 'Dockerfile'], { core: fakeCore(seen) });
    assert.deepEqual(seen, [{ severityOverrides: { 'user-root': 'style' } }]);
    assert.equal(result.code, 0, 'the override lowered the finding below the threshold');
    assert.equal(result.stderr, 'ecr-lint: warning: .hadolint.yaml: unknown key "bogus"\n');
    assert.equal((JSON.parse(result.stdout) as JsonFinding[])[0]?.severity, 'style');
  });

  it('uses --config instead of discovery, and exits 2 naming a config it cannot read', async () => {
    await file('Dockerfile', 'FLAG warning\n');
    await file('.hadolint.yaml', 'failure-threshold: none\n');
    await file('ci/strict.yaml', 'failure-threshold: warning\n');
    assert.equal((await run(['-c', 'ci/strict.yaml', 'Dockerfile'])).code, 1);
    const missing = await run(['--config', 'ci/missing.yaml', 'Dockerfile']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'ecr-lint: cannot read the config file ci/missing.yaml: no such file or folder\n');
    assert.equal(missing.stdout, '', 'nothing is linted with a config the user asked for but cannot have');
  });

  it('exits 2 for unreadable input after linting the rest, and says which and why', async () => {
    await file('Dockerfile', 'FLAG error\n');
    const result = await run(['--format', 'json', 'nope', 'Dockerfile']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'ecr-lint: nope: no such file or folder\n');
    assert.equal((JSON.parse(result.stdout) as JsonFinding[]).length, 1);
  });

  it('refuses a binary file named on the command line but only notes one found in a folder', async () => {
    await file('src/Dockerfile.tar', Buffer.from([0x1f, 0x8b, 0, 0, 1]));
    await file('src/Dockerfile', 'FROM x\n');
    const searched = await run(['src']);
    assert.equal(searched.code, 0);
    assert.equal(searched.stderr, 'ecr-lint: note: src/Dockerfile.tar: is a binary file, not a Dockerfile; skipped\n');
    const named = await run(['src/Dockerfile.tar']);
    assert.equal(named.code, 2);
    assert.match(named.stderr, /src\/Dockerfile\.tar: is a binary file/);
  });

  it('exits 2 when the inputs hold no Dockerfile at all', async () => {
    await file('docs/README.md', '# hi\n');
    const result = await run(['docs']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'ecr-lint: note: docs: no Dockerfile in this folder\necr-lint: docs: no Dockerfile found to lint\n');
  });

  it('lints standard input as -', async () => {
    const result = await run(['-f', 'json', '-'], { stdin: '\uFEFFFLAG warning\n' });
    assert.equal(result.code, 1);
    assert.deepEqual(
      (JSON.parse(result.stdout) as JsonFinding[]).map((item) => [item.file, item.line, item.column]),
      [['-', 1, 1]],
    );
  });

  it('prints usage errors with the usage line, help and version on stdout', async () => {
    const usage = await run(['--format', 'yaml', 'x']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^ecr-lint: --format must be one of text, json, sarif; got "yaml"\.\nUsage: ecr-lint /);
    assert.deepEqual(await run(['--version']), { code: 0, stdout: 'ecr-lint 9.9.9\n', stderr: '' });
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Exit codes: 0 no finding reached the threshold, 1 one did, 2 usage error or unreadable input/);
  });

  it('turns a linter crash into exit 2 naming the file, and goes on with the others', async () => {
    await file('a/Dockerfile', 'CRASH\n');
    await file('b/Dockerfile', 'FLAG warning\n');
    const core = fakeCore();
    const crashing: LinterCore = {
      ...core,
      lint: (source, options) => {
        if (source.startsWith('CRASH')) {
          throw new Error('boom');
        }
        return core.lint(source, options);
      },
    };
    const result = await run(['.'], { core: crashing });
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'ecr-lint: a/Dockerfile: internal error while linting (please report it): boom\n');
    assert.match(result.stdout, /^b\/Dockerfile:1:1: warning user-root/m);
  });
});
