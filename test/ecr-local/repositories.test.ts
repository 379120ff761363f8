// CreateRepository, DescribeRepositories (paging over 1,000+), DeleteRepository and the
// per-repository settings, through the real @aws-sdk/client-ecr.
import * as assert from 'node:assert/strict';
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeRepositoriesCommand,
  paginateDescribeRepositories,
  PutImageScanningConfigurationCommand,
  PutImageTagMutabilityCommand,
  type ECRClient,
} from '@aws-sdk/client-ecr';
import { FakeDataPlane } from './testing/fakeDataPlane';
import { expectAwsError, startTestEcrLocal, type TestEcrLocal } from './testing/harness';

describe('ecr-local repositories', () => {
  let env: TestEcrLocal;
  let ecr: ECRClient;
  let dataPlane: FakeDataPlane;

  beforeEach(async () => {
    dataPlane = new FakeDataPlane();
    env = await startTestEcrLocal({ startDataPlane: dataPlane.start });
    ecr = env.ecr('eu-west-1');
  });
  afterEach(async () => {
    await env.stop();
  });

  it('creates a repository with ECR defaults and the names ECR derives', async () => {
    const before = Date.now();
    const { repository } = await ecr.send(new CreateRepositoryCommand({ repositoryName: 'team/web-app' }));
    assert.equal(repository?.repositoryArn, 'arn:aws:ecr:eu-west-1:123456789012:repository/team/web-app');
    assert.equal(repository?.registryId, '123456789012');
    assert.equal(repository?.repositoryUri, '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web-app');
    assert.equal(repository?.imageTagMutability, 'MUTABLE');
    assert.deepEqual(repository?.imageScanningConfiguration, { scanOnPush: false });
    assert.deepEqual(repository?.encryptionConfiguration, { encryptionType: 'AES256' });
    // Epoch seconds on the wire, a Date in the SDK: within this test's lifetime.
    const created = repository?.createdAt?.getTime() ?? 0;
    assert.ok(created >= before - 1000 && created <= Date.now() + 1000, String(repository?.createdAt));
  });

  it('keeps the settings given at creation', async () => {
    const { repository } = await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'secure',
        imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'latest*' }],
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: { encryptionType: 'KMS' },
        tags: [{ Key: 'team', Value: 'platform' }],
      }),
    );
    assert.equal(repository?.imageTagMutability, 'IMMUTABLE_WITH_EXCLUSION');
    assert.deepEqual(repository?.imageTagMutabilityExclusionFilters, [{ filterType: 'WILDCARD', filter: 'latest*' }]);
    assert.equal(repository?.imageScanningConfiguration?.scanOnPush, true);
    assert.equal(repository?.encryptionConfiguration?.encryptionType, 'KMS');
    assert.equal(repository?.encryptionConfiguration?.kmsKey, 'arn:aws:kms:eu-west-1:123456789012:alias/aws/ecr');
  });

  it('refuses names and settings ECR refuses, with ECR error names', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'taken' }));
    await expectAwsError(ecr.send(new CreateRepositoryCommand({ repositoryName: 'taken' })), 'RepositoryAlreadyExistsException', 400);
    const invalidNames = ['a', 'Upper', '-lead', 'trail-', 'double//slash', 'x'.repeat(257), 'sp ace'];
    for (const repositoryName of invalidNames) {
      const error = await expectAwsError(ecr.send(new CreateRepositoryCommand({ repositoryName })), 'InvalidParameterException', 400);
      assert.match(error.message, /Invalid parameter at 'repositoryName' failed to satisfy constraint/);
    }
    const short = await expectAwsError(ecr.send(new CreateRepositoryCommand({ repositoryName: 'a' })), 'InvalidParameterException');
    assert.match(short.message, /must have length greater than or equal to 2/);
    await expectAwsError(
      ecr.send(new CreateRepositoryCommand({ repositoryName: 'kms', encryptionConfiguration: { encryptionType: 'AES256', kmsKey: 'arn:aws:kms:x' } })),
      'InvalidParameterException',
    );
    const kms = await expectAwsError(
      ecr.send(new CreateRepositoryCommand({ repositoryName: 'kms2', encryptionConfiguration: { encryptionType: 'KMS', kmsKey: 'my-key' } })),
      'KmsException',
      400,
    );
    assert.equal((kms as unknown as { kmsError?: string }).kmsError, 'NotFoundException');
    const withKey = await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'kms3',
        encryptionConfiguration: { encryptionType: 'KMS_DSSE', kmsKey: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
      }),
    );
    assert.equal(withKey.repository?.encryptionConfiguration?.kmsKey, 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    await expectAwsError(
      ecr.send(new CreateRepositoryCommand({ repositoryName: 'mut', imageTagMutability: 'MUTABLE_WITH_EXCLUSION' })),
      'InvalidParameterException',
    );
    await expectAwsError(
      ecr.send(new CreateRepositoryCommand({ repositoryName: 'tags', tags: [{ Key: 'aws:reserved', Value: 'x' }] })),
      'InvalidTagParameterException',
    );
    const tooMany = Array.from({ length: 51 }, (_, index) => ({ Key: `k${index}`, Value: 'v' }));
    await expectAwsError(ecr.send(new CreateRepositoryCommand({ repositoryName: 'many', tags: tooMany })), 'TooManyTagsException');
    await expectAwsError(ecr.send(new CreateRepositoryCommand({ repositoryName: 'other', registryId: '999999999999' })), 'AccessDeniedException');
  });

  it('pages over 1,050 repositories with maxResults 1-1000, default 100, and an opaque nextToken', async () => {
    const names = Array.from({ length: 1050 }, (_, index) => `bulk/repo-${String(index).padStart(4, '0')}`);
    // Created through the API in parallel batches, as the SDK's default socket pool allows.
    for (let start = 0; start < names.length; start += 50) {
      await Promise.all(names.slice(start, start + 50).map((repositoryName) => ecr.send(new CreateRepositoryCommand({ repositoryName }))));
    }

    const firstPage = await ecr.send(new DescribeRepositoriesCommand({}));
    assert.equal(firstPage.repositories?.length, 100);
    assert.ok(firstPage.nextToken);

    const seen: string[] = [];
    for await (const page of paginateDescribeRepositories({ client: ecr, pageSize: 1000 }, {})) {
      assert.ok((page.repositories?.length ?? 0) <= 1000);
      seen.push(...(page.repositories ?? []).map((repository) => repository.repositoryName ?? ''));
    }
    assert.equal(seen.length, 1050);
    assert.deepEqual([...seen].sort(), [...names].sort());

    const small = await ecr.send(new DescribeRepositoriesCommand({ maxResults: 7 }));
    assert.equal(small.repositories?.length, 7);
    // A repository created between two pages is not lost, and none repeats.
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'zzz-late' }));
    const rest: string[] = [];
    for await (const page of paginateDescribeRepositories({ client: ecr, pageSize: 500, startingToken: small.nextToken }, {})) {
      rest.push(...(page.repositories ?? []).map((repository) => repository.repositoryName ?? ''));
    }
    assert.equal(rest.length, 1051 - 7);
    assert.ok(rest.includes('zzz-late'));

    for (const maxResults of [0, 1001]) {
      await expectAwsError(ecr.send(new DescribeRepositoriesCommand({ maxResults })), 'InvalidParameterException');
    }
    await expectAwsError(
      ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['bulk/repo-0001'], maxResults: 5 })),
      'InvalidParameterException',
    );
    await expectAwsError(ecr.send(new DescribeRepositoriesCommand({ nextToken: 'not-a-token' })), 'InvalidParameterException');
  });

  it('keeps paging right when repositories are created and deleted between pages (kept sorted index)', async () => {
    const names = Array.from({ length: 300 }, (_, index) => `team/svc-${String(index * 2).padStart(4, '0')}`);
    for (let start = 0; start < names.length; start += 50) {
      await Promise.all(names.slice(start, start + 50).map((repositoryName) => ecr.send(new CreateRepositoryCommand({ repositoryName }))));
    }
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    const expected = new Set(names);
    do {
      const page = await ecr.send(new DescribeRepositoriesCommand({ maxResults: 40, ...(nextToken !== undefined ? { nextToken } : {}) }));
      const pageNames = (page.repositories ?? []).map((repository) => repository.repositoryName ?? '');
      seen.push(...pageNames);
      nextToken = page.nextToken;
      pages++;
      const cursor = pageNames[pageNames.length - 1] ?? '';
      if (nextToken === undefined) {
        break;
      }
      // Between pages: one created behind the cursor (not listed now), one ahead of it (listed),
      // one not yet listed deleted (never listed), one already listed deleted (no effect).
      const behind = `team/svc-0000-behind-${pages}`;
      const ahead = `${cursor}-ahead`;
      await ecr.send(new CreateRepositoryCommand({ repositoryName: behind }));
      await ecr.send(new CreateRepositoryCommand({ repositoryName: ahead }));
      expected.add(ahead);
      const notYetListed = names.find((name) => name > cursor && expected.has(name) && name !== ahead);
      if (notYetListed !== undefined) {
        await ecr.send(new DeleteRepositoryCommand({ repositoryName: notYetListed }));
        expected.delete(notYetListed);
      }
      await ecr.send(new DeleteRepositoryCommand({ repositoryName: seen[pages] ?? '' }));
    } while (pages < 100);
    assert.deepEqual(seen, [...expected].sort(), 'each page continues after the last name returned, in name order, without repeats or gaps');
    assert.ok(pages > 5);
  });

  it('describes repositories by name and names the one that is missing', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'one' }));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'two' }));
    const found = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['two', 'one'] }));
    assert.deepEqual(found.repositories?.map((repository) => repository.repositoryName), ['two', 'one']);
    const error = await expectAwsError(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['one', 'nope'] })), 'RepositoryNotFoundException');
    assert.equal(error.message, "The repository with name 'nope' does not exist in the registry with id '123456789012'");
    await expectAwsError(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [] })), 'InvalidParameterException');
  });

  it('deletes an empty repository, and a non-empty one only with force, deleting its manifests', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'empty' }));
    const { repository } = await ecr.send(new DeleteRepositoryCommand({ repositoryName: 'empty' }));
    assert.equal(repository?.repositoryName, 'empty');
    await expectAwsError(ecr.send(new DeleteRepositoryCommand({ repositoryName: 'empty' })), 'RepositoryNotFoundException');

    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'full' }));
    const digest = dataPlane.push('eu-west-1', 'full', { tag: 'v1' });
    await expectAwsError(ecr.send(new DeleteRepositoryCommand({ repositoryName: 'full' })), 'RepositoryNotEmptyException', 400);
    await ecr.send(new DeleteRepositoryCommand({ repositoryName: 'full', force: true }));
    assert.deepEqual(dataPlane.deleted, [`eu-west-1/full@${digest}`]);
    assert.equal(env.local.store.repositoryExists('eu-west-1', 'full'), false);
  });

  it('changes tag mutability, with exclusion filters only where they belong', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app' }));
    const changed = await ecr.send(
      new PutImageTagMutabilityCommand({
        repositoryName: 'app',
        imageTagMutability: 'MUTABLE_WITH_EXCLUSION',
        imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'release-*' }],
      }),
    );
    assert.equal(changed.imageTagMutability, 'MUTABLE_WITH_EXCLUSION');
    assert.deepEqual(changed.imageTagMutabilityExclusionFilters, [{ filterType: 'WILDCARD', filter: 'release-*' }]);
    const described = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['app'] }));
    assert.equal(described.repositories?.[0]?.imageTagMutability, 'MUTABLE_WITH_EXCLUSION');

    await expectAwsError(
      ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'app', imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION' })),
      'InvalidParameterException',
    );
    await expectAwsError(
      ecr.send(
        new PutImageTagMutabilityCommand({
          repositoryName: 'app',
          imageTagMutability: 'IMMUTABLE',
          imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'x' }],
        }),
      ),
      'InvalidParameterException',
    );
    const sixFilters = Array.from({ length: 6 }, (_, index) => ({ filterType: 'WILDCARD' as const, filter: `f${index}` }));
    await expectAwsError(
      ecr.send(
        new PutImageTagMutabilityCommand({ repositoryName: 'app', imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: sixFilters }),
      ),
      'InvalidParameterException',
    );
    await expectAwsError(
      ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'app', imageTagMutability: 'SOMETIMES' as 'MUTABLE' })),
      'InvalidParameterException',
    );
    await expectAwsError(
      ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'missing', imageTagMutability: 'MUTABLE' })),
      'RepositoryNotFoundException',
    );
  });

  it('turns scan on push on and off', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'scanned' }));
    const answer = await ecr.send(
      new PutImageScanningConfigurationCommand({ repositoryName: 'scanned', imageScanningConfiguration: { scanOnPush: true } }),
    );
    assert.deepEqual(answer.imageScanningConfiguration, { scanOnPush: true });
    assert.equal(answer.registryId, '123456789012');
    const described = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['scanned'] }));
    assert.equal(described.repositories?.[0]?.imageScanningConfiguration?.scanOnPush, true);
    await expectAwsError(ecr.send(new PutImageScanningConfigurationCommand({ repositoryName: 'scanned', imageScanningConfiguration: undefined })), 'InvalidParameterException');
  });
});
