// ecr-local's minimal STS (AssumeRole, GetCallerIdentity) through @aws-sdk/client-sts and through
// the credential provider of an assume-role profile (fromIni, with MFA), and which endpoint
// settings make that provider reach it. The provider's requests go through a guard that refuses
// any host but 127.0.0.1, so a setting that does not work shows up as the host it would have
// reached, and nothing leaves the machine.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { expectAwsError, startTestEcrLocal, TEST_CREDENTIALS, TestClock, type TestEcrLocal } from './testing/harness';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/explorer-readonly';
const MFA_SERIAL = 'arn:aws:iam::123456789012:mfa/alice';

describe('ecr-local STS', () => {
  let env: TestEcrLocal;
  let clock: TestClock;
  const clients: STSClient[] = [];
  const sts = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = TEST_CREDENTIALS) => {
    const client = new STSClient({ endpoint: env.local.url, region: 'eu-west-1', credentials, maxAttempts: 1 });
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    clock = new TestClock();
    env = await startTestEcrLocal({ now: clock.now });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) {
      client.destroy();
    }
    await env.stop();
  });

  describe('AssumeRole', () => {
    const assume = (input: Partial<AssumeRoleCommandInput> = {}) =>
      sts().send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'alice@example.com', ...input }));

    it('hands out temporary credentials for an hour by default, and for 900 to 43200 seconds when asked', async () => {
      const answer = await assume();
      const credentials = answer.Credentials;
      assert.match(credentials?.AccessKeyId ?? '', /^ASIA[A-Z2-7]{16}$/);
      assert.ok((credentials?.SecretAccessKey ?? '').length >= 40);
      assert.ok((credentials?.SessionToken ?? '').length > 100);
      assert.equal(credentials?.Expiration?.getTime(), clock.current + 3600_000);
      assert.equal(answer.AssumedRoleUser?.Arn, 'arn:aws:sts::123456789012:assumed-role/explorer-readonly/alice@example.com');
      assert.match(answer.AssumedRoleUser?.AssumedRoleId ?? '', /^AROA[A-Z2-7]{17}:alice@example\.com$/);
      for (const seconds of [900, 43200]) {
        const { Credentials } = await assume({ DurationSeconds: seconds });
        assert.equal(Credentials?.Expiration?.getTime(), clock.current + seconds * 1000);
        assert.notEqual(Credentials?.AccessKeyId, credentials?.AccessKeyId);
      }
    });

    it('refuses durations out of range, bad names and other accounts as STS does', async () => {
      const tooShort = await expectAwsError(assume({ DurationSeconds: 899 }), 'ValidationError', 400);
      assert.equal(tooShort.message, "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
      await expectAwsError(assume({ DurationSeconds: 43201 }), 'ValidationError', 400);
      await expectAwsError(assume({ RoleSessionName: 'has space' }), 'ValidationError', 400);
      await expectAwsError(assume({ RoleArn: 'arn:aws:iam::123456789012:user/not-a-role' }), 'ValidationError', 400);
      const foreign = await expectAwsError(assume({ RoleArn: 'arn:aws:iam::210987654321:role/elsewhere' }), 'AccessDenied', 403);
      assert.match(foreign.message, /^User: arn:aws:iam::123456789012:user\/ecr-local is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role\/elsewhere/);
    });

    it('with an MFA serial needs a six-digit TokenCode, and refuses 000000, other codes and none', async () => {
      const { Credentials } = await assume({ SerialNumber: MFA_SERIAL, TokenCode: '123456' });
      assert.match(Credentials?.AccessKeyId ?? '', /^ASIA/);
      for (const TokenCode of ['000000', '12345', '1234567', 'abcdef', undefined]) {
        const refused = await expectAwsError(assume({ SerialNumber: MFA_SERIAL, ...(TokenCode !== undefined ? { TokenCode } : {}) }), 'AccessDenied', 403);
        assert.equal(refused.message, 'MultiFactorAuthentication failed with invalid MFA one time pass code.', String(TokenCode));
      }
    });
  });

  describe('GetCallerIdentity', () => {
    it('names the user of long-term keys and the assumed role of session keys, until they expire', async () => {
      const user = await sts().send(new GetCallerIdentityCommand({}));
      assert.deepEqual({ Account: user.Account, Arn: user.Arn }, { Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ecr-local' });
      assert.match(user.UserId ?? '', /^AIDA/);

      const { Credentials, AssumedRoleUser } = await sts().send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'explorer', DurationSeconds: 900 }));
      const sessionCredentials = { accessKeyId: Credentials?.AccessKeyId ?? '', secretAccessKey: Credentials?.SecretAccessKey ?? '', sessionToken: Credentials?.SessionToken ?? '' };
      const role = await sts(sessionCredentials).send(new GetCallerIdentityCommand({}));
      assert.equal(role.Arn, 'arn:aws:sts::123456789012:assumed-role/explorer-readonly/explorer');
      assert.equal(role.UserId, AssumedRoleUser?.AssumedRoleId);
      assert.equal(role.Account, '123456789012');

      clock.advance(900_000);
      await expectAwsError(sts(sessionCredentials).send(new GetCallerIdentityCommand({})), 'ExpiredToken', 403);
      const unknown = { ...sessionCredentials, accessKeyId: 'ASIAUNKNOWNUNKNOWN22' };
      await expectAwsError(sts(unknown).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
    });
  });

  describe('on the wire', () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${env.local.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers }, body });

    it('answers XML in the STS envelope, and errors as STS ErrorResponse documents', async () => {
      const ok = await post(`Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(ROLE_ARN)}&RoleSessionName=a%40b`);
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('content-type'), 'text/xml');
      const text = await ok.text();
      assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<AssumeRoleResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><AssumeRoleResult><Credentials><AccessKeyId>ASIA/);
      assert.match(text, /<Expiration>2026-06-01T13:00:00Z<\/Expiration>/);
      assert.match(text, /<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/AssumeRoleResponse>/);

      const unsigned = await post('Action=GetCallerIdentity&Version=2011-06-15');
      assert.equal(unsigned.status, 403);
      assert.match(
        await unsigned.text(),
        /<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>Request is missing Authentication Token<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>/,
      );
      const unknownAction = await post('Action=GetSessionToken&Version=2011-06-15');
      assert.equal(unknownAction.status, 400);
      assert.match(await unknownAction.text(), /<Code>InvalidAction<\/Code><Message>Could not find operation GetSessionToken for version 2011-06-15<\/Message>/);
      assert.match(await (await post('Version=2011-06-15')).text(), /<Code>MissingAction<\/Code>/);
      const wrongScope = await post('Action=GetCallerIdentity&Version=2011-06-15', {
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIDX/20260601/us-east-1/ecr/aws4_request, SignedHeaders=host, Signature=00',
      });
      assert.equal(wrongScope.status, 403);
      assert.match(await wrongScope.text(), /<Code>SignatureDoesNotMatch<\/Code><Message>Credential should be scoped to correct service: 'sts'/);
    });

    it('leaves ECR where it was: a POST / with X-Amz-Target is still the ECR API', async () => {
      const { repositories } = await env.ecr().send(new DescribeRepositoriesCommand({}));
      assert.deepEqual(repositories, []);
    });

    it('takes injected faults under the names of the query protocol', async () => {
      env.local.setFaults('throttle:1');
      await expectAwsError(sts().send(new GetCallerIdentityCommand({})), 'Throttling', 400);
      env.local.setFaults('error500:1');
      await expectAwsError(sts().send(new GetCallerIdentityCommand({})), 'InternalFailure', 500);
      env.local.setFaults('');
      assert.equal((await sts().send(new GetCallerIdentityCommand({}))).Account, '123456789012');
    });
  });

  describe('reached by the credential provider of an assume-role profile with MFA', () => {
    let dir: string;
    let credentialsFile: string;
    let configFile: string;
    let savedEnv: NodeJS.ProcessEnv;
    const hosts: string[] = [];

    /** The SDK's handler, except that it refuses (and records) any host but 127.0.0.1. */
    class GuardedHandler extends NodeHttpHandler {
      override handle(...args: Parameters<NodeHttpHandler['handle']>): ReturnType<NodeHttpHandler['handle']> {
        const hostname = args[0].hostname;
        hosts.push(hostname);
        if (hostname !== '127.0.0.1') {
          return Promise.reject(new Error(`the test refused to let STS reach ${hostname}`));
        }
        return super.handle(...args);
      }
    }
    const guard = () => new GuardedHandler();

    const writeConfig = (extra: string) =>
      writeFile(
        configFile,
        `[profile explorer]\nrole_arn = ${ROLE_ARN}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nregion = eu-west-1\n${extra}`,
      );

    /** Resolves the profile's credentials as the explorer does; the MFA codes asked for are returned too. */
    const resolve = async (extraOptions: { endpoint?: string } = {}) => {
      hosts.length = 0;
      const asked: string[] = [];
      const credentials = await fromIni({
        profile: 'explorer',
        filepath: credentialsFile,
        configFilepath: configFile,
        ignoreCache: true,
        mfaCodeProvider: (serial) => {
          asked.push(serial);
          return Promise.resolve('123456');
        },
        clientConfig: { requestHandler: guard(), ...(extraOptions.endpoint !== undefined ? { endpoint: extraOptions.endpoint } : {}) },
      })();
      return { credentials, asked };
    };

    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ecr-local-sts-'));
      credentialsFile = join(dir, 'credentials');
      configFile = join(dir, 'config');
      await writeFile(credentialsFile, '[base]\naws_access_key_id = AKIDBASEEXAMPLE\naws_secret_access_key = base-secret\n');
      savedEnv = { ...process.env };
      // Only this test's settings: none of the machine's AWS variables.
      for (const name of Object.keys(process.env)) {
        if (name.startsWith('AWS_') && name !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED') {
          delete process.env[name];
        }
      }
    });
    afterEach(async () => {
      for (const name of Object.keys(process.env)) {
        if (!(name in savedEnv)) {
          delete process.env[name];
        }
      }
      Object.assign(process.env, savedEnv);
      await rm(dir, { recursive: true, force: true });
    });

    const expectSession = async (resolved: Awaited<ReturnType<typeof resolve>>) => {
      assert.match(resolved.credentials.accessKeyId, /^ASIA/);
      assert.equal(resolved.credentials.expiration?.getTime(), clock.current + 3600_000);
      assert.deepEqual(resolved.asked, [MFA_SERIAL]);
      assert.deepEqual(hosts, ['127.0.0.1']);
      // The credentials work against the same endpoint.
      const who = await sts({ ...resolved.credentials }).send(new GetCallerIdentityCommand({}));
      assert.match(who.Arn ?? '', /^arn:aws:sts::123456789012:assumed-role\/explorer-readonly\/aws-sdk-js-\d+$/);
    };

    it('works with AWS_ENDPOINT_URL_STS (or AWS_ENDPOINT_URL), whatever the profile says', async () => {
      await writeConfig('');
      process.env['AWS_ENDPOINT_URL_STS'] = env.local.url;
      await expectSession(await resolve());
      delete process.env['AWS_ENDPOINT_URL_STS'];
      process.env['AWS_ENDPOINT_URL'] = env.local.url;
      await expectSession(await resolve());
    });

    it('works with an endpoint passed in clientConfig', async () => {
      await writeConfig('');
      await expectSession(await resolve({ endpoint: env.local.url }));
    });

    it("does not read endpoint_url from the profile passed as `profile`: STS's endpoint comes from the AWS_PROFILE one", async () => {
      await writeConfig(`endpoint_url = ${env.local.url}\n`);
      await assert.rejects(resolve(), /the test refused to let STS reach sts\.eu-west-1\.amazonaws\.com/);
      // Not even when the files are also named by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE…
      process.env['AWS_CONFIG_FILE'] = configFile;
      process.env['AWS_SHARED_CREDENTIALS_FILE'] = credentialsFile;
      await assert.rejects(resolve(), /refused to let STS reach sts\.eu-west-1\.amazonaws\.com/);
      // …only when AWS_PROFILE names the same profile and AWS_CONFIG_FILE the file.
      process.env['AWS_PROFILE'] = 'explorer';
      await expectSession(await resolve());
      delete process.env['AWS_CONFIG_FILE'];
      await assert.rejects(resolve(), /refused to let STS reach sts\.eu-west-1\.amazonaws\.com/);
    });

    it('reads a [services] section the same way: only for the AWS_PROFILE profile', async () => {
      await writeConfig(`services = local\n\n[services local]\nsts =\n  endpoint_url = ${env.local.url}\n`);
      process.env['AWS_CONFIG_FILE'] = configFile;
      await assert.rejects(resolve(), /refused to let STS reach sts\.eu-west-1\.amazonaws\.com/);
      process.env['AWS_PROFILE'] = 'explorer';
      await expectSession(await resolve());
    });

    it('reports a wrong MFA code from the provider as STS AccessDenied', async () => {
      await writeConfig('');
      process.env['AWS_ENDPOINT_URL_STS'] = env.local.url;
      const provider = fromIni({
        profile: 'explorer',
        filepath: credentialsFile,
        configFilepath: configFile,
        ignoreCache: true,
        mfaCodeProvider: () => Promise.resolve('000000'),
        clientConfig: { requestHandler: guard() },
      });
      await assert.rejects(provider(), (error: Error) => error.name === 'AccessDenied' && /invalid MFA one time pass code/.test(error.message));
    });
  });
});
