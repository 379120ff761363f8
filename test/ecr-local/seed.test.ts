// `--seed demo` against the real ecr-local with its data plane: what the demo promises is
// there, computed by the scanner from pushed layers (not canned), and a second seed of the
// same data changes nothing.
import * as assert from 'node:assert/strict';
import {
  DescribeImagesCommand,
  DescribePullThroughCacheRulesCommand,
  DescribeRegistryCommand,
  DescribeRepositoriesCommand,
  GetLifecyclePolicyCommand,
  GetLifecyclePolicyPreviewCommand,
  GetRegistryScanningConfigurationCommand,
  GetRepositoryPolicyCommand,
  ListImagesCommand,
  StartLifecyclePolicyPreviewCommand,
  type ECRClient,
  type ImageDetail,
} from '@aws-sdk/client-ecr';
import { ListFindingsCommand } from '@aws-sdk/client-inspector2';
import { startDataPlane } from './registry/dataPlane';
import { MEDIA_TYPES } from './registry/manifests';
import { DEMO_REGION, DEMO_SECOND_REGION, seedDemo } from './seed/demo';
import { startTestEcrLocal, waitFor, type TestEcrLocal } from './testing/harness';

describe('ecr-local demo seed', function () {
  this.timeout(120_000);
  let ecrLocal: TestEcrLocal;
  let home: ECRClient;
  let second: ECRClient;

  const images = async (client: ECRClient, repositoryName: string): Promise<ImageDetail[]> =>
    (await client.send(new DescribeImagesCommand({ repositoryName, maxResults: 1000 }))).imageDetails ?? [];

  // The seed moves ecr-local's clock to push its history, as main.ts lets it do.
  let offsetMs = 0;
  const setClock = (at: Date | undefined): void => {
    offsetMs = at === undefined ? 0 : at.getTime() - Date.now();
  };

  before(async () => {
    ecrLocal = await startTestEcrLocal({ startDataPlane, now: () => Date.now() + offsetMs });
    await seedDemo(ecrLocal.local.url, { setClock });
    home = ecrLocal.ecr(DEMO_REGION);
    second = ecrLocal.ecr(DEMO_SECOND_REGION);
  });

  after(async () => {
    await ecrLocal?.stop();
  });

  it('creates repositories in several namespaces, immutable ones included', async () => {
    const repositories = (await home.send(new DescribeRepositoriesCommand({}))).repositories ?? [];
    const names = repositories.map((repository) => repository.repositoryName).sort();
    assert.deepEqual(names, ['base/alpine', 'base/debian', 'team-a/api', 'team-a/web', 'team-b/worker', 'tools/charts/web', 'tools/ci-runner']);
    const mutability = new Map(repositories.map((repository) => [repository.repositoryName, repository.imageTagMutability]));
    assert.equal(mutability.get('base/debian'), 'IMMUTABLE');
    assert.equal(mutability.get('base/alpine'), 'IMMUTABLE_WITH_EXCLUSION');
    assert.equal(repositories.find((repository) => repository.repositoryName === 'base/debian')?.encryptionConfiguration?.encryptionType, 'KMS');
  });

  it('pushes releases with several tags, untagged builds and a multi-arch index', async () => {
    const api = await images(home, 'team-a/api');
    const latest = api.find((image) => image.imageTags?.includes('latest'));
    assert.deepEqual(latest?.imageTags?.slice().sort(), ['latest', 'main-8c3f2e1', 'v1.5.0']);
    const untagged = await home.send(new ListImagesCommand({ repositoryName: 'team-a/api', filter: { tagStatus: 'UNTAGGED' } }));
    assert.equal(untagged.imageIds?.length, 2);

    const worker = await images(home, 'team-b/worker');
    const index = worker.find((image) => image.imageTags?.includes('2.3.0'));
    assert.equal(index?.imageManifestMediaType, MEDIA_TYPES.dockerManifestList);
    const children = worker.filter((image) => !image.imageTags?.length);
    assert.equal(children.length, 2, 'the index\'s two platform images');
    assert.equal(index?.imageSizeInBytes, Math.max(...children.map((child) => child.imageSizeInBytes ?? 0)));
  });

  it('has scan findings of every severity, computed from the pushed layers', async () => {
    const severities = new Set<string>();
    for (const repositoryName of ['base/debian', 'base/alpine', 'team-a/api', 'team-a/web', 'team-b/worker']) {
      for (const image of await images(home, repositoryName)) {
        Object.keys(image.imageScanFindingsSummary?.findingSeverityCounts ?? {}).forEach((severity) => severities.add(severity));
      }
    }
    assert.deepEqual([...severities].sort(), ['CRITICAL', 'HIGH', 'INFORMATIONAL', 'LOW', 'MEDIUM', 'UNDEFINED']);
    const patched = (await images(home, 'base/alpine')).find((image) => image.imageTags?.includes('latest'));
    assert.equal(patched?.imageScanStatus?.status, 'COMPLETE');
    assert.deepEqual(patched?.imageScanFindingsSummary?.findingSeverityCounts ?? {}, {}, 'a current Alpine has no findings');
    const chart = await images(home, 'tools/charts/web');
    assert.equal(chart[0]?.imageScanStatus?.status, 'UNSUPPORTED_IMAGE');
    assert.equal(chart[0]?.artifactMediaType, 'application/vnd.cncf.helm.config.v1+json');
    const unscanned = await images(home, 'tools/ci-runner');
    assert.equal(unscanned[0]?.imageScanStatus, undefined, 'no scan on push in tools/ci-runner');
  });

  it('sets a lifecycle policy, a repository policy, replication and pull-through cache rules', async () => {
    const lifecycle = await home.send(new GetLifecyclePolicyCommand({ repositoryName: 'team-a/api' }));
    assert.equal((JSON.parse(lifecycle.lifecyclePolicyText ?? '{}') as { rules: unknown[] }).rules.length, 2);
    const policy = await home.send(new GetRepositoryPolicyCommand({ repositoryName: 'team-a/api' }));
    assert.match(policy.policyText ?? '', /AllowProductionPull/);
    const registry = await home.send(new DescribeRegistryCommand({}));
    assert.deepEqual(
      registry.replicationConfiguration?.rules?.map((rule) => [rule.repositoryFilters?.[0]?.filter, rule.destinations?.[0]?.region]),
      [['team-b', DEMO_SECOND_REGION], ['base', 'eu-central-1']],
    );
    const cacheRules = await home.send(new DescribePullThroughCacheRulesCommand({}));
    assert.deepEqual(cacheRules.pullThroughCacheRules?.map((rule) => rule.ecrRepositoryPrefix).sort(), ['ecr-public', 'quay']);
  });

  it('scans team-b\'s replicas in the second region with enhanced scanning, visible in Inspector', async () => {
    const scanning = await second.send(new GetRegistryScanningConfigurationCommand({}));
    assert.equal(scanning.scanningConfiguration?.scanType, 'ENHANCED');
    const inspector = ecrLocal.inspector(DEMO_SECOND_REGION);
    const findings = await inspector.send(
      new ListFindingsCommand({ filterCriteria: { ecrImageRepositoryName: [{ comparison: 'EQUALS', value: 'team-b/worker' }] }, maxResults: 100 }),
    );
    const ids = new Set((findings.findings ?? []).map((finding) => finding.packageVulnerabilityDetails?.vulnerabilityId));
    assert.ok(ids.has('CVE-2024-3094'), `the xz backdoor in the 2.2.0 image; found ${[...ids].join(', ')}`);
    const xz = findings.findings?.find((finding) => finding.packageVulnerabilityDetails?.vulnerabilityId === 'CVE-2024-3094');
    const vulnerable = xz?.packageVulnerabilityDetails?.vulnerablePackages?.[0];
    assert.equal(vulnerable?.filePath, 'var/lib/dpkg/status');
    assert.equal(vulnerable?.fixedInVersion, '5.6.1+really5.4.5-1');
    assert.match(vulnerable?.sourceLayerHash ?? '', /^sha256:[0-9a-f]{64}$/);
    const unscanned = await images(second, 'sandbox/experiments');
    assert.equal(unscanned.length, 0);
  });

  it('pushes a history over past months, each image scanned on its push day, so the lifecycle policy has work', async () => {
    const api = await images(home, 'team-a/api');
    const ageInDays = (date: Date | undefined): number => (Date.now() - (date?.getTime() ?? Number.NaN)) / 86_400_000;
    const untagged = api.filter((image) => (image.imageTags ?? []).length === 0);
    assert.equal(untagged.length, 2);
    for (const image of untagged) {
      assert.ok(ageInDays(image.imagePushedAt) > 14, `an untagged CI build pushed ${ageInDays(image.imagePushedAt).toFixed(1)} days ago`);
    }
    const newest = api.find((image) => image.imageTags?.includes('v1.5.0'));
    assert.ok(ageInDays(newest?.imagePushedAt) < 7, 'the newest release is recent');
    for (const image of api) {
      const scanned = image.imageScanFindingsSummary?.imageScanCompletedAt?.getTime() ?? Number.NaN;
      const pushed = image.imagePushedAt?.getTime() ?? Number.NaN;
      assert.ok(scanned >= pushed && scanned - pushed < 86_400_000, `scanned on its push day: ${image.imageDigest} ${image.imageTags?.join(',')} pushed ${image.imagePushedAt?.toISOString()} scanned ${image.imageScanFindingsSummary?.imageScanCompletedAt?.toISOString()} status ${image.imageScanStatus?.status}`);
    }
    // Untagged images past 14 days expire (rule 1); of the v* releases the newest three stay (rule 2).
    await home.send(new StartLifecyclePolicyPreviewCommand({ repositoryName: 'team-a/api' }));
    const preview = await waitFor('the lifecycle preview', async () => {
      const answer = await home.send(new GetLifecyclePolicyPreviewCommand({ repositoryName: 'team-a/api' }));
      return answer.status === 'COMPLETE' ? answer : undefined;
    });
    const expired = new Map((preview.previewResults ?? []).map((result) => [result.imageDigest, result.appliedRulePriority]));
    for (const image of untagged) {
      assert.equal(expired.get(image.imageDigest), 1);
    }
    const release140 = api.find((image) => image.imageTags?.includes('v1.4.0'));
    assert.equal(expired.get(release140?.imageDigest), 2, 'v1.4.0 is the fourth-newest release');
    assert.equal(expired.size, 3);
  });

  it('can seed the same data again without failing or duplicating', async () => {
    const before = await images(home, 'team-a/api');
    await seedDemo(ecrLocal.local.url, { setClock });
    const after = await images(home, 'team-a/api');
    assert.deepEqual(after.map((image) => image.imageDigest).sort(), before.map((image) => image.imageDigest).sort());
  });
});
