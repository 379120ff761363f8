// The built ecr-lint (dist/cli.js, as `npm run build:cli` bundles it) run as a child process on
// temporary folders, with the real linter: every format parsed and checked, exit codes, config
// discovery, standard input, and one process over thousands of files.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type * as Sarif from 'sarif';
import type { JsonFinding } from '../../../src/cli/formatters/json';
import { ruleMetas } from '../../../src/lint/rules/index';
import { generateCorpus } from '../../bench/lintCorpus';
import { sarifProblems } from './sarifShape';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const INSECURE = 'FROM node:latest\nRUN sudo npm ci\nRUN curl -k https://example.com/x\n';

describe('ecr-lint (the built CLI)', function () {
  this.timeout(60_000);
  let folder: string;
  let home: string;

  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: npm run test:unit builds it (npm run build:cli)`);
  });
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ecr-lint-cli-'));
    home = await mkdtemp(join(tmpdir(), 'ecr-lint-home-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });

  async function file(path: string, content: string): Promise<void> {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), content);
  }

  /** Runs the CLI in `folder`, with a HOME of its own so that no user config applies. */
  function cli(args: string[], stdin?: string): Promise<Run> {
    return new Promise((resolve, reject) => {
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, NO_COLOR: '1' };
      const child = execFile(process.execPath, [CLI, ...args], { cwd: folder, env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : undefined) : 0;
        if (code === undefined) {
          reject(error ?? new Error('no exit code'));
        } else {
          resolve({ code, stdout, stderr });
        }
      });
      child.stdin?.end(stdin ?? '');
    });
  }

  it('prints its version and its help', async () => {
    assert.deepEqual(await cli(['--version']), { code: 0, stdout: `ecr-lint ${VERSION}\n`, stderr: '' });
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: ecr-lint \[--format text\|json\|sarif\]/);
  });

  it('is an executable script with a shebang', () => {
    assert.match(readFileSync(CLI, 'utf8').slice(0, 100), /^#!\/usr\/bin\/env node\n/);
  });

  it('prints text findings as file:line:column and exits 1 when they reach the threshold', async () => {
    await file('Dockerfile', INSECURE);
    const run = await cli(['Dockerfile']);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^Dockerfile:2:5: error sudo: .+$/m);
    assert.match(run.stdout, /^Dockerfile:3:10: \w+ insecure-tls: .+$/m);
    assert.match(run.stdout, /^\d+ findings \(.*\) in 1 of 1 file\.$/m);
    assert.equal(run.stderr, '');
  });

  it('writes JSON: one array of findings with 1-based positions, rule ids, aliases, severities and messages', async () => {
    await file('svc/Dockerfile', INSECURE);
    const run = await cli(['--format', 'json', '.']);
    assert.equal(run.code, 1);
    const findings = JSON.parse(run.stdout) as JsonFinding[];
    const sudo = findings.find((finding) => finding.ruleId === 'sudo');
    assert.deepEqual(sudo && { ...sudo, message: typeof sudo.message }, {
      file: 'svc/Dockerfile',
      line: 2,
      column: 5,
      endLine: 2,
      endColumn: 9,
      ruleId: 'sudo',
      aliases: sudo?.aliases,
      severity: 'error',
      message: 'string',
    });
    assert.ok(sudo?.aliases.includes('DL3004'), 'hadolint id among the aliases');
    for (const finding of findings) {
      assert.deepEqual(Object.keys(finding), ['file', 'line', 'column', 'endLine', 'endColumn', 'ruleId', 'aliases', 'severity', 'message']);
      assert.ok(finding.line >= 1 && finding.column >= 1 && finding.endLine >= finding.line);
      assert.ok(['error', 'warning', 'info', 'style'].includes(finding.severity));
      assert.ok(finding.message.length > 0);
    }
  });

  it('writes SARIF 2.1.0 that passes the shape GitHub code scanning requires, with every rule and its help', async () => {
    await file('app/Dockerfile', INSECURE);
    await file('clean/Dockerfile', 'FROM scratch\nCOPY app /app\n');
    const run = await cli(['-f', 'sarif', 'app', 'clean']);
    assert.equal(run.code, 1);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    assert.deepEqual(sarifProblems(log), []);
    const sarifRun = log.runs[0]!;
    const rules = sarifRun.tool.driver.rules ?? [];
    assert.deepEqual(
      rules.map((rule) => rule.id),
      ruleMetas().map((meta) => meta.id),
    );
    assert.equal(sarifRun.tool.driver.version, VERSION);
    for (const rule of rules) {
      // The page docs/rules/<id>.md as the build embedded it; a rule without a page yet gets its title and summary.
      const page = join(REPO_ROOT, 'docs', 'rules', `${rule.id}.md`);
      const meta = ruleMetas().find((candidate) => candidate.id === rule.id)!;
      const fallback = [meta.title, meta.summary, meta.aliases.length > 0 ? `Also known as ${meta.aliases.join(', ')}.` : '']
        .filter((part) => part)
        .join('\n\n');
      assert.equal(rule.help?.markdown, existsSync(page) ? readFileSync(page, 'utf8') : fallback, `the help of ${rule.id}`);
    }
    const sudo = sarifRun.results?.find((result) => result.ruleId === 'sudo');
    assert.deepEqual(sudo?.locations?.[0]?.physicalLocation?.artifactLocation, { uri: 'app/Dockerfile', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(
      sudo?.locations?.[0]?.physicalLocation?.region && { ...sudo.locations[0].physicalLocation.region, snippet: undefined },
      { startLine: 2, startColumn: 5, endLine: 2, endColumn: 9, snippet: undefined },
    );
    assert.equal(sudo?.level, 'error');
    assert.deepEqual(sarifRun.invocations?.[0]?.executionSuccessful, true);
  });

  it('exits 0 below the threshold, from the option or from .hadolint.yaml', async () => {
    await file('Dockerfile', 'FROM node:latest\n');
    assert.equal((await cli(['Dockerfile'])).code, 1);
    assert.equal((await cli(['--failure-threshold', 'error', 'Dockerfile'])).code, 0);
    assert.equal((await cli(['-t', 'none', 'Dockerfile'])).code, 0);
    await file('.hadolint.yaml', 'failure-threshold: error\n');
    assert.equal((await cli(['Dockerfile'])).code, 0, '.hadolint.yaml in the working folder applies');
    assert.equal((await cli(['-t', 'warning', 'Dockerfile'])).code, 1, 'the option wins over the file');
  });

  it('applies .hadolint.yaml found the way hadolint finds it, or the one given with --config', async () => {
    await file('Dockerfile', INSECURE);
    await file('.hadolint.yml', 'ignored:\n  - DL3004\n');
    const ids = async (args: string[]): Promise<string[]> =>
      (JSON.parse((await cli(['-f', 'json', ...args])).stdout) as JsonFinding[]).map((finding) => finding.ruleId);
    assert.ok(!(await ids(['Dockerfile'])).includes('sudo'), 'ignored by its hadolint id');
    await file('ci/strict.yaml', 'override:\n  error:\n    - insecure-tls\n');
    const strict = JSON.parse((await cli(['-f', 'json', '--config', 'ci/strict.yaml', 'Dockerfile'])).stdout) as JsonFinding[];
    assert.ok(strict.some((finding) => finding.ruleId === 'sudo'), '--config replaces the discovered file');
    assert.equal(strict.find((finding) => finding.ruleId === 'insecure-tls')?.severity, 'error');
  });

  it('exits 2 on usage errors and unreadable input, naming the file and the reason', async () => {
    await file('Dockerfile', INSECURE);
    const usage = await cli(['--format', 'xml', 'Dockerfile']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--format must be one of text, json, sarif; got "xml"/);
    assert.equal(usage.stdout, '');
    const missing = await cli(['Dockerfile', 'nope/Dockerfile']);
    assert.equal(missing.code, 2, 'unreadable input wins over findings');
    assert.match(missing.stderr, /^ecr-lint: nope\/Dockerfile: no such file or folder$/m);
    assert.match(missing.stdout, /^Dockerfile:2:5: error sudo/m, 'the readable file is still linted');
    const config = await cli(['--config', 'missing.yaml', 'Dockerfile']);
    assert.equal(config.code, 2);
    assert.match(config.stderr, /cannot read the config file missing\.yaml: no such file or folder/);
    const none = await cli([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Give at least one Dockerfile or folder/);
  });

  it('lints standard input given as -', async () => {
    const run = await cli(['-f', 'json', '-'], INSECURE);
    assert.equal(run.code, 1);
    assert.ok((JSON.parse(run.stdout) as JsonFinding[]).some((finding) => finding.file === '-' && finding.ruleId === 'sudo'));
  });

  it('lints thousands of files found in folders in one process, skipping node_modules and .git', async () => {
    const corpus = generateCorpus(2000, { seed: 99, lines: 40 });
    const names = ['Dockerfile', 'api.Dockerfile', 'Dockerfile.prod', 'Containerfile'];
    for (const [index, text] of corpus.entries()) {
      await file(`repo/service${Math.floor(index / 50)}/${index}/${names[index % 4]!}`, text);
    }
    await file('repo/node_modules/dep/Dockerfile', INSECURE);
    await file('repo/.git/Dockerfile', INSECURE);
    const run = await cli(['-f', 'json', 'repo']);
    assert.equal(run.code, 1, run.stderr);
    const findings = JSON.parse(run.stdout) as JsonFinding[];
    const files = new Set(findings.map((finding) => finding.file));
    assert.ok(files.size > 1500, `findings in most of the 2000 files (got ${files.size})`);
    assert.ok(![...files].some((name) => name.includes('node_modules') || name.includes('.git')));
    const text = await cli(['repo']);
    assert.match(text.stdout, / in \d+ of 2000 files\.\n$/);
  });
});
