// `npm run ecr-local` as a user runs it: a foreground process that prints exactly one line on
// stdout when ready, stops on SIGINT or SIGTERM, keeps its state with --data, and explains bad
// arguments. It starts the real data plane (Debian's docker-registry behind the /v2/ proxy).
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRepositoryCommand, DescribeRepositoriesCommand, ECRClient, paginateDescribeRepositories } from '@aws-sdk/client-ecr';
import { parseMainArguments } from './main';
import { TEST_CREDENTIALS } from './testing/harness';

const MAIN = join(__dirname, 'main.js');

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

function run(args: string[]): { child: ChildProcessWithoutNullStreams; stdout: () => string; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ECR_LOCAL_FAULTS: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Starts ecr-local and waits for its endpoint line (or its early exit). */
async function start(args: string[]): Promise<Running> {
  const started = run(args);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no endpoint line within 20 s; stderr:\n${started.stderr()}`)), 20_000);
    started.child.stdout.on('data', () => {
      const match = /^ECR endpoint: (http:\/\/127\.0\.0\.1:\d+)\n/.exec(started.stdout());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void started.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`ecr-local exited with ${String(code)} before it was ready; stderr:\n${started.stderr()}`));
    });
  });
  return { ...started, url };
}

describe('npm run ecr-local', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ecr-local-main-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints one endpoint line, serves the API, stops on SIGTERM and SIGINT, and keeps state with --data', async () => {
    const first = await start(['--port', '0', '--data', dataDir]);
    const client = new ECRClient({ endpoint: first.url, region: 'eu-west-1', credentials: TEST_CREDENTIALS });
    try {
      await client.send(new CreateRepositoryCommand({ repositoryName: 'survivor' }));
      const registry = await fetch(`${first.url}/v2/`);
      assert.equal(registry.status, 401, 'the real registry proxy answers /v2/ and wants the token');
    } finally {
      client.destroy();
    }
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0);
    assert.equal(first.stdout(), `ECR endpoint: ${first.url}\n`, 'exactly one line on stdout');

    const second = await start(['--data', dataDir]);
    const again = new ECRClient({ endpoint: second.url, region: 'eu-west-1', credentials: TEST_CREDENTIALS });
    try {
      const { repositories } = await again.send(new DescribeRepositoriesCommand({}));
      assert.deepEqual(repositories?.map((repository) => repository.repositoryName), ['survivor']);
    } finally {
      again.destroy();
    }
    second.child.kill('SIGINT');
    assert.equal(await second.exited, 0);
    assert.match(second.stderr(), /SIGINT, stopping/);
  });

  it('refuses bad arguments with exit code 2, a reason and the usage, and nothing on stdout', async () => {
    const attempts = [['--port', 'eighty'], ['--port', '70000'], ['--seed', 'everything'], ['--verbose'], ['extra']].map((args) => ({ args, refused: run(args) }));
    for (const { args, refused } of attempts) {
      assert.equal(await refused.exited, 2, args.join(' '));
      assert.equal(refused.stdout(), '');
      assert.match(refused.stderr(), /^ecr-local: .+\nusage: npm run ecr-local -- \[--port P\] \[--data DIR\] \[--seed demo\]/);
    }
  });

  it('parses its arguments', () => {
    assert.deepEqual(parseMainArguments([]), { ok: true, arguments: { port: 0 } });
    assert.deepEqual(parseMainArguments(['--port', '5000', '--data', '/tmp/x', '--seed', 'demo']), {
      ok: true,
      arguments: { port: 5000, dataDir: '/tmp/x', seed: 'demo' },
    });
    assert.deepEqual(parseMainArguments(['--help']), { ok: 'help' });
    const noPort = parseMainArguments(['--port', '']);
    assert.equal(noPort.ok, false);
    assert.deepEqual(parseMainArguments(['--repositories', '100000', '--seed', 'demo']), {
      ok: true,
      arguments: { port: 0, seed: 'demo', repositories: { count: 100_000 } },
    });
    assert.deepEqual(parseMainArguments(['--repositories', '5', '--repositories-region', 'eu-west-1']), {
      ok: true,
      arguments: { port: 0, repositories: { count: 5, region: 'eu-west-1' } },
    });
    const refusals: Array<[string[], RegExp]> = [
      [['--repositories', 'many'], /^--repositories: the number of repositories must be a whole number from 1 to 100000/],
      [['--repositories', ''], /not NaN/],
      [['--repositories', '100001'], /not 100001/],
      [['--repositories', '5', '--repositories-region', 'mars'], /^--repositories\/--repositories-region: the region must look like eu-west-1, not "mars"/],
      [['--repositories-region', 'eu-west-1'], /^--repositories-region needs --repositories N$/],
    ];
    for (const [args, message] of refusals) {
      const parsed = parseMainArguments(args);
      assert.equal(parsed.ok, false, args.join(' '));
      assert.match(parsed.ok === false ? parsed.error : '', message);
    }
  });

  it('adds --repositories N generated repositories before it announces the endpoint, once even across restarts with --data', async () => {
    const args = ['--repositories', '1500', '--repositories-region', 'eu-west-1', '--data', dataDir];
    const countRepositories = async (url: string) => {
      const client = new ECRClient({ endpoint: url, region: 'eu-west-1', credentials: TEST_CREDENTIALS });
      try {
        let count = 0;
        for await (const page of paginateDescribeRepositories({ client, pageSize: 1000 }, {})) {
          count += page.repositories?.length ?? 0;
        }
        return count;
      } finally {
        client.destroy();
      }
    };
    for (const round of ['first', 'second']) {
      const running = await start(args);
      assert.equal(await countRepositories(running.url), 1500, round);
      assert.match(running.stderr(), round === 'first' ? /added 1500 repositories to eu-west-1 \(1500 there now\)/ : /added 0 repositories to eu-west-1 \(1500 there now\)/);
      running.child.kill('SIGTERM');
      assert.equal(await running.exited, 0);
    }
  });

  it('refuses at start-up, with the reason, --repositories that would pass the quota of the region', async function () {
    this.timeout(60_000);
    const first = await start(['--repositories', '99999', '--data', dataDir]);
    const client = new ECRClient({ endpoint: first.url, region: 'us-east-1', credentials: TEST_CREDENTIALS });
    try {
      await client.send(new CreateRepositoryCommand({ repositoryName: 'one/more' }));
    } finally {
      client.destroy();
    }
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0);
    // The 100,000th generated name is the one that no longer fits.
    const overQuota = run(['--repositories', '100000', '--data', dataDir]);
    assert.equal(await overQuota.exited, 1);
    assert.equal(overQuota.stdout(), '');
    assert.match(overQuota.stderr(), /Cannot add 1 repositories to us-east-1: it already has 100000, and ECR allows at most 100000 per region; ask for at most 0 more/);
  });
});
