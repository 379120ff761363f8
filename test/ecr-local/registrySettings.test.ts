// Registry-wide settings and the smaller repository resources: replication, pull through cache
// rules, repository policies, resource tags and GetAuthorizationToken.
import * as assert from 'node:assert/strict';
import {
  CreatePullThroughCacheRuleCommand,
  CreateRepositoryCommand,
  DeletePullThroughCacheRuleCommand,
  DeleteRepositoryPolicyCommand,
  DescribePullThroughCacheRulesCommand,
  DescribeRegistryCommand,
  GetAuthorizationTokenCommand,
  GetRepositoryPolicyCommand,
  ListTagsForResourceCommand,
  PutReplicationConfigurationCommand,
  SetRepositoryPolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type ECRClient,
} from '@aws-sdk/client-ecr';
import { expectAwsError, startTestEcrLocal, TestClock, type TestEcrLocal } from './testing/harness';

const REGION = 'eu-west-3';
const ARN = `arn:aws:ecr:${REGION}:123456789012:repository/app`;

describe('ecr-local registry settings', () => {
  let env: TestEcrLocal;
  let ecr: ECRClient;
  let clock: TestClock;

  beforeEach(async () => {
    clock = new TestClock();
    env = await startTestEcrLocal({ now: clock.now });
    ecr = env.ecr(REGION);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app', tags: [{ Key: 'team', Value: 'web' }] }));
  });
  afterEach(async () => {
    await env.stop();
  });

  it('describes the registry and stores a replication configuration', async () => {
    const empty = await ecr.send(new DescribeRegistryCommand({}));
    assert.equal(empty.registryId, '123456789012');
    assert.deepEqual(empty.replicationConfiguration, { rules: [] });
    const rules = [
      {
        destinations: [{ region: 'us-west-2', registryId: '123456789012' }],
        repositoryFilters: [{ filter: 'prod', filterType: 'PREFIX_MATCH' as const }],
      },
    ];
    const put = await ecr.send(new PutReplicationConfigurationCommand({ replicationConfiguration: { rules } }));
    assert.deepEqual(put.replicationConfiguration, { rules });
    assert.deepEqual((await ecr.send(new DescribeRegistryCommand({}))).replicationConfiguration, { rules });
    await expectAwsError(
      ecr.send(new PutReplicationConfigurationCommand({ replicationConfiguration: { rules: [{ destinations: [{ region: REGION, registryId: '123456789012' }] }] } })),
      'InvalidParameterException',
    );
    const eleven = Array.from({ length: 11 }, () => ({ destinations: [{ region: 'us-west-2', registryId: '123456789012' }] }));
    await expectAwsError(ecr.send(new PutReplicationConfigurationCommand({ replicationConfiguration: { rules: eleven } })), 'InvalidParameterException');
    await expectAwsError(
      ecr.send(new PutReplicationConfigurationCommand({ replicationConfiguration: { rules: [{ destinations: [{ region: 'us-west-2', registryId: '12' }] }] } })),
      'InvalidParameterException',
    );
  });

  it('creates, describes, pages and deletes pull through cache rules', async () => {
    const created = await ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'ecr-public', upstreamRegistryUrl: 'public.ecr.aws' }));
    assert.equal(created.upstreamRegistry, 'ecr-public');
    assert.equal(created.createdAt?.getTime(), clock.current);
    await ecr.send(
      new CreatePullThroughCacheRuleCommand({
        ecrRepositoryPrefix: 'docker-hub',
        upstreamRegistryUrl: 'registry-1.docker.io',
        credentialArn: 'arn:aws:secretsmanager:eu-west-3:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf',
      }),
    );
    await expectAwsError(
      ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'ecr-public', upstreamRegistryUrl: 'public.ecr.aws' })),
      'PullThroughCacheRuleAlreadyExistsException',
    );
    await expectAwsError(
      ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'hub2', upstreamRegistryUrl: 'registry-1.docker.io' })),
      'InvalidParameterException',
    );
    await expectAwsError(
      ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'mine', upstreamRegistryUrl: 'registry.example.com' })),
      'UnsupportedUpstreamRegistryException',
    );

    const all = await ecr.send(new DescribePullThroughCacheRulesCommand({}));
    assert.deepEqual(all.pullThroughCacheRules?.map((rule) => rule.ecrRepositoryPrefix), ['docker-hub', 'ecr-public']);
    const firstPage = await ecr.send(new DescribePullThroughCacheRulesCommand({ maxResults: 1 }));
    const secondPage = await ecr.send(new DescribePullThroughCacheRulesCommand({ maxResults: 1, nextToken: firstPage.nextToken }));
    assert.deepEqual(
      [...(firstPage.pullThroughCacheRules ?? []), ...(secondPage.pullThroughCacheRules ?? [])].map((rule) => rule.ecrRepositoryPrefix),
      ['docker-hub', 'ecr-public'],
    );
    assert.equal(secondPage.nextToken, undefined);
    await expectAwsError(
      ecr.send(new DescribePullThroughCacheRulesCommand({ ecrRepositoryPrefixes: ['quay'] })),
      'PullThroughCacheRuleNotFoundException',
    );
    const deleted = await ecr.send(new DeletePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'ecr-public' }));
    assert.equal(deleted.upstreamRegistryUrl, 'public.ecr.aws');
    await expectAwsError(ecr.send(new DeletePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'ecr-public' })), 'PullThroughCacheRuleNotFoundException');
  });

  it('sets, gets and deletes a repository policy, refusing malformed ones', async () => {
    await expectAwsError(ecr.send(new GetRepositoryPolicyCommand({ repositoryName: 'app' })), 'RepositoryPolicyNotFoundException', 400);
    const policyText = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'pull', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: ['ecr:BatchGetImage'] }],
    });
    const set = await ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'app', policyText }));
    assert.equal(set.policyText, policyText);
    assert.equal((await ecr.send(new GetRepositoryPolicyCommand({ repositoryName: 'app' }))).policyText, policyText);
    const removed = await ecr.send(new DeleteRepositoryPolicyCommand({ repositoryName: 'app' }));
    assert.equal(removed.policyText, policyText);
    await expectAwsError(ecr.send(new DeleteRepositoryPolicyCommand({ repositoryName: 'app' })), 'RepositoryPolicyNotFoundException');

    const notJson = await expectAwsError(ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'app', policyText: '{nope' })), 'InvalidParameterException');
    assert.match(notJson.message, /Invalid repository policy provided: not valid JSON/);
    await expectAwsError(
      ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'app', policyText: JSON.stringify({ Statement: [{ Action: '*' }] }) })),
      'InvalidParameterException',
    );
    await expectAwsError(ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'app', policyText: 'x'.repeat(10241) })), 'InvalidParameterException');
  });

  it('tags, lists and untags a repository by ARN', async () => {
    assert.deepEqual((await ecr.send(new ListTagsForResourceCommand({ resourceArn: ARN }))).tags, [{ Key: 'team', Value: 'web' }]);
    await ecr.send(new TagResourceCommand({ resourceArn: ARN, tags: [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'api' }] }));
    assert.deepEqual((await ecr.send(new ListTagsForResourceCommand({ resourceArn: ARN }))).tags, [
      { Key: 'team', Value: 'api' },
      { Key: 'env', Value: 'prod' },
    ]);
    await ecr.send(new UntagResourceCommand({ resourceArn: ARN, tagKeys: ['team', 'absent'] }));
    assert.deepEqual((await ecr.send(new ListTagsForResourceCommand({ resourceArn: ARN }))).tags, [{ Key: 'env', Value: 'prod' }]);

    await expectAwsError(ecr.send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:s3:::bucket' })), 'InvalidParameterException');
    await expectAwsError(ecr.send(new ListTagsForResourceCommand({ resourceArn: ARN.replace('/app', '/ghost') })), 'RepositoryNotFoundException');
    await expectAwsError(ecr.send(new TagResourceCommand({ resourceArn: ARN, tags: [{ Key: 'aws:x', Value: '1' }] })), 'InvalidTagParameterException');
    const fifty = Array.from({ length: 50 }, (_, index) => ({ Key: `k${index}`, Value: 'v' }));
    await expectAwsError(ecr.send(new TagResourceCommand({ resourceArn: ARN, tags: fifty })), 'TooManyTagsException');
  });

  it('hands out a 12-hour registry password for the signing region, with ecr-local as proxyEndpoint', async () => {
    const { authorizationData } = await ecr.send(new GetAuthorizationTokenCommand({}));
    assert.equal(authorizationData?.length, 1);
    const data = authorizationData?.[0];
    assert.equal(data?.proxyEndpoint, env.local.url);
    assert.equal(data?.expiresAt?.getTime(), clock.current + 12 * 60 * 60 * 1000);
    const decoded = Buffer.from(data?.authorizationToken ?? '', 'base64').toString('utf8');
    assert.match(decoded, /^AWS:/);
    const password = decoded.slice('AWS:'.length);
    assert.ok(password.length >= 32, 'a password that cannot be guessed');
    assert.deepEqual(env.local.store.checkToken(password), { region: REGION });
    assert.equal(env.local.store.checkToken('made-up'), 'unknown');
    clock.advance(12 * 60 * 60 * 1000);
    assert.equal(env.local.store.checkToken(password), 'expired');
    await expectAwsError(ecr.send(new GetAuthorizationTokenCommand({ registryIds: ['12'] })), 'InvalidParameterException');
  });
});
