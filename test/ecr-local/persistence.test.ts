// State under a data folder survives a restart: repositories and their settings, images and
// scans (a scan cut short restarts), registry settings and registry passwords.
import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreatePullThroughCacheRuleCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeImageScanFindingsCommand,
  DescribePullThroughCacheRulesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  GetLifecyclePolicyCommand,
  GetLifecyclePolicyPreviewCommand,
  GetRegistryScanningConfigurationCommand,
  ListTagsForResourceCommand,
  PutLifecyclePolicyCommand,
  PutRegistryScanningConfigurationCommand,
  StartLifecyclePolicyPreviewCommand,
} from '@aws-sdk/client-ecr';
import { startEcrLocal } from './ecrLocal';
import { STATE_FILE_NAME } from './store/persistence';
import { FakeDataPlane, outcome, vulnerability } from './testing/fakeDataPlane';
import { startTestEcrLocal, waitFor } from './testing/harness';

const REGION = 'eu-north-1';
const POLICY = JSON.stringify({
  rules: [{ rulePriority: 1, description: 'untagged', selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 3 }, action: { type: 'expire' } }],
});

describe('ecr-local persistence', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ecr-local-state-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps everything across a restart, and restarts a scan the stop cut short', async () => {
    const firstPlane = new FakeDataPlane();
    firstPlane.gate = new Promise(() => undefined); // This scan never finishes in the first run.
    const first = await startTestEcrLocal({ dataDir, startDataPlane: firstPlane.start, previewDelayMs: 60_000 });
    const ecr = first.ecr(REGION);
    await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: 'kept/app',
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
        tags: [{ Key: 'owner', Value: 'me' }],
      }),
    );
    await ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'kept/app', lifecyclePolicyText: POLICY }));
    await ecr.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: 'kept/app' }));
    await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'BASIC', rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'kept/*', filterType: 'WILDCARD' }] }] }));
    await ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix: 'quay', upstreamRegistryUrl: 'quay.io' }));
    const token = await ecr.send(new GetAuthorizationTokenCommand({}));
    const password = Buffer.from(token.authorizationData?.[0]?.authorizationToken ?? '', 'base64').toString().slice('AWS:'.length);
    const digest = firstPlane.push(REGION, 'kept/app', { tag: 'v1', sizeInBytes: 4242 });
    const running = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'kept/app', imageId: { imageDigest: digest } }));
    assert.equal(running.imageScanStatus?.status, 'IN_PROGRESS');
    await first.stop();

    const saved = JSON.parse(await readFile(join(dataDir, STATE_FILE_NAME), 'utf8')) as { version: number };
    assert.equal(saved.version, 1);

    const secondPlane = new FakeDataPlane();
    secondPlane.defaultOutcome = outcome([vulnerability('CVE-2023-38545', 'HIGH', 'curl')]);
    const second = await startTestEcrLocal({ dataDir, startDataPlane: secondPlane.start });
    try {
      const again = second.ecr(REGION);
      const { repositories } = await again.send(new DescribeRepositoriesCommand({}));
      assert.deepEqual(repositories?.map((repository) => [repository.repositoryName, repository.imageTagMutability]), [['kept/app', 'IMMUTABLE']]);
      const tags = await again.send(new ListTagsForResourceCommand({ resourceArn: repositories?.[0]?.repositoryArn ?? '' }));
      assert.deepEqual(tags.tags, [{ Key: 'owner', Value: 'me' }]);
      assert.equal((await again.send(new GetLifecyclePolicyCommand({ repositoryName: 'kept/app' }))).lifecyclePolicyText, POLICY);
      const preview = await again.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'kept/app' }));
      assert.equal(preview.status, 'FAILED', 'a preview cut short by the stop cannot complete');
      const scanning = await again.send(new GetRegistryScanningConfigurationCommand({}));
      assert.equal(scanning.scanningConfiguration?.rules?.[0]?.repositoryFilters?.[0]?.filter, 'kept/*');
      const rules = await again.send(new DescribePullThroughCacheRulesCommand({}));
      assert.deepEqual(rules.pullThroughCacheRules?.map((rule) => rule.ecrRepositoryPrefix), ['quay']);
      assert.deepEqual(second.local.store.checkToken(password), { region: REGION });
      const { imageDetails } = await again.send(new DescribeImagesCommand({ repositoryName: 'kept/app' }));
      assert.deepEqual(imageDetails?.map((detail) => [detail.imageDigest, detail.imageTags, detail.imageSizeInBytes]), [[digest, ['v1'], 4242]]);
      assert.equal(second.local.store.refuseTag(REGION, 'kept/app', 'v1', `sha256:${'9'.repeat(64)}`) !== undefined, true);

      const finished = await waitFor('the resumed scan', async () => {
        const answer = await again.send(new DescribeImageScanFindingsCommand({ repositoryName: 'kept/app', imageId: { imageDigest: digest } }));
        return answer.imageScanStatus?.status === 'COMPLETE' ? answer : undefined;
      });
      assert.deepEqual(secondPlane.scanned, [`${REGION}/kept/app@${digest}`]);
      assert.deepEqual(finished.imageScanFindings?.findingSeverityCounts, { HIGH: 1 });
    } finally {
      await second.stop();
    }
  });

  it('writes the state file atomically, leaving no temporary file behind', async () => {
    const env = await startTestEcrLocal({ dataDir });
    await env.ecr().send(new CreateRepositoryCommand({ repositoryName: 'atomic' }));
    await env.stop();
    assert.deepEqual((await readdir(dataDir)).sort(), [STATE_FILE_NAME]);
  });

  it('refuses a state file it cannot read, saying what to do', async () => {
    await writeFile(join(dataDir, STATE_FILE_NAME), '{"version": 99}');
    await assert.rejects(startEcrLocal({ dataDir, log: () => undefined }), /is not an ecr-local state file \(expected format version 1\); move it aside or use another --data folder/);
    await writeFile(join(dataDir, STATE_FILE_NAME), 'not json');
    await assert.rejects(startEcrLocal({ dataDir, log: () => undefined }), /is not an ecr-local state file/);
  });
});
