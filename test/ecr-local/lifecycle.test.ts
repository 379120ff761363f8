// Get/Put/DeleteLifecyclePolicy and Start/GetLifecyclePolicyPreview through the SDK; the
// evaluation itself is the pure core's, unit-tested in test/unit/lifecycle*.test.ts.
import * as assert from 'node:assert/strict';
import {
  CreateRepositoryCommand,
  DeleteLifecyclePolicyCommand,
  GetLifecyclePolicyCommand,
  GetLifecyclePolicyPreviewCommand,
  PutLifecyclePolicyCommand,
  StartLifecyclePolicyPreviewCommand,
  type ECRClient,
  type GetLifecyclePolicyPreviewCommandOutput,
} from '@aws-sdk/client-ecr';
import { FakeDataPlane } from './testing/fakeDataPlane';
import { expectAwsError, startTestEcrLocal, TestClock, waitFor, type TestEcrLocal } from './testing/harness';

const REGION = 'us-east-2';
const DAY = 24 * 60 * 60 * 1000;

const POLICY = JSON.stringify({
  rules: [
    {
      rulePriority: 1,
      description: 'Expire untagged images older than 14 days',
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 },
      action: { type: 'expire' },
    },
    {
      rulePriority: 2,
      description: 'Keep the last 2 release images',
      selection: { tagStatus: 'tagged', tagPatternList: ['release-*'], countType: 'imageCountMoreThan', countNumber: 2 },
      action: { type: 'expire' },
    },
  ],
});

describe('ecr-local lifecycle policies', () => {
  let env: TestEcrLocal;
  let ecr: ECRClient;
  let dataPlane: FakeDataPlane;
  let clock: TestClock;

  beforeEach(async () => {
    dataPlane = new FakeDataPlane();
    clock = new TestClock();
    env = await startTestEcrLocal({ startDataPlane: dataPlane.start, now: clock.now, previewDelayMs: 300 });
    ecr = env.ecr(REGION);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app' }));
  });
  afterEach(async () => {
    await env.stop();
  });

  function completedPreview(): Promise<GetLifecyclePolicyPreviewCommandOutput> {
    return waitFor('the lifecycle preview', async () => {
      const answer = await ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'app' }));
      return answer.status === 'COMPLETE' ? answer : undefined;
    });
  }

  it('puts, gets and deletes a policy', async () => {
    await expectAwsError(ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'app' })), 'LifecyclePolicyNotFoundException', 400);
    const put = await ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'app', lifecyclePolicyText: POLICY }));
    assert.equal(put.lifecyclePolicyText, POLICY);
    assert.equal(put.registryId, '123456789012');
    const got = await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'app' }));
    assert.equal(got.lifecyclePolicyText, POLICY);
    const deleted = await ecr.send(new DeleteLifecyclePolicyCommand({ repositoryName: 'app' }));
    assert.equal(deleted.lifecyclePolicyText, POLICY);
    await expectAwsError(ecr.send(new DeleteLifecyclePolicyCommand({ repositoryName: 'app' })), 'LifecyclePolicyNotFoundException');
    await expectAwsError(ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'nope' })), 'RepositoryNotFoundException');
  });

  it('refuses invalid policies with ECR\'s validation message', async () => {
    const tooShort = await expectAwsError(
      ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'app', lifecyclePolicyText: '{"rules":[]}' })),
      'InvalidParameterException',
    );
    assert.match(tooShort.message, /lifecyclePolicyText' failed to satisfy constraint: 'must have length greater than or equal to 100'/);
    const anyNotLast = JSON.stringify({
      rules: [
        { rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 5 }, action: { type: 'expire' } },
        { rulePriority: 2, selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 5 }, action: { type: 'expire' } },
      ],
    });
    const invalid = await expectAwsError(
      ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'app', lifecyclePolicyText: anyNotLast })),
      'InvalidParameterException',
      400,
    );
    assert.match(invalid.message, /^Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: /);
    assert.match(invalid.message, /must have the highest rulePriority/);
    await expectAwsError(
      ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'app', lifecyclePolicyText: 'x'.repeat(30721) })),
      'InvalidParameterException',
    );
  });

  it('previews what a policy would expire: IN_PROGRESS first, then the results', async () => {
    const push = (tag: string | undefined, daysAgo: number, sizeInBytes = 100) => {
      const at = clock.current;
      clock.current = Date.parse('2026-06-01T12:00:00Z') - daysAgo * DAY;
      const digest = dataPlane.push(REGION, 'app', { ...(tag !== undefined ? { tag } : {}), sizeInBytes });
      clock.current = at;
      return digest;
    };
    const oldUntagged = push(undefined, 30);
    push(undefined, 3);
    const release1 = push('release-1', 20);
    push('release-2', 10);
    push('release-3', 5);
    push('latest', 1);

    const started = await ecr.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: 'app', lifecyclePolicyText: POLICY }));
    assert.equal(started.status, 'IN_PROGRESS');
    const once = env.ecr(REGION, { maxAttempts: 1 });
    await expectAwsError(
      once.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: 'app', lifecyclePolicyText: POLICY })),
      'LifecyclePolicyPreviewInProgressException',
    );

    const preview = await completedPreview();
    assert.equal(preview.lifecyclePolicyText, POLICY);
    assert.deepEqual(
      preview.previewResults?.map((result) => [result.imageDigest, result.imageTags, result.appliedRulePriority, result.action?.type]),
      [
        [oldUntagged, undefined, 1, 'EXPIRE'],
        [release1, ['release-1'], 2, 'EXPIRE'],
      ],
    );
    assert.deepEqual(preview.summary, { expiringImageTotalCount: 2 });
    assert.equal(preview.previewResults?.[0]?.imagePushedAt?.getTime(), Date.parse('2026-06-01T12:00:00Z') - 30 * DAY);

    const taggedOnly = await ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'app', filter: { tagStatus: 'TAGGED' } }));
    assert.deepEqual(taggedOnly.previewResults?.map((result) => result.imageDigest), [release1]);
    const byId = await ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'release-1' }] }));
    assert.deepEqual(byId.previewResults?.map((result) => result.imageDigest), [release1]);
    const paged = await ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'app', maxResults: 1 }));
    assert.equal(paged.previewResults?.length, 1);
    assert.ok(paged.nextToken);
    const second = await ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'app', maxResults: 1, nextToken: paged.nextToken }));
    assert.deepEqual(second.previewResults?.map((result) => result.imageDigest), [release1]);
    await expectAwsError(ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'app', maxResults: 101 })), 'InvalidParameterException');
  });

  it('previews the stored policy when none is given, and says when there is neither preview nor policy', async () => {
    await expectAwsError(ecr.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'app' })), 'LifecyclePolicyPreviewNotFoundException');
    await expectAwsError(ecr.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: 'app' })), 'LifecyclePolicyNotFoundException');
    await ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'app', lifecyclePolicyText: POLICY }));
    const started = await ecr.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: 'app' }));
    assert.equal(started.lifecyclePolicyText, POLICY);
    const preview = await completedPreview();
    assert.deepEqual(preview.previewResults, []);
    assert.deepEqual(preview.summary, { expiringImageTotalCount: 0 });
  });
});
