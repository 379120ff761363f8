// Many repositories at once (seedRepositories / --repositories N): written straight into the
// store, realistic and spread, the same every time for a seed, within ECR's quota, saved once,
// and listed through the real SDK like any other repository.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRepositoryCommand, DescribeRepositoriesCommand, paginateDescribeRepositories, type Repository } from '@aws-sdk/client-ecr';
import { REPOSITORY_NAME } from './ecr/call';
import { seedBulkRepositories } from './seed/bulkRepositories';
import { EcrLocalStore } from './store';
import { startTestEcrLocal, TestClock, type TestEcrLocal } from './testing/harness';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

async function describeAll(env: TestEcrLocal, region: string): Promise<Repository[]> {
  const all: Repository[] = [];
  for await (const page of paginateDescribeRepositories({ client: env.ecr(region), pageSize: 1000 }, {})) {
    all.push(...(page.repositories ?? []));
  }
  return all;
}

describe('ecr-local bulk repositories', () => {
  it('adds 100,000 repositories (the quota) with realistic names and a spread of settings over six years', async () => {
    const clock = new TestClock();
    const store = await EcrLocalStore.open({ now: clock.now, log: () => undefined });
    const result = seedBulkRepositories(store, { count: 100_000, region: 'eu-west-1' });
    assert.deepEqual(result, { region: 'eu-west-1', created: 100_000, total: 100_000 });
    const repositories = [...store.region('eu-west-1').repositories.values()];
    assert.equal(repositories.length, 100_000);
    for (const repository of repositories) {
      assert.ok(REPOSITORY_NAME.pattern.test(repository.name) && repository.name.length <= REPOSITORY_NAME.max, repository.name);
    }
    const share = (test: (repository: (typeof repositories)[number]) => boolean) => repositories.filter(test).length / repositories.length;
    // Namespaces as organisations have them, several levels deep.
    for (const prefix of ['team-', 'platform/base-images/', 'platform/tools/', 'ml/models/', 'data/etl/', 'tools/charts/', 'legacy-']) {
      assert.ok(share((repository) => repository.name.startsWith(prefix)) > 0.005, prefix);
    }
    assert.ok(share((repository) => /^team-\d{3}\/[a-z-]+\/service-\d{3}/.test(repository.name)) > 0.01, 'three-level team names');
    assert.ok(share((repository) => repository.name.split('/').length === 1) > 0.01, 'single-level names');
    // Settings spread as in real registries: mostly mutable, AES256, no scan on push.
    assert.ok(share((repository) => repository.tagMutability === 'MUTABLE') > 0.6);
    for (const mode of ['IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION'] as const) {
      assert.ok(share((repository) => repository.tagMutability === mode) > 0.02, mode);
    }
    assert.ok(repositories.every((repository) => repository.tagMutability.endsWith('_WITH_EXCLUSION') === repository.tagMutabilityExclusionFilters.length > 0));
    const scanOnPush = share((repository) => repository.scanOnPush);
    assert.ok(scanOnPush > 0.3 && scanOnPush < 0.5, String(scanOnPush));
    assert.ok(share((repository) => repository.encryption.encryptionType === 'AES256') > 0.6);
    assert.ok(share((repository) => repository.encryption.encryptionType === 'KMS' && /^arn:aws:kms:eu-west-1:123456789012:key\//.test(repository.encryption.kmsKey ?? '')) > 0.05);
    assert.ok(share((repository) => repository.encryption.encryptionType === 'KMS_DSSE') > 0.01);
    const ages = repositories.map((repository) => clock.current - repository.createdAt);
    assert.ok(ages.every((age) => age >= 0 && age <= 6 * YEAR_MS));
    assert.ok(share((repository) => clock.current - repository.createdAt > 5 * YEAR_MS) > 0.1, 'some are years old');
    assert.ok(share((repository) => clock.current - repository.createdAt < YEAR_MS) > 0.1, 'some are recent');
    // The quota is full now, as CreateRepository would say.
    assert.throws(() => seedBulkRepositories(store, { count: 1, region: 'eu-west-1', seed: 99 }), /it already has 100000, and ECR allows at most 100000 per region; ask for at most 0 more/);
    await store.close();
  });

  it('makes the same repositories for the same seed and clock, others for another seed, and adds nothing when run again', async () => {
    const clock = new TestClock();
    const snapshot = async (seed?: number) => {
      const store = await EcrLocalStore.open({ now: clock.now, log: () => undefined });
      seedBulkRepositories(store, { count: 3000, ...(seed !== undefined ? { seed } : {}) });
      const repositories = [...store.region('us-east-1').repositories.values()].map((repository) => ({ ...repository, images: [...repository.images] }));
      const again = seedBulkRepositories(store, { count: 3000, ...(seed !== undefined ? { seed } : {}) });
      assert.deepEqual(again, { region: 'us-east-1', created: 0, total: 3000 }, 'seeding again adds nothing');
      return repositories;
    };
    const first = await snapshot();
    assert.deepEqual(await snapshot(), first);
    assert.equal(new Set(first.map((repository) => repository.name)).size, 3000);
    const other = await snapshot(7);
    assert.notDeepEqual(other.map((repository) => repository.name), first.map((repository) => repository.name));
  });

  it('leaves repositories already there alone and adds the rest', async () => {
    const store = await EcrLocalStore.open({ log: () => undefined });
    seedBulkRepositories(store, { count: 10 });
    const [kept] = [...store.region('us-east-1').repositories.values()];
    assert.ok(kept);
    kept.scanOnPush = !kept.scanOnPush;
    const result = seedBulkRepositories(store, { count: 20 });
    assert.deepEqual(result, { region: 'us-east-1', created: 10, total: 20 });
    assert.equal(store.region('us-east-1').repositories.get(kept.name), kept);
  });

  it('explains a bad count, region or seed', async () => {
    const store = await EcrLocalStore.open({ log: () => undefined });
    const bad: Array<[Parameters<typeof seedBulkRepositories>[1], RegExp]> = [
      [{ count: 0 }, /must be a whole number from 1 to 100000 \(ECR's quota per region\), not 0/],
      [{ count: 100_001 }, /not 100001/],
      [{ count: 2.5 }, /not 2.5/],
      [{ count: 5, region: 'Europe' }, /the region must look like eu-west-1, not "Europe"/],
      [{ count: 5, seed: 0.5 }, /the seed must be an integer/],
    ];
    for (const [options, message] of bad) {
      assert.throws(() => seedBulkRepositories(store, options), message);
    }
    assert.equal(store.regions.get('us-east-1')?.repositories.size ?? 0, 0);
  });

  it('saves the state once for the whole batch, and the repositories survive a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ecr-local-bulk-'));
    try {
      const store = await EcrLocalStore.open({ dataDir, log: () => undefined });
      let saves = 0;
      const changed = store.changed.bind(store);
      store.changed = () => {
        saves++;
        changed();
      };
      seedBulkRepositories(store, { count: 5000, region: 'ap-southeast-2' });
      assert.equal(saves, 1);
      const before = [...store.region('ap-southeast-2').repositories.values()];
      await store.close();

      const reopened = await EcrLocalStore.open({ dataDir, log: () => undefined });
      const after = [...reopened.region('ap-southeast-2').repositories.values()];
      assert.deepEqual(after, before);
      await reopened.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('are ordinary repositories to the SDK: listed, paged, and next to ones created by API calls', async () => {
    const env = await startTestEcrLocal({ seedRepositories: { count: 2500, region: 'eu-west-1' } });
    try {
      await env.ecr('eu-west-1').send(new CreateRepositoryCommand({ repositoryName: 'zzz/created-by-api' }));
      const result = env.local.seedRepositories({ count: 300, region: 'eu-central-1', seed: 3 });
      assert.deepEqual(result, { region: 'eu-central-1', created: 300, total: 300 });
      const listed = await describeAll(env, 'eu-west-1');
      assert.equal(listed.length, 2501);
      const names = listed.map((repository) => repository.repositoryName ?? '');
      assert.deepEqual(names, [...names].sort(), 'in name order');
      assert.ok(names.includes('zzz/created-by-api'));
      const sample = listed.find((repository) => repository.encryptionConfiguration?.encryptionType === 'KMS');
      assert.match(sample?.repositoryArn ?? '', /^arn:aws:ecr:eu-west-1:123456789012:repository\//);
      assert.ok(sample?.createdAt instanceof Date);
      assert.equal((await describeAll(env, 'eu-central-1')).length, 300);
      const one = await env.ecr('eu-west-1').send(new DescribeRepositoriesCommand({ repositoryNames: [names[0] ?? ''] }));
      assert.equal(one.repositories?.[0]?.repositoryName, names[0]);
      assert.throws(() => env.local.seedRepositories({ count: 100_000, region: 'eu-west-1' }), /ask for at most 97499 more/);
    } finally {
      await env.stop();
    }
  });
});
