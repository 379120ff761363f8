// The container-CLI driver (src/push) against a real private dockerd and ecr-local with its data
// plane: login into a temporary DOCKER_CONFIG that leaves the user's config and keychain alone,
// push with per-layer events, failures mapped to their kinds, cancel mid-upload, build with
// --iidfile. A TCP proxy started here stands between docker and the registry, to throttle an
// upload (so that a cancel lands mid-push) or to vanish (so that the registry is unreachable).
import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { CreateRepositoryCommand, DescribeImagesCommand, GetAuthorizationTokenCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { startDockerd, findProgram, type PrivateDockerd } from '../harness/dockerd';
import { CliError, ContainerCliDriver, type PushEvent, type RegistryLogin } from '../../src/push';
import { defaultSpawner, type Spawner } from '../../src/push/runProcess';
import { startDataPlane } from './registry/dataPlane';
import { startTestEcrLocal, TestClock, type TestEcrLocal } from './testing/harness';

interface TcpProxy {
  readonly port: number;
  /** Request bytes forwarded to the registry so far. */
  forwarded(): number;
  close(): Promise<void>;
}

/** Forwards 127.0.0.1:port to `targetPort`, uploads at most `bytesPerSecond` (unlimited when 0). */
function startTcpProxy(targetPort: number, bytesPerSecond = 0): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let forwarded = 0;
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      forwarded += chunk.length;
      upstream.write(chunk);
      if (bytesPerSecond > 0) {
        client.pause();
        setTimeout(() => client.resume(), (chunk.length / bytesPerSecond) * 1000);
      }
    });
    upstream.pipe(client);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        forwarded: () => forwarded,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) {
              socket.destroy();
            }
            server.close(() => done());
          }),
      });
    });
  });
}

/** Pids of running processes whose command line contains `text` (Linux /proc). */
function processesWith(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitUntil(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function rejection(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof CliError, `a CliError, not ${error instanceof Error ? error.stack : String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('container CLI driver with a real dockerd and ecr-local', function () {
  this.timeout(300_000);
  const clock = new TestClock();
  let dockerd: PrivateDockerd;
  let ecrLocal: TestEcrLocal;
  let ecr: ECRClient;
  let registryPort: number;
  let folder: string;
  let userConfig: string;
  let helperLog: string;
  let driverEnv: NodeJS.ProcessEnv;
  const argvs: string[][] = [];
  const pids: number[] = [];
  const configs: string[] = [];
  const log: string[] = [];

  /** Records every argv and pid the driver spawns. */
  const recordingSpawner: Spawner = (file, args, options) => {
    argvs.push([file, ...args]);
    configs.push(options.env.DOCKER_CONFIG ?? '');
    const child = defaultSpawner(file, args, options);
    if (child.pid) {
      pids.push(child.pid);
    }
    return child;
  };
  const driver = (): ContainerCliDriver =>
    new ContainerCliDriver({ engine: 'docker', path: findProgram('docker') ?? 'docker' }, { env: driverEnv, spawn: recordingSpawner, log: (line) => log.push(line) });

  const token = async (): Promise<string> => {
    const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
    return Buffer.from(data?.authorizationToken ?? '', 'base64').toString().split(/:(.*)/s)[1] ?? '';
  };
  const loginFor = async (port = registryPort): Promise<RegistryLogin> => ({ registryHost: `127.0.0.1:${port}`, username: 'AWS', password: await token() });

  /** FROM scratch + one COPY per file, built by the classic builder through the test's own docker. */
  const build = async (tag: string, files: Record<string, Buffer | string>): Promise<void> => {
    const context = mkdtempSync(join(folder, 'context-'));
    const lines = ['FROM scratch'];
    Object.entries(files).forEach(([target, content], index) => {
      writeFileSync(join(context, `file${index}`), content);
      lines.push(`COPY file${index} /${target}`);
    });
    writeFileSync(join(context, 'Dockerfile'), `${lines.join('\n')}\n`);
    await dockerd.docker(['build', '-q', '-t', tag, context], { env: { DOCKER_BUILDKIT: '0' } });
  };

  before(async () => {
    dockerd = await startDockerd();
    ecrLocal = await startTestEcrLocal({ startDataPlane, now: clock.now });
    ecr = ecrLocal.ecr('eu-west-1');
    registryPort = Number(new URL(ecrLocal.local.url).port);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'team-a/api' }));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'base/runtime', imageTagMutability: 'IMMUTABLE' }));
    folder = mkdtempSync(join(tmpdir(), 'ecrx-clitest-'));

    // The user's docker config: a context that points at the private dockerd and is the current
    // one, with no DOCKER_HOST in the environment, so a push only works if the context is kept.
    userConfig = join(folder, 'user-docker-config');
    mkdirSync(userConfig);
    writeFileSync(join(userConfig, 'config.json'), '{}');
    await dockerd.docker(['context', 'create', 'ecrx-private', '--docker', `host=${dockerd.host}`], { env: { DOCKER_CONFIG: userConfig } });
    await dockerd.docker(['context', 'use', 'ecrx-private'], { env: { DOCKER_CONFIG: userConfig } });

    // A credential helper that docker would pick as the platform default (secretservice on
    // Linux when `pass` is absent) if the temporary config let it: it only records that it ran.
    const bin = join(folder, 'bin');
    mkdirSync(bin);
    helperLog = join(folder, 'helper.log');
    writeFileSync(join(bin, 'docker-credential-secretservice'), `#!/bin/sh\necho "$@" >> ${helperLog}\ncat > /dev/null\necho '{}'\n`);
    chmodSync(join(bin, 'docker-credential-secretservice'), 0o755);
    driverEnv = { ...dockerd.env, DOCKER_CONFIG: userConfig, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
    delete driverEnv.DOCKER_HOST;
  });

  after(async () => {
    await ecrLocal?.stop();
    await dockerd?.stop();
    if (folder) {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('would have stored the token in a credential helper with a plain empty config (the trap works)', async () => {
    const plain = join(folder, 'plain-config');
    mkdirSync(plain);
    writeFileSync(join(plain, 'config.json'), '{}');
    const password = await token();
    await dockerd.docker(['login', '--username', 'AWS', '--password-stdin', `127.0.0.1:${registryPort}`], { input: password, env: { DOCKER_CONFIG: plain, PATH: driverEnv.PATH } });
    assert.match(readFileSync(helperLog, 'utf8'), /store/);
    rmSync(helperLog);
  });

  it('logs in to a temporary config and pushes with layer events; a second push finds the layers there', async () => {
    const reference = `127.0.0.1:${registryPort}/team-a/api:1.0.0`;
    await build(reference, { 'a.bin': randomBytes(1024 * 1024), 'b.bin': randomBytes(1024 * 1024) });
    const userConfigBefore = sha256(join(userConfig, 'config.json'));
    const login = await loginFor();
    const events: PushEvent[] = [];
    let sessionFolder = '';
    const cli = driver();
    const [first, second] = await cli.withRegistryLogin(login, async (session) => {
      sessionFolder = session.folder;
      assert.match(readFileSync(join(session.folder, 'config.json'), 'utf8'), /"auth": "/, 'the token is in the temporary config');
      const one = await cli.push(reference, session, (event) => events.push(event));
      const two = await cli.push(reference, session, () => undefined);
      return [one, two];
    });
    assert.match(first.digest, /^sha256:[0-9a-f]{64}$/);
    assert.equal(first.tag, '1.0.0');
    assert.deepEqual(first.layers, { total: 2, pushed: 2, existed: 0, mounted: 0 });
    assert.deepEqual(second.layers, { total: 2, pushed: 0, existed: 2, mounted: 0 });
    assert.equal(second.digest, first.digest);
    assert.deepEqual(events.filter((event) => event.kind === 'layer').map((event) => (event.kind === 'layer' ? event.status : '')).sort(), ['preparing', 'preparing', 'pushed', 'pushed']);
    const described = await ecr.send(new DescribeImagesCommand({ repositoryName: 'team-a/api', imageIds: [{ imageTag: '1.0.0' }] }));
    assert.equal(described.imageDetails?.[0]?.imageDigest, first.digest);

    assert.equal(existsSync(sessionFolder), false, 'the temporary config is removed');
    assert.equal(sha256(join(userConfig, 'config.json')), userConfigBefore, 'the user\'s config is untouched');
    assert.equal(existsSync(helperLog), false, 'no credential helper was asked to store the token');
    assert.ok(argvs.length >= 3 && argvs.every((argv) => argv.every((arg) => !arg.includes(login.password))), 'the password is in no argv');
    assert.ok(log.every((line) => !line.includes(login.password)), 'nor in the log');
  });

  it('maps a push into a repository that does not exist to repository-not-found', async () => {
    const reference = `127.0.0.1:${registryPort}/team-a/missing:1`;
    await dockerd.docker(['tag', `127.0.0.1:${registryPort}/team-a/api:1.0.0`, reference]);
    const cli = driver();
    const error = await rejection(cli.withRegistryLogin(await loginFor(), (session) => cli.push(reference, session, () => undefined)));
    assert.equal(error.failure.kind, 'repository-not-found');
    assert.match(error.message, /'team-a\/missing' does not exist/);
  });

  it('maps pushing an existing tag of an immutable repository to tag-immutable', async () => {
    const reference = `127.0.0.1:${registryPort}/base/runtime:1`;
    await build(reference, { 'os-release': 'ID=first\n' });
    const cli = driver();
    await cli.withRegistryLogin(await loginFor(), (session) => cli.push(reference, session, () => undefined));
    await build(reference, { 'os-release': 'ID=second\n' });
    const error = await rejection(cli.withRegistryLogin(await loginFor(), (session) => cli.push(reference, session, () => undefined)));
    assert.equal(error.failure.kind, 'tag-immutable');
  });

  it('maps a wrong password to authentication, and still removes the temporary config', async () => {
    const cli = driver();
    const before = configs.length;
    const error = await rejection(cli.withRegistryLogin({ registryHost: `127.0.0.1:${registryPort}`, username: 'AWS', password: 'made-up-password' }, () => Promise.resolve()));
    assert.equal(error.failure.kind, 'authentication');
    assert.ok(!error.message.includes('made-up-password'));
    const used = configs.slice(before);
    assert.equal(used.length, 1);
    assert.match(used[0] ?? '', /ecrx-login-/, 'the login ran in a temporary config');
    assert.equal(existsSync(used[0] ?? ''), false, 'which is gone');
  });

  it('maps a registry that went away after the login to network', async () => {
    const proxy = await startTcpProxy(registryPort);
    const reference = `127.0.0.1:${proxy.port}/team-a/api:gone`;
    await dockerd.docker(['tag', `127.0.0.1:${registryPort}/team-a/api:1.0.0`, reference]);
    const cli = driver();
    const error = await rejection(
      cli.withRegistryLogin(await loginFor(proxy.port), async (session) => {
        await proxy.close();
        return cli.push(reference, session, () => undefined);
      }),
    );
    assert.equal(error.failure.kind, 'network');
    assert.match(error.message, /could not be reached \(.*connection refused/);
  });

  it('cancels a push mid-upload: rejects "cancelled", leaves no docker process and no image', async () => {
    const proxy = await startTcpProxy(registryPort, 2 * 1024 * 1024);
    try {
      const reference = `127.0.0.1:${proxy.port}/team-a/api:cancelled`;
      await build(reference, { 'big.bin': randomBytes(48 * 1024 * 1024) });
      const cli = driver();
      const controller = new AbortController();
      let layerEvents = 0;
      const pushing = cli.withRegistryLogin(await loginFor(proxy.port), (session) =>
        cli.push(reference, session, (event) => (layerEvents += event.kind === 'layer' ? 1 : 0), controller.signal),
      );
      const uploadStart = proxy.forwarded();
      // Mid-upload: the first layer event has come and the throttled proxy has passed on 4 MiB of the 48.
      await waitUntil('the upload to be under way', () => layerEvents > 0 && proxy.forwarded() - uploadStart > 4 * 1024 * 1024, 60_000);
      const started = Date.now();
      controller.abort();
      const error = await rejection(pushing);
      assert.equal(error.failure.kind, 'cancelled');
      assert.ok(Date.now() - started < 6_000, `cancelled within the grace period (${Date.now() - started} ms)`);
      assert.ok(proxy.forwarded() < 40 * 1024 * 1024, 'the upload stopped before its end');
      assert.deepEqual(processesWith(reference), [], 'no process is left pushing');
      assert.ok(pids.every((pid) => !existsSync(`/proc/${pid}`)), 'every docker the driver started has exited');
      const described = await ecr.send(new DescribeImagesCommand({ repositoryName: 'team-a/api', imageIds: [{ imageTag: 'cancelled' }] })).catch((failure: unknown) => failure);
      assert.ok(described instanceof Error && described.name === 'ImageNotFoundException', 'no image was written');
    } finally {
      await proxy.close();
    }
  });

  it('builds with --iidfile, build-arg values through the environment only', async () => {
    const context = mkdtempSync(join(folder, 'build-'));
    writeFileSync(join(context, 'Dockerfile'), 'FROM scratch\nARG NPM_TOKEN\nCOPY hello.txt /hello.txt\nLABEL token=${NPM_TOKEN}\n');
    writeFileSync(join(context, 'hello.txt'), 'hello\n');
    const secret = 'npm_0123456789abcdefghij';
    const cli = driver();
    const steps: string[] = [];
    const before = argvs.length;
    const { imageId } = await cli.build(
      { dockerfile: join(context, 'Dockerfile'), context, tags: [`127.0.0.1:${registryPort}/team-a/api:built`], buildArgs: { NPM_TOKEN: secret } },
      (event) => (event.kind === 'step' ? steps.push(`${event.index}/${event.total ?? '?'}`) : undefined),
    );
    assert.match(imageId, /^sha256:[0-9a-f]{64}$/);
    const inspected = await cli.inspectImage(`127.0.0.1:${registryPort}/team-a/api:built`);
    assert.equal(inspected?.id, imageId);
    assert.equal(inspected?.labels.token, secret, 'the value reached the build through the environment');
    assert.deepEqual(steps, ['1/4', '2/4', '3/4', '4/4']);
    assert.ok(argvs.slice(before).every((argv) => argv.every((arg) => !arg.includes(secret))));
    assert.ok(log.every((line) => !line.includes(secret)));
    assert.ok((await cli.listImages()).some((image) => image.id === imageId && image.references.includes(`127.0.0.1:${registryPort}/team-a/api:built`)));
  });
});
