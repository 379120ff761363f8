// The core's repository, image and storage operations against ecr-local through the real SDK.
import * as assert from 'node:assert/strict';
import { CreateRepositoryCommand, DescribeImagesCommand, ListTagsForResourceCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { deleteImages, describeImagesByDigest, imageUri, listImagesPage, pullCommand, startImageScan } from '../../../src/ecr/images';
import {
  countImages,
  createRepository,
  deleteRepository,
  getRepository,
  listRepositoriesPage,
  setScanOnPush,
  setTagMutability,
} from '../../../src/ecr/repositories';
import { estimateRegionStorage, estimateRepositoryStorage, monthlyCost } from '../../../src/ecr/storage';
import { FakeDataPlane } from '../testing/fakeDataPlane';
import { expectAwsError, startTestEcrLocal, TestClock, type TestEcrLocal } from '../testing/harness';

const REGION = 'eu-west-1';
const GB = 1024 ** 3;

describe('ECR core operations against ecr-local', () => {
  let env: TestEcrLocal;
  let ecr: ECRClient;
  let dataPlane: FakeDataPlane;
  let clock: TestClock;

  beforeEach(async () => {
    dataPlane = new FakeDataPlane();
    clock = new TestClock();
    env = await startTestEcrLocal({ startDataPlane: dataPlane.start, now: clock.now });
    ecr = env.ecr(REGION);
  });
  afterEach(async () => {
    await env.stop();
  });

  function push(repository: string, options: Parameters<FakeDataPlane['push']>[2] = {}): string {
    clock.advance(60_000);
    return dataPlane.push(REGION, repository, options);
  }

  async function pageThrough(maxResults?: number): Promise<{ pages: number[]; names: Set<string> }> {
    const pages: number[] = [];
    const names = new Set<string>();
    let nextToken: string | undefined;
    do {
      const page = await listRepositoriesPage(ecr, { ...(nextToken ? { nextToken } : {}), ...(maxResults ? { maxResults } : {}) });
      pages.push(page.items.length);
      page.items.forEach((repository) => names.add(repository.name));
      nextToken = page.nextToken;
    } while (nextToken);
    return { pages, names };
  }

  it('pages 1,050 repositories: 1,000 + 50 with maxResults 1000, 11 pages by default', async () => {
    const seeded = env.local.seedRepositories({ count: 1050, region: REGION });
    assert.equal(seeded.total, 1050);
    const big = await pageThrough(1000);
    assert.deepEqual(big.pages, [1000, 50]);
    assert.equal(big.names.size, 1050);
    const small = await pageThrough();
    assert.equal(small.pages.length, 11);
    assert.deepEqual(small.pages.slice(0, 10), Array(10).fill(100));
    assert.equal(small.pages[10], 50);
    assert.deepEqual(small.names, big.names);
  });

  it('stops a page request when its signal is aborted', async () => {
    env.local.setFaults('latency:2000');
    const controller = new AbortController();
    const pending = listRepositoriesPage(ecr, {}, controller.signal);
    controller.abort();
    await assert.rejects(pending, (error: Error) => error.name === 'AbortError');
  });

  it('creates a repository with every setting and reads it back', async () => {
    const created = await createRepository(ecr, {
      name: 'team-a/api',
      tagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      tagMutabilityExclusions: ['dev-*', 'latest'],
      scanOnPush: true,
      encryption: { type: 'KMS', kmsKey: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
      tags: [
        { key: 'team', value: 'a' },
        { key: 'env', value: 'prod' },
      ],
    });
    assert.equal(created.name, 'team-a/api');
    assert.equal(created.uri, '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team-a/api');
    assert.equal(created.registryId, '123456789012');
    assert.equal(created.tagMutability, 'IMMUTABLE_WITH_EXCLUSION');
    assert.deepEqual(created.tagMutabilityExclusions, ['dev-*', 'latest']);
    assert.equal(created.scanOnPush, true);
    assert.equal(created.encryption.type, 'KMS');
    assert.match(created.encryption.kmsKey ?? '', /key\/1234abcd/);
    assert.deepEqual(await getRepository(ecr, 'team-a/api'), created);
    const { tags } = await ecr.send(new ListTagsForResourceCommand({ resourceArn: created.arn }));
    assert.deepEqual(tags, [
      { Key: 'team', Value: 'a' },
      { Key: 'env', Value: 'prod' },
    ]);
  });

  it('creates with defaults: AES256 ignores a stray KMS key, no exclusions sent for MUTABLE', async () => {
    const created = await createRepository(ecr, {
      name: 'plain',
      tagMutability: 'MUTABLE',
      tagMutabilityExclusions: ['ignored-*'],
      scanOnPush: false,
      encryption: { type: 'AES256', kmsKey: 'not-used' },
      tags: [],
    });
    assert.deepEqual(
      { mutability: created.tagMutability, exclusions: created.tagMutabilityExclusions, encryption: created.encryption, scan: created.scanOnPush },
      { mutability: 'MUTABLE', exclusions: [], encryption: { type: 'AES256' }, scan: false },
    );
    await expectAwsError(createRepository(ecr, { ...minimal('plain') }), 'RepositoryAlreadyExistsException');
    await expectAwsError(getRepository(ecr, 'missing'), 'RepositoryNotFoundException');
  });

  it('deletes an empty repository; a non-empty one only with force, after counting its images', async () => {
    await createRepository(ecr, minimal('empty'));
    await deleteRepository(ecr, 'empty', { force: false });
    await expectAwsError(getRepository(ecr, 'empty'), 'RepositoryNotFoundException');

    await createRepository(ecr, minimal('full'));
    const digest = push('full', { tag: 'v1' });
    push('full', { tag: 'v2', digest });
    push('full', { tag: 'v3' });
    push('full');
    assert.equal(await countImages(ecr, 'full'), 3, 'three digests, one of them with two tags, one untagged');
    await expectAwsError(deleteRepository(ecr, 'full', { force: false }), 'RepositoryNotEmptyException');
    await deleteRepository(ecr, 'full', { force: true });
    await expectAwsError(getRepository(ecr, 'full'), 'RepositoryNotFoundException');
  });

  it('changes tag mutability with exclusions and back, and toggles scan on push', async () => {
    await createRepository(ecr, minimal('app'));
    const immutable = await setTagMutability(ecr, 'app', 'MUTABLE_WITH_EXCLUSION', ['release-*']);
    assert.equal(immutable.tagMutability, 'MUTABLE_WITH_EXCLUSION');
    assert.deepEqual(immutable.tagMutabilityExclusions, ['release-*']);
    const mutable = await setTagMutability(ecr, 'app', 'MUTABLE', ['release-*']);
    assert.equal(mutable.tagMutability, 'MUTABLE');
    assert.deepEqual(mutable.tagMutabilityExclusions, []);
    await expectAwsError(setTagMutability(ecr, 'app', 'IMMUTABLE_WITH_EXCLUSION', []), 'InvalidParameterException');

    await setScanOnPush(ecr, 'app', true);
    assert.equal((await getRepository(ecr, 'app')).scanOnPush, true);
    await setScanOnPush(ecr, 'app', false);
    assert.equal((await getRepository(ecr, 'app')).scanOnPush, false);
  });

  it('lists images newest first, untagged included, page by page', async () => {
    await createRepository(ecr, minimal('app'));
    const digests = Array.from({ length: 5 }, (_, index) => push('app', index === 2 ? {} : { tag: `v${index}`, sizeInBytes: 1000 * (index + 1) }));
    const first = await listImagesPage(ecr, 'app', { maxResults: 3 });
    assert.equal(first.items.length, 3);
    assert.ok(first.nextToken);
    const second = await listImagesPage(ecr, 'app', { nextToken: first.nextToken, maxResults: 3 });
    assert.equal(second.nextToken, undefined);
    const all = [...first.items, ...second.items];
    assert.deepEqual(new Set(all.map((image) => image.digest)), new Set(digests));
    for (const page of [first.items, second.items]) {
      const times = page.map((image) => image.pushedAt?.getTime() ?? 0);
      assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first within a page');
    }
    const untagged = all.find((image) => image.digest === digests[2]);
    assert.deepEqual(untagged?.tags, []);
    assert.equal(untagged?.isIndex, false);
    const v4 = all.find((image) => image.tags.includes('v4'));
    assert.equal(v4?.sizeBytes, 5000);
    assert.equal(v4?.manifestMediaType, 'application/vnd.docker.distribution.manifest.v2+json');
  });

  it('describes images by digest in chunks of 100, skipping unknown digests', async () => {
    await createRepository(ecr, minimal('many'));
    const digests = Array.from({ length: 120 }, (_, index) => push('many', { tag: `t${index}` }));
    const unknown = `sha256:${'0'.repeat(64)}`;
    const images = await describeImagesByDigest(ecr, 'many', [...digests.slice(0, 110), unknown, digests[0] ?? '']);
    assert.equal(images.length, 110);
    assert.deepEqual(new Set(images.map((image) => image.digest)), new Set(digests.slice(0, 110)));
  });

  it('deletes a tag (the image stays while it has another) or a digest (the image and its tags), reporting failures per target', async () => {
    await createRepository(ecr, minimal('app'));
    const shared = push('app', { tag: 'a' });
    push('app', { tag: 'b', digest: shared });
    const other = push('app', { tag: 'c' });
    const missing = `sha256:${'f'.repeat(64)}`;

    const byTag = await deleteImages(ecr, 'app', [{ tag: 'a' }, { tag: 'nope' }]);
    assert.deepEqual(byTag.deleted, [{ tag: 'a' }]);
    assert.equal(byTag.failures.length, 1);
    assert.deepEqual(byTag.failures[0]?.target, { tag: 'nope' });
    assert.equal(byTag.failures[0]?.code, 'ImageNotFound');
    const afterTag = await describeImagesByDigest(ecr, 'app', [shared]);
    assert.deepEqual(afterTag[0]?.tags, ['b'], 'the image keeps its other tag');

    const byDigest = await deleteImages(ecr, 'app', [{ digest: other }, { digest: missing }]);
    assert.deepEqual(byDigest.deleted, [{ digest: other }]);
    assert.deepEqual(byDigest.failures.map((failure) => [failure.target, failure.code]), [[{ digest: missing }, 'ImageNotFound']]);
    assert.match(byDigest.failures[0]?.reason ?? '', /\S/);
    assert.deepEqual(await describeImagesByDigest(ecr, 'app', [other]), []);
  });

  it('deletes more than 100 targets in chunks', async () => {
    await createRepository(ecr, minimal('bulk'));
    const targets = Array.from({ length: 130 }, (_, index) => ({ digest: push('bulk', { tag: `t${index}` }) }));
    const result = await deleteImages(ecr, 'bulk', targets);
    assert.equal(result.deleted.length, 130);
    assert.deepEqual(result.failures, []);
    assert.equal(await countImages(ecr, 'bulk'), 0);
  });

  it('starts a scan and reports its state', async () => {
    await createRepository(ecr, minimal('app'));
    const digest = push('app', { tag: 'v1' });
    const state = await startImageScan(ecr, 'app', digest);
    assert.ok(['IN_PROGRESS', 'COMPLETE'].includes(state.status), state.status);
    await expectAwsError(startImageScan(ecr, 'app', `sha256:${'0'.repeat(64)}`), 'ImageNotFoundException');
  });

  it('builds image URIs and pull commands by tag and by digest', () => {
    const uri = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app';
    const digest = `sha256:${'a'.repeat(64)}`;
    assert.equal(imageUri(uri, { tag: '1.2.3' }), `${uri}:1.2.3`);
    assert.equal(imageUri(uri, { digest }), `${uri}@${digest}`);
    assert.equal(pullCommand(uri, { tag: 'latest' }), `docker pull ${uri}:latest`);
  });

  it('estimates storage per repository (indexes not added) and per region', async () => {
    await createRepository(ecr, minimal('aa'));
    await createRepository(ecr, minimal('bb'));
    await createRepository(ecr, minimal('empty'));
    const amd64 = push('aa', { sizeInBytes: GB });
    const arm64 = push('aa', { sizeInBytes: GB / 2 });
    push('aa', { tag: 'multi', children: [amd64, arm64], sizeInBytes: GB });
    push('bb', { tag: 'x', sizeInBytes: 2 * GB });

    const a = await estimateRepositoryStorage(ecr, 'aa', 0.1);
    assert.deepEqual(a, { bytes: 1.5 * GB, imageCount: 3, monthlyCostUsd: monthlyCost(1.5 * GB, 0.1) });
    assert.ok(Math.abs(a.monthlyCostUsd - 0.15) < 1e-9);

    const progress: Array<[number, number | undefined]> = [];
    const region = await estimateRegionStorage(ecr, 0.1, { onProgress: (done, total) => progress.push([done, total]) });
    assert.equal(region.repositoryCount, 3);
    assert.equal(region.bytes, 3.5 * GB);
    assert.equal(region.imageCount, 4);
    assert.ok(Math.abs(region.monthlyCostUsd - 0.35) < 1e-9);
    assert.deepEqual(region.perRepository.get('empty'), { bytes: 0, imageCount: 0, monthlyCostUsd: 0 });
    assert.equal(region.perRepository.get('bb')?.bytes, 2 * GB);
    assert.deepEqual(progress.at(-1), [3, 3]);
  });

  it('reads DescribeImages past the first page when estimating', async () => {
    await createRepository(ecr, minimal('big'));
    for (let index = 0; index < 1005; index += 1) {
      push('big', { sizeInBytes: 10 });
    }
    const check = await ecr.send(new DescribeImagesCommand({ repositoryName: 'big', maxResults: 1000 }));
    assert.ok(check.nextToken, 'more than one page');
    assert.deepEqual(await estimateRepositoryStorage(ecr, 'big', 0.1), { bytes: 10050, imageCount: 1005, monthlyCostUsd: monthlyCost(10050, 0.1) });
  });

  function minimal(name: string) {
    return { name, tagMutability: 'MUTABLE' as const, tagMutabilityExclusions: [], scanOnPush: false, encryption: { type: 'AES256' as const }, tags: [] };
  }

  it('creates through the plain SDK what the core reads back the same', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'sdk/made', imageTagMutability: 'IMMUTABLE' }));
    const repository = await getRepository(ecr, 'sdk/made');
    assert.equal(repository.tagMutability, 'IMMUTABLE');
    assert.equal(repository.encryption.type, 'AES256');
  });
});
