// ListImages, DescribeImages, BatchGetImage and BatchDeleteImage, with pushes recorded through
// the store's data-plane side (RegistryStoreAccess) as the /v2/ proxy records them.
import * as assert from 'node:assert/strict';
import {
  BatchDeleteImageCommand,
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  ListImagesCommand,
  paginateDescribeImages,
  paginateListImages,
  type ECRClient,
} from '@aws-sdk/client-ecr';
import { FakeDataPlane } from './testing/fakeDataPlane';
import { expectAwsError, startTestEcrLocal, TestClock, type TestEcrLocal } from './testing/harness';

const REGION = 'us-west-2';

describe('ecr-local images', () => {
  let env: TestEcrLocal;
  let ecr: ECRClient;
  let dataPlane: FakeDataPlane;
  let clock: TestClock;

  beforeEach(async () => {
    dataPlane = new FakeDataPlane();
    clock = new TestClock();
    env = await startTestEcrLocal({ startDataPlane: dataPlane.start, now: clock.now });
    ecr = env.ecr(REGION);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app' }));
  });
  afterEach(async () => {
    await env.stop();
  });

  /** Pushes with the clock one minute later each time, so push order is age order. */
  function push(tag?: string, extra: Parameters<FakeDataPlane['push']>[2] = {}): string {
    clock.advance(60_000);
    return dataPlane.push(REGION, 'app', { ...(tag !== undefined ? { tag } : {}), ...extra });
  }

  it('describes pushed images with size, push time, media type and tags', async () => {
    const pushedAt = clock.current + 60_000;
    const digest = push('v1', { sizeInBytes: 12345, artifactMediaType: 'application/vnd.docker.container.image.v1+json' });
    const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app' }));
    assert.equal(imageDetails?.length, 1);
    const detail = imageDetails?.[0];
    assert.equal(detail?.imageDigest, digest);
    assert.deepEqual(detail?.imageTags, ['v1']);
    assert.equal(detail?.imageSizeInBytes, 12345);
    assert.equal(detail?.imagePushedAt?.getTime(), pushedAt);
    assert.equal(detail?.imageManifestMediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    assert.equal(detail?.artifactMediaType, 'application/vnd.docker.container.image.v1+json');
    assert.equal(detail?.registryId, '123456789012');
    assert.equal(detail?.imageScanStatus, undefined, 'no scan was asked for');
  });

  it('moves a tag to the newest push in a mutable repository and leaves the old image untagged', async () => {
    const first = push('latest');
    const second = push('latest');
    const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app' }));
    const byDigest = new Map(imageDetails?.map((detail) => [detail.imageDigest, detail.imageTags]));
    assert.deepEqual(byDigest.get(second), ['latest']);
    assert.equal(byDigest.get(first), undefined);
    const untagged = await ecr.send(new ListImagesCommand({ repositoryName: 'app', filter: { tagStatus: 'UNTAGGED' } }));
    assert.deepEqual(untagged.imageIds, [{ imageDigest: first }]);
  });

  it('lists one imageId per tag and filters by tag status', async () => {
    const tagged = push('v1');
    push('v2', { digest: tagged });
    const untagged = push();
    const all = await ecr.send(new ListImagesCommand({ repositoryName: 'app' }));
    assert.deepEqual(
      new Set(all.imageIds?.map((id) => `${id.imageDigest ?? ''}:${id.imageTag ?? ''}`)),
      new Set([`${tagged}:v1`, `${tagged}:v2`, `${untagged}:`]),
    );
    const taggedOnly = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app', filter: { tagStatus: 'TAGGED' } }));
    assert.deepEqual(taggedOnly.imageDetails?.map((detail) => detail.imageDigest), [tagged]);
    assert.deepEqual(taggedOnly.imageDetails?.[0]?.imageTags, ['v1', 'v2']);
    await expectAwsError(
      ecr.send(new ListImagesCommand({ repositoryName: 'app', filter: { tagStatus: 'SOME' as 'ANY' } })),
      'InvalidParameterException',
    );
  });

  it('pages images with maxResults 1-1000 and refuses paging together with imageIds', async () => {
    const digests = Array.from({ length: 230 }, (_, index) => push(`t${index}`));
    const listed: string[] = [];
    for await (const page of paginateListImages({ client: ecr, pageSize: 100 }, { repositoryName: 'app' })) {
      assert.ok((page.imageIds?.length ?? 0) <= 100);
      listed.push(...(page.imageIds ?? []).map((id) => id.imageDigest ?? ''));
    }
    assert.deepEqual(listed, digests, 'oldest push first, each once');
    const described: string[] = [];
    for await (const page of paginateDescribeImages({ client: ecr, pageSize: 1000 }, { repositoryName: 'app' })) {
      described.push(...(page.imageDetails ?? []).map((detail) => detail.imageDigest ?? ''));
    }
    assert.equal(described.length, 230);
    const defaultPage = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app' }));
    assert.equal(defaultPage.imageDetails?.length, 100);
    await expectAwsError(ecr.send(new ListImagesCommand({ repositoryName: 'app', maxResults: 1001 })), 'InvalidParameterException');
    await expectAwsError(
      ecr.send(new DescribeImagesCommand({ repositoryName: 'app', imageIds: [{ imageTag: 't1' }], maxResults: 10 })),
      'InvalidParameterException',
    );
  });

  it('describes images by id and names the one that does not exist', async () => {
    const digest = push('v1');
    const byTag = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }, { imageDigest: digest }] }));
    assert.deepEqual(byTag.imageDetails?.map((detail) => detail.imageDigest), [digest], 'one detail per image');
    const error = await expectAwsError(
      ecr.send(new DescribeImagesCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'nope' }] })),
      'ImageNotFoundException',
    );
    assert.match(error.message, /imageId \{imageDigest:'null', imageTag:'nope'\} does not exist within the repository with name 'app'/);
    await expectAwsError(ecr.send(new DescribeImagesCommand({ repositoryName: 'missing' })), 'RepositoryNotFoundException');
  });

  it('describes a multi-platform index with its size and media type', async () => {
    const amd = push();
    const arm = push();
    const index = push('multi', { children: [amd, arm], sizeInBytes: 5000 });
    const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'multi' }] }));
    assert.equal(imageDetails?.[0]?.imageDigest, index);
    assert.equal(imageDetails?.[0]?.imageManifestMediaType, 'application/vnd.oci.image.index.v1+json');
    assert.equal(imageDetails?.[0]?.imageSizeInBytes, 5000);
  });

  it('gets manifests, reports failures per image and records the pull', async () => {
    const digest = push('v1');
    const answer = await ecr.send(
      new BatchGetImageCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }, { imageTag: 'absent' }, { imageDigest: 'sha256:zz' }] }),
    );
    assert.equal(answer.images?.length, 1);
    assert.equal(answer.images?.[0]?.imageId?.imageDigest, digest);
    assert.equal(answer.images?.[0]?.imageId?.imageTag, 'v1');
    assert.equal((JSON.parse(answer.images?.[0]?.imageManifest ?? '{}') as { schemaVersion?: number }).schemaVersion, 2);
    assert.deepEqual(
      answer.failures?.map((failure) => failure.failureCode),
      ['ImageNotFound', 'InvalidImageDigest'],
    );
    clock.advance(1000);
    const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app' }));
    assert.ok(imageDetails?.[0]?.lastRecordedPullTime, 'BatchGetImage counts as a pull');
    await expectAwsError(ecr.send(new BatchGetImageCommand({ repositoryName: 'app', imageIds: [] })), 'InvalidParameterException');
  });

  it('deletes by tag (only the tag, the image with its last tag) and by digest (the image and every tag)', async () => {
    const shared = push('a');
    push('b', { digest: shared });
    const single = push('only');
    const byTag = await ecr.send(new BatchDeleteImageCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'a' }] }));
    assert.deepEqual(byTag.imageIds, [{ imageDigest: shared, imageTag: 'a' }]);
    assert.deepEqual(byTag.failures, []);
    assert.deepEqual(dataPlane.deleted, [], 'the image keeps tag b, so its manifest stays');
    const afterTag = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app', imageIds: [{ imageDigest: shared }] }));
    assert.deepEqual(afterTag.imageDetails?.[0]?.imageTags, ['b']);

    await ecr.send(new BatchDeleteImageCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'only' }] }));
    assert.deepEqual(dataPlane.deleted, [`${REGION}/app@${single}`], 'the last tag took the image with it');

    const byDigest = await ecr.send(new BatchDeleteImageCommand({ repositoryName: 'app', imageIds: [{ imageDigest: shared }] }));
    assert.deepEqual(byDigest.imageIds, [{ imageDigest: shared, imageTag: 'b' }]);
    const remaining = await ecr.send(new ListImagesCommand({ repositoryName: 'app' }));
    assert.deepEqual(remaining.imageIds, []);
  });

  it('explains every failed delete with ECR failure codes', async () => {
    const digest = push('v1');
    const child = push();
    push('index', { children: [child] });
    const answer = await ecr.send(
      new BatchDeleteImageCommand({
        repositoryName: 'app',
        imageIds: [
          { imageTag: 'absent' },
          { imageDigest: 'not-a-digest' },
          { imageTag: 'bad tag!' },
          {},
          { imageDigest: digest, imageTag: 'other' },
          { imageDigest: child },
        ],
      }),
    );
    assert.deepEqual(answer.imageIds, []);
    assert.deepEqual(
      answer.failures?.map((failure) => failure.failureCode),
      ['ImageNotFound', 'InvalidImageDigest', 'InvalidImageTag', 'MissingDigestAndTag', 'ImageTagDoesNotMatchDigest', 'ImageReferencedByManifestList'],
    );
    assert.match(answer.failures?.[5]?.failureReason ?? '', /referenced by a manifest list/);

    dataPlane.deleteFailure = new Error('registry unavailable');
    const failed = await ecr.send(new BatchDeleteImageCommand({ repositoryName: 'app', imageIds: [{ imageDigest: digest }] }));
    assert.equal(failed.failures?.[0]?.failureCode, 'ImageInaccessible');
    assert.match(failed.failures?.[0]?.failureReason ?? '', /registry unavailable/);
    const still = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app', imageIds: [{ imageDigest: digest }] }));
    assert.equal(still.imageDetails?.length, 1, 'an image the registry kept stays listed');

    const hundredAndOne = Array.from({ length: 101 }, (_, index) => ({ imageTag: `t${index}` }));
    await expectAwsError(ecr.send(new BatchDeleteImageCommand({ repositoryName: 'app', imageIds: hundredAndOne })), 'InvalidParameterException');
  });

  it('refuses to move tags of immutable repositories, honouring exclusion filters', async () => {
    const store = env.local.store;
    const cases = [
      { repositoryName: 'immutable', mode: 'IMMUTABLE', refused: ['latest', 'v1'] },
      { repositoryName: 'immutable-but', mode: 'IMMUTABLE_WITH_EXCLUSION', refused: ['v1'] },
      { repositoryName: 'mutable-but', mode: 'MUTABLE_WITH_EXCLUSION', refused: ['latest'] },
      { repositoryName: 'mutable', mode: 'MUTABLE', refused: [] },
    ] as const;
    for (const { repositoryName, mode, refused } of cases) {
      await ecr.send(
        new CreateRepositoryCommand({
          repositoryName,
          imageTagMutability: mode,
          ...(mode.endsWith('EXCLUSION') ? { imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'lat*' }] } : {}),
        }),
      );
      for (const tag of ['latest', 'v1']) {
        dataPlane.push(REGION, repositoryName, { tag });
        const newDigest = `sha256:${'0'.repeat(63)}1`;
        const refusal = store.refuseTag(REGION, repositoryName, tag, newDigest);
        assert.equal(refusal !== undefined, (refused as readonly string[]).includes(tag), `${mode} ${tag}`);
        if (refusal) {
          const because = mode === 'IMMUTABLE' ? 'the repository is immutable' : 'the tag is immutable';
          assert.equal(refusal, `The image tag '${tag}' already exists in the '${repositoryName}' repository and cannot be overwritten because ${because}.`);
        }
        assert.equal(store.refuseTag(REGION, repositoryName, 'brand-new', newDigest), undefined, 'a new tag is always allowed');
      }
    }
  });
});
