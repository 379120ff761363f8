// EcrClients with real profiles in temporary AWS config files (through the `env` option):
// endpoint overrides, credential_process, SSO without a token, faults, the request log, a proxy.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { describeAwsProblem } from '../../../src/ecr/awsProblems';
import { EcrClients, type RequestLogEntry } from '../../../src/ecr/clients';
import { ENVIRONMENT_PROFILE, type AwsProblem, type Connection } from '../../../src/ecr/model';
import { createProxyAgents } from '../../../src/ecr/proxy';
import { createRepository, listRepositoriesPage } from '../../../src/ecr/repositories';
import { startTestEcrLocal, TEST_CREDENTIALS, type TestEcrLocal } from '../testing/harness';
import { TEST_TLS_CERT, TEST_TLS_KEY } from './selfSignedTls';

const REGION = 'eu-west-1';
const SECRET = 'ecr-local-profile-secret-value';
const ACCESS_KEY = 'AKIDPROFILEKEY123456';

async function problemOf(call: Promise<unknown>, connection: Connection): Promise<AwsProblem> {
  try {
    await call;
  } catch (error) {
    return describeAwsProblem(error, connection);
  }
  assert.fail('expected the call to fail');
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) {
    delete process.env[name];
  } else {
    process.env[name] = value;
  }
}

/** A forward proxy that records what passed through: absolute-URI requests and CONNECT tunnels (refused). */
async function startRecordingProxy(tunnelTo: readonly string[] = []): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    seen.push(`${incoming.method ?? ''} ${incoming.url ?? ''} auth=${incoming.headers['proxy-authorization'] ? 'yes' : 'no'}`);
    const target = new URL(incoming.url ?? '/');
    const headers = { ...incoming.headers };
    delete headers['proxy-authorization'];
    const forward = httpRequest({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: incoming.method, headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on('error', () => {
      outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forward);
  });
  // Tunnels leave the HTTP server's books: closeAllConnections() does not see them.
  const tunnels = new Set<Socket>();
  server.on('connect', (incoming, socket: Socket) => {
    seen.push(`CONNECT ${incoming.url ?? ''}`);
    tunnels.add(socket);
    socket.on('close', () => tunnels.delete(socket));
    const target = new URL(`tunnel://${incoming.url ?? ''}`);
    // Tunnels only to the hosts a test allows (127.0.0.1): nothing may leave this machine.
    if (!tunnelTo.includes(target.hostname)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(Number(target.port), target.hostname, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        tunnels.forEach((socket) => socket.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('EcrClients against ecr-local', function () {
  this.timeout(30_000);
  let ecrLocal: TestEcrLocal;
  let folder: string;
  let env: NodeJS.ProcessEnv;
  let clients: EcrClients | undefined;
  const log: RequestLogEntry[] = [];

  before(async () => {
    ecrLocal = await startTestEcrLocal();
    await createRepository(ecrLocal.ecr(REGION), {
      name: 'team/app',
      tagMutability: 'MUTABLE',
      tagMutabilityExclusions: [],
      scanOnPush: false,
      encryption: { type: 'AES256' },
      tags: [],
    });
  });
  after(async () => {
    await ecrLocal?.stop();
  });

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ecr-clients-'));
    const url = ecrLocal.local.url;
    const script = (name: string, body: object) => {
      const path = join(folder, `${name}.js`);
      return writeFile(path, `process.stdout.write(${JSON.stringify(JSON.stringify(body))});\n`).then(() => `"${process.execPath}" "${path}"`);
    };
    const goodProcess = await script('good', { Version: 1, AccessKeyId: ACCESS_KEY, SecretAccessKey: SECRET, Expiration: new Date(Date.now() + 3600_000).toISOString() });
    const expiredProcess = await script('expired', { Version: 1, AccessKeyId: ACCESS_KEY, SecretAccessKey: SECRET, Expiration: '2020-01-01T00:00:00Z' });
    const session = `ecr-explorer-test-${process.pid}-${Date.now()}`;
    await writeFile(
      join(folder, 'config'),
      [
        '[profile local]',
        `endpoint_url = ${url}`,
        '[profile via-services]',
        'services = local-ecr',
        '[services local-ecr]',
        'ecr =',
        `  endpoint_url = ${url}`,
        '[profile plain]',
        '[profile process]',
        `endpoint_url = ${url}`,
        `credential_process = ${goodProcess}`,
        '[profile process-expired]',
        `endpoint_url = ${url}`,
        `credential_process = ${expiredProcess}`,
        '[profile sso]',
        `endpoint_url = ${url}`,
        `sso_session = ${session}`,
        'sso_account_id = 123456789012',
        'sso_role_name = Developer',
        `[sso-session ${session}]`,
        'sso_start_url = https://example.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_registration_scopes = sso:account:access',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(folder, 'credentials'),
      ['local', 'via-services', 'plain'].map((name) => `[${name}]\naws_access_key_id = ${ACCESS_KEY}\naws_secret_access_key = ${SECRET}\n`).join(''),
    );
    env = {
      AWS_CONFIG_FILE: join(folder, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(folder, 'credentials'),
      HOME: folder,
      PATH: process.env['PATH'],
    };
    log.length = 0;
  });
  afterEach(async () => {
    clients?.dispose();
    clients = undefined;
    ecrLocal.local.setFaults('');
    await rm(folder, { recursive: true, force: true });
  });

  const make = (options: ConstructorParameters<typeof EcrClients>[0] = {}) => {
    clients = new EcrClients({ env, onRequest: (entry) => log.push(entry), ...options });
    return clients;
  };
  const names = async (connection: Connection) =>
    (await listRepositoriesPage((clients ?? make()).ecr(connection), {})).items.map((repository) => repository.name);

  it('honours AWS_ENDPOINT_URL_ECR from the environment it is given', async () => {
    env['AWS_ENDPOINT_URL_ECR'] = ecrLocal.local.url;
    make();
    assert.deepEqual(await names({ profile: 'plain', region: REGION }), ['team/app']);
    assert.equal(await clients?.accountId({ profile: 'plain', region: REGION }), '123456789012');
  });

  it("honours each profile's own endpoint_url and [services] section, not AWS_PROFILE's", async () => {
    env['AWS_PROFILE'] = 'plain';
    make();
    assert.deepEqual(await names({ profile: 'local', region: REGION }), ['team/app']);
    assert.deepEqual(await names({ profile: 'via-services', region: REGION }), ['team/app']);
  });

  it('keeps a profile without an override on the AWS endpoint even when AWS_PROFILE has one (seen through the proxy)', async () => {
    const proxy = await startRecordingProxy();
    try {
      env['AWS_PROFILE'] = 'local';
      make({ proxy: { url: proxy.url, strictSSL: true }, maxAttempts: 1 });
      const problem = await problemOf(names({ profile: 'plain', region: REGION }), { profile: 'plain', region: REGION });
      assert.deepEqual(proxy.seen, ['CONNECT api.ecr.eu-west-1.amazonaws.com:443']);
      assert.notEqual(problem.kind, 'no-credentials');
    } finally {
      await proxy.close();
    }
  });

  it("(why endpoints.ts exists) the SDK alone ignores the endpoint_url of the `profile` given to the client", async () => {
    const proxy = await startRecordingProxy();
    const saved = { config: process.env['AWS_CONFIG_FILE'], profile: process.env['AWS_PROFILE'] };
    process.env['AWS_CONFIG_FILE'] = env['AWS_CONFIG_FILE'];
    delete process.env['AWS_PROFILE'];
    const agents = createProxyAgents({ url: proxy.url, strictSSL: true });
    const client = new ECRClient({
      profile: 'local',
      region: REGION,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ httpAgent: agents.httpAgent, httpsAgent: agents.httpsAgent }),
    });
    try {
      await assert.rejects(client.send(new DescribeRepositoriesCommand({})));
      assert.deepEqual(proxy.seen, ['CONNECT api.ecr.eu-west-1.amazonaws.com:443'], 'the profile [local] points at ecr-local, yet the SDK went to AWS');
    } finally {
      client.destroy();
      agents.destroy();
      restore('AWS_CONFIG_FILE', saved.config);
      restore('AWS_PROFILE', saved.profile);
      await proxy.close();
    }
  });

  it('reads the environment pseudo-profile from AWS_ACCESS_KEY_ID & co.', async () => {
    env['AWS_ACCESS_KEY_ID'] = TEST_CREDENTIALS.accessKeyId;
    env['AWS_SECRET_ACCESS_KEY'] = TEST_CREDENTIALS.secretAccessKey;
    env['AWS_ENDPOINT_URL_ECR'] = ecrLocal.local.url;
    make();
    const connection = { profile: ENVIRONMENT_PROFILE, region: REGION };
    assert.deepEqual(await names(connection), ['team/app']);
    delete env['AWS_ACCESS_KEY_ID'];
    clients?.forget(ENVIRONMENT_PROFILE);
    const problem = await problemOf(names(connection), connection);
    assert.equal(problem.kind, 'no-credentials');
  });

  it('gets credentials from credential_process, and says when they are expired', async () => {
    make();
    assert.deepEqual(await names({ profile: 'process', region: REGION }), ['team/app']);
    const expired = { profile: 'process-expired', region: REGION };
    const problem = await problemOf(names(expired), expired);
    assert.equal(problem.kind, 'expired-credentials');
    assert.match(problem.message, /credential_process/);
  });

  it('asks for aws sso login when an SSO profile has no cached token', async () => {
    make();
    const connection = { profile: 'sso', region: REGION };
    const problem = await problemOf(names(connection), connection);
    assert.equal(problem.kind, 'sso-login', problem.message);
    assert.equal(problem.fixCommand, 'aws sso login --profile sso');
  });

  it('says which profile is missing', async () => {
    make();
    const connection = { profile: 'nowhere', region: REGION };
    const problem = await problemOf(names(connection), connection);
    assert.equal(problem.kind, 'no-credentials', problem.message);
  });

  it('retries throttling (adaptive) and then reports it as throttled', async () => {
    ecrLocal.local.setFaults('throttle:1');
    make({ maxAttempts: 3 });
    const connection = { profile: 'local', region: REGION };
    const problem = await problemOf(names(connection), connection);
    assert.equal(problem.kind, 'throttled');
    assert.equal(problem.retryable, true);
    assert.match(problem.message, /after 3 attempts/);
    assert.deepEqual(
      log.map((entry) => [entry.operation, entry.attempts, entry.errorName]),
      [['DescribeRepositories', 3, 'ThrottlingException']],
    );
  });

  it('does not retry ECR quota errors (LimitExceededException), which waiting does not cure', async () => {
    // A region at ECR's 100,000-repository quota refuses one more with LimitExceededException.
    const full = 'ap-south-1';
    ecrLocal.local.seedRepositories({ count: 100_000, region: full });
    make({ maxAttempts: 5 });
    const connection = { profile: 'local', region: full };
    const refusal = await createRepository(clients!.ecr(connection), {
      name: 'one-too-many',
      tagMutability: 'MUTABLE',
      tagMutabilityExclusions: [],
      scanOnPush: false,
      encryption: { type: 'AES256' },
      tags: [],
    }).then(
      () => assert.fail('the quota let one more repository in'),
      (error: unknown) => error as Error & { $metadata?: { attempts?: number } },
    );
    assert.equal(refusal.name, 'LimitExceededException');
    assert.equal(refusal.$metadata?.attempts, 1, 'one attempt, no retries');
    assert.deepEqual(log.map((entry) => [entry.operation, entry.attempts, entry.errorName]), [['CreateRepository', 1, 'LimitExceededException']]);
  });

  it('reports an expired token as expired credentials', async () => {
    ecrLocal.local.setFaults('expired-token');
    make();
    const connection = { profile: 'local', region: REGION };
    const problem = await problemOf(names(connection), connection);
    assert.equal(problem.kind, 'expired-credentials');
    assert.equal(problem.fixCommand, 'aws configure --profile local');
  });

  it('says which endpoint could not be reached', async () => {
    const closed = await startRecordingProxy();
    const url = closed.url;
    await closed.close();
    env['AWS_ENDPOINT_URL_ECR'] = url;
    make({ maxAttempts: 1 });
    const connection = { profile: 'plain', region: REGION };
    const problem = await problemOf(names(connection), connection);
    assert.equal(problem.kind, 'unreachable');
    assert.ok(problem.message.includes(new URL(url).host), problem.message);
  });

  it('logs one line per operation without any credential', async () => {
    make();
    const connection = { profile: 'local', region: REGION };
    await names(connection);
    await clients?.accountId(connection);
    await clients?.accountId(connection);
    await problemOf(clients?.ecr(connection).send(new DescribeRepositoriesCommand({ repositoryNames: ['missing'] })) ?? Promise.resolve(), connection);
    assert.deepEqual(
      log.map((entry) => [entry.operation, entry.errorName ?? 'ok', entry.httpStatus, entry.connection]),
      [
        ['DescribeRepositories', 'ok', 200, connection],
        ['DescribeRegistry', 'ok', 200, connection],
        ['DescribeRepositories', 'RepositoryNotFoundException', 400, connection],
      ],
      'the account id is asked for once',
    );
    for (const entry of log) {
      assert.ok(entry.durationMs >= 0);
    }
    const text = JSON.stringify(log);
    assert.ok(!text.includes(ACCESS_KEY) && !text.includes(SECRET), text);
  });

  it('caches one client per profile and region, and forget() drops them', () => {
    make();
    const a = clients?.ecr({ profile: 'local', region: REGION });
    assert.equal(clients?.ecr({ profile: 'local', region: REGION }), a);
    assert.notEqual(clients?.ecr({ profile: 'local', region: 'us-east-1' }), a);
    clients?.forget('local');
    assert.notEqual(clients?.ecr({ profile: 'local', region: REGION }), a);
    clients?.dispose();
    assert.throws(() => clients?.ecr({ profile: 'local', region: REGION }), /disposed/);
  });

  it('sends requests through the proxy, except to noProxy hosts', async () => {
    const proxy = await startRecordingProxy();
    try {
      make({ proxy: { url: proxy.url.replace('http://', 'http://user:proxy-pass@'), strictSSL: true } });
      assert.deepEqual(await names({ profile: 'local', region: REGION }), ['team/app']);
      assert.equal(proxy.seen.length, 1);
      assert.match(proxy.seen[0] ?? '', new RegExp(`^POST ${ecrLocal.local.url}/ auth=yes$`));
      assert.ok(!JSON.stringify(log).includes('proxy-pass'));
      clients?.dispose();

      proxy.seen.length = 0;
      make({ proxy: { url: proxy.url, strictSSL: true, noProxy: ['localhost', '127.0.0.1'] } });
      assert.deepEqual(await names({ profile: 'local', region: REGION }), ['team/app']);
      assert.deepEqual(proxy.seen, []);
    } finally {
      await proxy.close();
    }
  });

  it('checks the TLS certificate through the proxy unless strictSSL is off', async () => {
    // HTTPS with a self-signed certificate in front of ecr-local, reached through a CONNECT tunnel.
    const tls = createTlsServer({ cert: TEST_TLS_CERT, key: TEST_TLS_KEY }, (incoming, outgoing) => {
      const target = new URL(ecrLocal.local.url);
      const forward = httpRequest({ host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      incoming.pipe(forward);
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const proxy = await startRecordingProxy(['127.0.0.1']);
    try {
      const { port } = tls.address() as AddressInfo;
      env['AWS_ENDPOINT_URL_ECR'] = `https://127.0.0.1:${port}`;
      const connection = { profile: 'plain', region: REGION };
      make({ proxy: { url: proxy.url, strictSSL: true }, maxAttempts: 1 });
      const problem = await problemOf(names(connection), connection);
      assert.equal(problem.kind, 'unreachable', problem.message);
      assert.match(problem.message, /certificate/);
      clients?.dispose();

      make({ proxy: { url: proxy.url, strictSSL: false } });
      assert.deepEqual(await names(connection), ['team/app']);
      assert.ok(proxy.seen.length >= 2 && proxy.seen.every((line) => line === `CONNECT 127.0.0.1:${port}`), proxy.seen.join(', '));
    } finally {
      clients?.dispose();
      tls.closeAllConnections();
      await new Promise<void>((resolve) => tls.close(() => resolve()));
      await proxy.close();
    }
  });

  it('reports a proxy setting that is not usable on each request, with a clear message, without throwing from ecr()', async () => {
    make({ proxy: { url: 'ftp://user:hunter22@proxy.example.com', strictSSL: true } });
    const connection = { profile: 'local', region: REGION };
    const problem = await problemOf(names(connection), connection);
    assert.equal(problem.kind, 'unreachable');
    assert.match(problem.message, /proxy setting \(http\.proxy\) cannot be used: .*only http:\/\/ and https:\/\/ proxies/);
    assert.ok(!problem.message.includes('hunter22'));
    assert.deepEqual(log.map((entry) => entry.errorName), ['ProxySettingError']);
  });
});
