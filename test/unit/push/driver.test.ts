import * as assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../../../src/push/cliError';
import { ContainerCliDriver, tagOf } from '../../../src/push/driver';
import type { LoginSession } from '../../../src/push/loginConfig';
import type { BuildEvent, PushEvent } from '../../../src/push/model';
import { FakeCli } from './fakeCli';
import { fixture } from './fixtures';

const PASSWORD = 'eyJwYXlsb2FkIjoiZmFrZS1lY3ItdG9rZW4tZm9yLXRlc3RzIn0=';
const LOGIN = { registryHost: '127.0.0.1:5000', username: 'AWS', password: PASSWORD };

async function rejection(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof CliError, `a CliError, not ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('container CLI driver (fake CLI)', function () {
  this.timeout(20_000);
  let fake: FakeCli;
  let userConfig: string;
  const log: string[] = [];

  beforeEach(() => {
    fake = new FakeCli('docker');
    userConfig = mkdtempSync(join(tmpdir(), 'ecrx-userconfig-'));
    log.length = 0;
  });
  afterEach(() => {
    fake.remove();
    rmSync(userConfig, { recursive: true, force: true });
  });

  const docker = (behaviour: Parameters<FakeCli['env']>[0], extra: NodeJS.ProcessEnv = {}, killAfterMs?: number): ContainerCliDriver =>
    new ContainerCliDriver({ engine: 'docker', path: fake.path }, { env: fake.env(behaviour, { DOCKER_CONFIG: userConfig, ...extra }), log: (line) => log.push(line), killAfterMs });

  describe('withRegistryLogin', () => {
    it('logs in with the password on stdin only, into a temporary config that keeps the current context and no credential store', async () => {
      const userJson = JSON.stringify({ currentContext: 'remote', credsStore: 'desktop', auths: { 'other.example': { auth: 'dXNlcjpwYXNz' } } });
      writeFileSync(join(userConfig, 'config.json'), userJson);
      mkdirSync(join(userConfig, 'contexts', 'meta'), { recursive: true });
      const driver = docker({ login: { stdout: ['Login Succeeded'] } });
      let seen: LoginSession | undefined;
      const answer = await driver.withRegistryLogin(LOGIN, (session) => {
        seen = session;
        assert.ok(lstatSync(join(session.folder, 'contexts')).isSymbolicLink(), 'contexts links to the user\'s');
        assert.equal(lstatSync(session.folder).mode & 0o777, 0o700);
        return Promise.resolve(42);
      });
      assert.equal(answer, 42);
      const [call] = fake.calls();
      assert.deepEqual(call?.argv, ['login', '--username', 'AWS', '--password-stdin', '127.0.0.1:5000']);
      assert.equal(call?.stdin, PASSWORD);
      assert.equal(call?.dockerConfig, seen?.folder);
      assert.deepEqual(JSON.parse(call?.dockerConfigJson ?? '{}'), { auths: { '127.0.0.1:5000': {} }, currentContext: 'remote' });
      assert.equal(seen?.env.DOCKER_CONFIG, seen?.folder);
      assert.equal(existsSync(seen?.folder ?? ''), false, 'the temporary config is gone');
      assert.equal(readFileSync(join(userConfig, 'config.json'), 'utf8'), userJson, 'the user\'s config is untouched');
      assert.ok(existsSync(join(userConfig, 'contexts', 'meta')), 'the user\'s contexts survive the removal of the link');
      assert.ok(log.every((line) => !line.includes(PASSWORD)));
    });

    it('removes the temporary config when the work fails, and passes the failure on', async () => {
      const driver = docker({ login: {} });
      let folder = '';
      await assert.rejects(
        driver.withRegistryLogin(LOGIN, (session) => {
          folder = session.folder;
          return Promise.reject(new Error('work failed'));
        }),
        /work failed/,
      );
      assert.ok(folder !== '' && !existsSync(folder));
    });

    it('maps a refused login to authentication, redacts the password the CLI echoed, and removes the config', async () => {
      const driver = docker({ login: { echoStdin: true, stderr: ['Error response from daemon: login attempt to http://127.0.0.1:5000/v2/ failed with status: 401 Unauthorized'], exitCode: 1 } });
      let ran = false;
      const error = await rejection(driver.withRegistryLogin(LOGIN, () => Promise.resolve((ran = true))));
      assert.equal(ran, false);
      assert.equal(error.failure.kind, 'authentication');
      assert.ok(!error.message.includes(PASSWORD) && !(error.failure.detail ?? '').includes(PASSWORD));
      assert.ok(log.some((line) => line.includes('you said ***')), 'the echoed password is logged redacted');
      assert.ok(log.every((line) => !line.includes(PASSWORD)));
      const folder = fake.calls()[0]?.dockerConfig ?? '';
      assert.ok(folder !== '' && !existsSync(folder));
    });

    it('uses a temporary REGISTRY_AUTH_FILE with podman, and --tls-verify=false only for a loopback registry', async () => {
      const podman = new FakeCli('podman');
      try {
        const digest = `sha256:${'ab'.repeat(32)}`;
        const driver = new ContainerCliDriver(
          { engine: 'podman', path: podman.path },
          { env: podman.env({ login: {}, push: { stderr: fixture('podman-push-fresh').stderr, writeFileArg: { flag: '--digestfile', content: digest } } }) },
        );
        const events: PushEvent[] = [];
        const result = await driver.withRegistryLogin(LOGIN, (session) => driver.push('127.0.0.1:5000/team-a/api:1.0.0', session, (event) => events.push(event)));
        assert.deepEqual(result, { digest, tag: '1.0.0', layers: { total: 2, pushed: 2, existed: 0, mounted: 0 } });
        assert.deepEqual(events.at(-1), { kind: 'pushed', digest, tag: '1.0.0' });
        const [login, push] = podman.calls();
        const authFile = login?.registryAuthFile ?? '';
        assert.match(authFile, /ecrx-login-.*auth\.json$/);
        assert.deepEqual(login?.argv, ['login', '--authfile', authFile, '--tls-verify=false', '--username', 'AWS', '--password-stdin', '127.0.0.1:5000']);
        assert.equal(login?.stdin, PASSWORD);
        assert.equal(push?.argv.slice(0, 4).join(' '), `push --authfile ${authFile} --tls-verify=false`);
        assert.equal(push?.argv[4], '--digestfile');
        assert.equal(existsSync(authFile), false);

        const remote = await driver.withRegistryLogin({ ...LOGIN, registryHost: '123456789012.dkr.ecr.eu-west-1.amazonaws.com' }, () => Promise.resolve('ok'));
        assert.equal(remote, 'ok');
        assert.ok(!podman.calls()[2]?.argv.includes('--tls-verify=false'));
      } finally {
        podman.remove();
      }
    });
  });

  describe('push', () => {
    it('reports the parsed events and resolves with the digest, tag and layer counts of the recorded output', async () => {
      const recorded = fixture('docker-push-partly-existing');
      const driver = docker({ login: {}, push: { stdout: recorded.stdout } }, { DOCKER_HOST: 'unix:///tmp/elsewhere.sock' });
      const events: PushEvent[] = [];
      const result = await driver.withRegistryLogin(LOGIN, (session) => driver.push('127.0.0.1:5000/team-a/api:1.0.1', session, (event) => events.push(event)));
      assert.equal(result.tag, '1.0.1');
      assert.match(result.digest, /^sha256:[0-9a-f]{64}$/);
      assert.deepEqual(result.layers, { total: 2, pushed: 1, existed: 1, mounted: 0 });
      assert.deepEqual(events.filter((event) => event.kind === 'layer').map((event) => (event.kind === 'layer' ? event.status : '')), ['preparing', 'preparing', 'exists', 'pushed']);
      const push = fake.calls()[1];
      assert.deepEqual(push?.argv, ['push', '127.0.0.1:5000/team-a/api:1.0.1']);
      assert.equal(push?.env.DOCKER_HOST, 'unix:///tmp/elsewhere.sock', 'DOCKER_HOST reaches the CLI');
      assert.equal(push?.dockerConfig, fake.calls()[0]?.dockerConfig, 'the push uses the login\'s config');
    });

    it('tags and logs in, then pushes the tagged reference with the login\'s config and removes it (tagAndPush)', async () => {
      const recorded = fixture('docker-push-fresh');
      const driver = docker({ login: {}, tag: {}, push: { stdout: recorded.stdout } });
      let loggedIn = 0;
      const result = await driver.tagAndPush(LOGIN, 'local/app:1', '127.0.0.1:5000/team-a/api:1.0.0', () => undefined, { onLoggedIn: () => loggedIn++ });
      assert.match(result.digest, /^sha256:[0-9a-f]{64}$/);
      assert.equal(loggedIn, 1);
      const calls = fake.calls();
      assert.deepEqual(calls.map((call) => call.argv[0]).sort(), ['login', 'push', 'tag']);
      assert.equal(calls[2]?.argv[0], 'push', 'the push starts last');
      assert.deepEqual(calls.find((call) => call.argv[0] === 'tag')?.argv, ['tag', 'local/app:1', '127.0.0.1:5000/team-a/api:1.0.0']);
      const login = calls.find((call) => call.argv[0] === 'login');
      assert.equal(calls[2]?.dockerConfig, login?.dockerConfig, 'the push uses the login\'s config');
      assert.equal(existsSync(login?.dockerConfig ?? ''), false, 'the temporary config is gone');
    });

    it('does not push when the tag fails, and removes the login (tagAndPush)', async () => {
      const driver = docker({ login: {}, tag: { stderr: fixture('docker-push-no-local-image').stderr, exitCode: 1 } });
      const error = await rejection(driver.tagAndPush(LOGIN, 'gone:1', '127.0.0.1:5000/team-a/api:1', () => undefined));
      assert.notEqual(error.failure.kind, 'cancelled');
      assert.equal(fake.calls().some((call) => call.argv[0] === 'push'), false);
      const login = fake.calls().find((call) => call.argv[0] === 'login');
      assert.equal(existsSync(login?.dockerConfig ?? ''), false);
    });

    it('rejects with the mapped failure of a recorded failed push', async () => {
      const recorded = fixture('docker-push-immutable-tag');
      const driver = docker({ login: {}, push: { stdout: recorded.stdout, stderr: recorded.stderr, exitCode: 1 } });
      const error = await rejection(driver.withRegistryLogin(LOGIN, (session) => driver.push('127.0.0.1:5000/base/runtime:1', session, () => undefined)));
      assert.equal(error.failure.kind, 'tag-immutable');
    });

    it('cancels on abort with SIGINT: rejects "cancelled" once the process has exited', async () => {
      const driver = docker({ login: {}, push: { stdout: ['The push refers to repository [127.0.0.1:5000/team-a/api]', 'a1b2c3d4e5f6: Preparing'], hangMs: 60_000 } });
      const controller = new AbortController();
      const started = Date.now();
      const error = await rejection(
        driver.withRegistryLogin(LOGIN, (session) =>
          driver.push('127.0.0.1:5000/team-a/api:1', session, (event) => {
            if (event.kind === 'layer') {
              controller.abort();
            }
          }, controller.signal),
        ),
      );
      assert.equal(error.failure.kind, 'cancelled');
      assert.ok(Date.now() - started < 10_000);
      const push = fake.calls()[1];
      assert.ok(push && !isRunning(push.pid), 'the push process is gone');
      assert.ok(!existsSync(push.dockerConfig ?? ''), 'the login config is gone');
    });

    it('kills a CLI that ignores SIGINT after the grace period', async () => {
      const driver = docker({ login: {}, push: { stdout: ['a1b2c3d4e5f6: Preparing'], hangMs: 60_000, ignoreSigint: true } }, {}, 300);
      const controller = new AbortController();
      const error = await rejection(
        driver.withRegistryLogin(LOGIN, (session) => driver.push('127.0.0.1:5000/team-a/api:1', session, () => controller.abort(), controller.signal)),
      );
      assert.equal(error.failure.kind, 'cancelled');
      assert.ok(log.includes('ignoring SIGINT'), 'SIGINT came first');
      const push = fake.calls()[1];
      assert.ok(push && !isRunning(push.pid));
    });

    it('does not start anything when the signal is already aborted', async () => {
      const driver = docker({ login: {} });
      const error = await rejection(driver.withRegistryLogin(LOGIN, () => Promise.resolve(1), AbortSignal.abort()));
      assert.equal(error.failure.kind, 'cancelled');
      assert.deepEqual(fake.calls(), []);
    });
  });

  describe('build', () => {
    it('passes build args by name (values through the environment, never argv or the log) and reads the id from --iidfile', async () => {
      const id = `sha256:${'cd'.repeat(32)}`;
      const recorded = fixture('docker-build-classic');
      const driver = docker({ build: { stdout: recorded.stdout, writeFileArg: { flag: '--iidfile', content: id } } });
      const events: BuildEvent[] = [];
      const secret = 's3cr3t-npm-token-value';
      const proxy = 'http://user:proxy-password@proxy:3128';
      const result = await driver.build(
        { dockerfile: '/w/Dockerfile', context: '/w', tags: ['a:1', 'a:latest'], buildArgs: { SECRET_TOKEN: secret, HTTP_PROXY: proxy }, platform: 'linux/amd64' },
        (event) => events.push(event),
      );
      assert.deepEqual(result, { imageId: id });
      const [call] = fake.calls();
      const iidFile = call?.argv[call.argv.indexOf('--iidfile') + 1] ?? '';
      assert.deepEqual(call?.argv, ['build', '-f', '/w/Dockerfile', '-t', 'a:1', '-t', 'a:latest', '--iidfile', iidFile, '--build-arg', 'SECRET_TOKEN', '--build-arg', `HTTP_PROXY=${proxy}`, '--platform', 'linux/amd64', '/w']);
      assert.equal(call?.env.SECRET_TOKEN, secret);
      assert.equal(call?.env.BUILDKIT_PROGRESS, 'plain');
      assert.equal(existsSync(iidFile), false, 'the iid file\'s folder is removed');
      assert.equal(events.filter((event) => event.kind === 'step').length, 4);
      assert.deepEqual(events.at(-1), { kind: 'built', imageId: id });
      assert.ok(log.length > 0 && log.every((line) => !line.includes(secret) && !line.includes(proxy)), 'no build-arg value in the log');
    });

    it('maps a recorded failed build to build-failed naming the step', async () => {
      const recorded = fixture('docker-build-classic-failed');
      const driver = docker({ build: { stdout: recorded.stdout, stderr: recorded.stderr, exitCode: 1 } });
      const error = await rejection(driver.build({ dockerfile: 'Dockerfile', context: '.', tags: ['broken:1'] }, () => undefined));
      assert.equal(error.failure.kind, 'build-failed');
      assert.match(error.message, /step 3\/4/);
    });

    it('refuses a build-arg name that is not one', async () => {
      const error = await rejection(docker({}).build({ dockerfile: 'Dockerfile', context: '.', tags: [], buildArgs: { 'A B': 'x' } }, () => undefined));
      assert.match(error.message, /'A B' is not valid/);
      assert.deepEqual(fake.calls(), []);
    });
  });

  describe('images', () => {
    it('lists docker images grouped by id with their references, sizes and dates', async () => {
      const row = (id: string, repository: string, tag: string) => JSON.stringify({ ID: id, Repository: repository, Tag: tag, Size: '16.8MB', CreatedAt: '2024-05-01 12:00:00 +0000 UTC' });
      const a = `sha256:${'a'.repeat(64)}`;
      const b = `sha256:${'b'.repeat(64)}`;
      const driver = docker({ image: { stdout: [row(a, 'team-a/api', '1'), row(a, 'team-a/api', 'latest'), row(b, '<none>', '<none>')] } });
      assert.deepEqual(await driver.listImages(), [
        { id: a, references: ['team-a/api:1', 'team-a/api:latest'], sizeBytes: 16_800_000, createdAt: new Date('2024-05-01T12:00:00Z') },
        { id: b, references: [], sizeBytes: 16_800_000, createdAt: new Date('2024-05-01T12:00:00Z') },
      ]);
      assert.deepEqual(fake.calls()[0]?.argv, ['image', 'ls', '--no-trunc', '--format', '{{json .}}']);
    });

    it('inspects an image, and answers undefined for one that does not exist', async () => {
      const found = docker({ image: { stdout: [JSON.stringify([{ Id: 'sha256:1', RepoTags: ['a:1'], RepoDigests: null, Size: 5, Config: { Labels: { x: 'y' } } }])] } });
      assert.deepEqual(await found.inspectImage('a:1'), { id: 'sha256:1', references: ['a:1'], repoDigests: [], sizeBytes: 5, labels: { x: 'y' } });
      const missing = docker({ image: { stdout: ['[]'], stderr: ['Error: No such image: a:2'], exitCode: 1 } });
      assert.equal(await missing.inspectImage('a:2'), undefined);
    });

    it('maps an unreachable daemon while tagging', async () => {
      const driver = docker({ tag: { stderr: fixture('docker-push-daemon-unreachable').stderr, exitCode: 1 } });
      assert.equal((await rejection(driver.tag('a:1', 'b:1'))).failure.kind, 'daemon-unreachable');
    });

    it('says the CLI is missing when its program is gone', async () => {
      const driver = new ContainerCliDriver({ engine: 'docker', path: join(fake.folder, 'gone') });
      const error = await rejection(driver.listImages());
      assert.equal(error.failure.kind, 'cli-missing');
      assert.match(error.message, /ecrExplorer\.containerCli/);
    });
  });

  it('reads the tag of a reference, not a registry port or a digest', () => {
    assert.equal(tagOf('127.0.0.1:5000/team-a/api:1.0.0'), '1.0.0');
    assert.equal(tagOf('127.0.0.1:5000/team-a/api'), undefined);
    assert.equal(tagOf('host/a@sha256:00'), undefined);
  });
});
