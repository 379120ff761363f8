// Scans: scan on push and registry rules deciding BASIC vs ENHANCED, StartImageScan's 24-hour
// quota, DescribeImageScanFindings with paging, and the scan outcomes (findings, enhanced
// findings, FAILED, UNSUPPORTED_IMAGE).
import * as assert from 'node:assert/strict';
import {
  BatchGetRepositoryScanningConfigurationCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeImageScanFindingsCommand,
  GetRegistryScanningConfigurationCommand,
  paginateDescribeImageScanFindings,
  PutRegistryScanningConfigurationCommand,
  StartImageScanCommand,
  type DescribeImageScanFindingsCommandOutput,
  type ECRClient,
} from '@aws-sdk/client-ecr';
import { FakeDataPlane, FEED_UPDATED_AT, outcome, vulnerability } from './testing/fakeDataPlane';
import { expectAwsError, startTestEcrLocal, TestClock, waitFor, type TestEcrLocal } from './testing/harness';

const REGION = 'eu-central-1';
const HOUR = 60 * 60 * 1000;

const FIVE_SEVERITIES = [
  vulnerability('CVE-2023-4911', 'CRITICAL', 'libc6', '2.36-9+deb12u3'),
  vulnerability('CVE-2023-38545', 'HIGH', 'curl', '7.88.1-10+deb12u4'),
  vulnerability('CVE-2023-44487', 'MEDIUM', 'nghttp2'),
  vulnerability('CVE-2022-3715', 'LOW', 'bash', '5.2.15-2+b3'),
  vulnerability('CVE-2011-3374', 'INFORMATIONAL', 'apt'),
];

describe('ecr-local scanning', () => {
  let env: TestEcrLocal;
  let ecr: ECRClient;
  let dataPlane: FakeDataPlane;
  let clock: TestClock;

  beforeEach(async () => {
    dataPlane = new FakeDataPlane();
    dataPlane.defaultOutcome = outcome(FIVE_SEVERITIES);
    clock = new TestClock();
    env = await startTestEcrLocal({ startDataPlane: dataPlane.start, now: clock.now });
    ecr = env.ecr(REGION);
  });
  afterEach(async () => {
    await env.stop();
  });

  function findingsOf(digest: string, repositoryName = 'app'): Promise<DescribeImageScanFindingsCommandOutput> {
    return ecr.send(new DescribeImageScanFindingsCommand({ repositoryName, imageId: { imageDigest: digest } }));
  }

  function settled(digest: string, repositoryName = 'app'): Promise<DescribeImageScanFindingsCommandOutput> {
    return waitFor(`the scan of ${digest}`, async () => {
      const answer = await findingsOf(digest, repositoryName);
      return answer.imageScanStatus?.status === 'IN_PROGRESS' ? undefined : answer;
    });
  }

  it('scans on push when the repository asks: IN_PROGRESS, then COMPLETE with basic findings', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app', imageScanningConfiguration: { scanOnPush: true } }));
    let release: () => void = () => undefined;
    dataPlane.gate = new Promise((resolve) => (release = resolve));
    const digest = dataPlane.push(REGION, 'app', { tag: 'v1' });

    const running = await findingsOf(digest);
    assert.equal(running.imageScanStatus?.status, 'IN_PROGRESS');
    assert.equal(running.imageScanFindings, undefined);
    release();

    const done = await settled(digest);
    assert.equal(done.imageScanStatus?.status, 'COMPLETE');
    assert.deepEqual(dataPlane.scanned, [`${REGION}/app@${digest}`]);
    const findings = done.imageScanFindings;
    assert.deepEqual(findings?.findingSeverityCounts, { CRITICAL: 1, HIGH: 1, MEDIUM: 1, LOW: 1, INFORMATIONAL: 1 });
    assert.equal(findings?.vulnerabilitySourceUpdatedAt?.getTime(), FEED_UPDATED_AT.getTime());
    assert.equal(findings?.imageScanCompletedAt?.getTime(), clock.current);
    assert.equal(findings?.enhancedFindings, undefined);
    const critical = findings?.findings?.find((finding) => finding.severity === 'CRITICAL');
    assert.equal(critical?.name, 'CVE-2023-4911');
    assert.equal(critical?.uri, 'https://nvd.nist.gov/vuln/detail/CVE-2023-4911');
    assert.deepEqual(
      critical?.attributes?.filter((attribute) => attribute.key?.startsWith('package_')),
      [
        { key: 'package_version', value: '1.0.0' },
        { key: 'package_name', value: 'libc6' },
      ],
    );
    const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app' }));
    assert.equal(imageDetails?.[0]?.imageScanStatus?.status, 'COMPLETE');
    assert.deepEqual(imageDetails?.[0]?.imageScanFindingsSummary?.findingSeverityCounts, findings?.findingSeverityCounts);
  });

  it('does not scan on push unless asked, then StartImageScan allows one basic scan per 24 hours', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app' }));
    const digest = dataPlane.push(REGION, 'app', { tag: 'v1' });
    await expectAwsError(findingsOf(digest), 'ScanNotFoundException', 400);
    assert.deepEqual(dataPlane.scanned, []);

    const started = await ecr.send(new StartImageScanCommand({ repositoryName: 'app', imageId: { imageTag: 'v1' } }));
    assert.equal(started.imageScanStatus?.status, 'IN_PROGRESS');
    assert.deepEqual(started.imageId, { imageDigest: digest, imageTag: 'v1' });
    await settled(digest);

    clock.advance(23 * HOUR);
    // The SDK retries LimitExceededException as throttling: one attempt shows the answer at once.
    const once = env.ecr(REGION, { maxAttempts: 1 });
    const quota = await expectAwsError(
      once.send(new StartImageScanCommand({ repositoryName: 'app', imageId: { imageDigest: digest } })),
      'LimitExceededException',
      400,
    );
    assert.match(quota.message, /scan quota per image has been exceeded/);
    clock.advance(HOUR);
    await ecr.send(new StartImageScanCommand({ repositoryName: 'app', imageId: { imageDigest: digest } }));
    assert.equal((await settled(digest)).imageScanStatus?.status, 'COMPLETE');
    assert.equal(dataPlane.scanned.length, 2);
  });

  it('counts a scan on push against the 24-hour quota', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app', imageScanningConfiguration: { scanOnPush: true } }));
    const digest = dataPlane.push(REGION, 'app', { tag: 'v1' });
    await settled(digest);
    const once = env.ecr(REGION, { maxAttempts: 1 });
    await expectAwsError(once.send(new StartImageScanCommand({ repositoryName: 'app', imageId: { imageTag: 'v1' } })), 'LimitExceededException');
  });

  it('pages findings with maxResults 1-1000 and keeps the severity counts of the whole scan', async () => {
    const many = Array.from({ length: 250 }, (_, index) => vulnerability(`CVE-2024-${10000 + index}`, index % 2 === 0 ? 'HIGH' : 'LOW', `pkg${index}`));
    dataPlane.defaultOutcome = outcome(many);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app', imageScanningConfiguration: { scanOnPush: true } }));
    const digest = dataPlane.push(REGION, 'app', { tag: 'v1' });
    const first = await settled(digest);
    assert.equal(first.imageScanFindings?.findings?.length, 100, 'default page size');
    assert.deepEqual(first.imageScanFindings?.findingSeverityCounts, { HIGH: 125, LOW: 125 });
    const names: string[] = [];
    for await (const page of paginateDescribeImageScanFindings(
      { client: ecr, pageSize: 60 },
      { repositoryName: 'app', imageId: { imageDigest: digest } },
    )) {
      assert.ok((page.imageScanFindings?.findings?.length ?? 0) <= 60);
      names.push(...(page.imageScanFindings?.findings ?? []).map((finding) => finding.name ?? ''));
    }
    assert.deepEqual(names, many.map((entry) => entry.vulnerabilityId));
    await expectAwsError(
      ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'app', imageId: { imageDigest: digest }, maxResults: 1001 })),
      'InvalidParameterException',
    );
  });

  it('records FAILED when the scanner fails and UNSUPPORTED_IMAGE when it cannot read the image', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app', imageScanningConfiguration: { scanOnPush: true } }));
    const broken = 'sha256:' + 'b'.repeat(64);
    const artifact = 'sha256:' + 'c'.repeat(64);
    dataPlane.outcomes.set(broken, new Error('layer sha256:123 is truncated'));
    dataPlane.outcomes.set(artifact, outcome([], 'UNSUPPORTED_IMAGE'));
    dataPlane.push(REGION, 'app', { digest: broken });
    dataPlane.push(REGION, 'app', { digest: artifact, artifactMediaType: 'application/vnd.cncf.helm.config.v1+json' });
    const failed = await settled(broken);
    assert.equal(failed.imageScanStatus?.status, 'FAILED');
    assert.match(failed.imageScanStatus?.description ?? '', /layer sha256:123 is truncated/);
    assert.equal(failed.imageScanFindings, undefined);
    const unsupported = await settled(artifact);
    assert.equal(unsupported.imageScanStatus?.status, 'UNSUPPORTED_IMAGE');
  });

  it('does not scan an index, and refuses StartImageScan on one', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app', imageScanningConfiguration: { scanOnPush: true } }));
    const child = dataPlane.push(REGION, 'app');
    const index = dataPlane.push(REGION, 'app', { tag: 'multi', children: [child] });
    await settled(child);
    assert.deepEqual(dataPlane.scanned, [`${REGION}/app@${child}`]);
    await expectAwsError(findingsOf(index), 'ScanNotFoundException');
    await expectAwsError(
      ecr.send(new StartImageScanCommand({ repositoryName: 'app', imageId: { imageTag: 'multi' } })),
      'UnsupportedImageTypeException',
    );
  });

  it('uses enhanced scanning for repositories an ENHANCED rule matches, with enhanced findings', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'prod/api' }));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'prod/web' }));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'dev/tool', imageScanningConfiguration: { scanOnPush: true } }));
    await ecr.send(
      new PutRegistryScanningConfigurationCommand({
        scanType: 'ENHANCED',
        rules: [
          { scanFrequency: 'CONTINUOUS_SCAN', repositoryFilters: [{ filter: 'prod/api', filterType: 'WILDCARD' }] },
          { scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'prod/*', filterType: 'WILDCARD' }] },
        ],
      }),
    );
    const api = dataPlane.push(REGION, 'prod/api', { tag: 'v1' });
    const web = dataPlane.push(REGION, 'prod/web', { tag: 'v1' });
    dataPlane.push(REGION, 'dev/tool', { tag: 'v1' });

    const continuous = await settled(api, 'prod/api');
    assert.equal(continuous.imageScanStatus?.status, 'ACTIVE');
    const onPush = await settled(web, 'prod/web');
    assert.equal(onPush.imageScanStatus?.status, 'COMPLETE');
    assert.equal(dataPlane.scanned.length, 2, 'ENHANCED scanning ignores the basic scanOnPush of dev/tool');

    const enhanced = continuous.imageScanFindings?.enhancedFindings ?? [];
    assert.equal(enhanced.length, 5);
    assert.equal(continuous.imageScanFindings?.findings, undefined);
    const curl = enhanced.find((finding) => finding.packageVulnerabilityDetails?.vulnerabilityId === 'CVE-2023-38545');
    assert.equal(curl?.severity, 'HIGH');
    assert.equal(curl?.score, 7.5);
    assert.equal(curl?.fixAvailable, 'YES');
    assert.equal(curl?.status, 'ACTIVE');
    assert.match(curl?.findingArn ?? '', /^arn:aws:inspector2:eu-central-1:123456789012:finding\/[a-f0-9]{32}$/);
    const vulnerable = curl?.packageVulnerabilityDetails?.vulnerablePackages?.[0];
    assert.deepEqual(
      { name: vulnerable?.name, fixedInVersion: vulnerable?.fixedInVersion, packageManager: vulnerable?.packageManager, filePath: vulnerable?.filePath },
      { name: 'curl', fixedInVersion: '7.88.1-10+deb12u4', packageManager: 'OS', filePath: 'var/lib/dpkg/status' },
    );
    assert.match(vulnerable?.sourceLayerHash ?? '', /^sha256:[a-f0-9]{64}$/);
    assert.equal(curl?.resources?.[0]?.details?.awsEcrContainerImage?.imageHash, api);
    const nghttp2 = enhanced.find((finding) => finding.packageVulnerabilityDetails?.vulnerabilityId === 'CVE-2023-44487');
    assert.equal(nghttp2?.fixAvailable, 'NO');

    await expectAwsError(
      ecr.send(new StartImageScanCommand({ repositoryName: 'prod/web', imageId: { imageTag: 'v1' } })),
      'ValidationException',
    );
  });

  it('reads back the registry scanning configuration and each repository\'s effective one', async () => {
    const initial = await ecr.send(new GetRegistryScanningConfigurationCommand({}));
    assert.deepEqual(initial.scanningConfiguration, { scanType: 'BASIC', rules: [] });
    assert.equal(initial.registryId, '123456789012');
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'svc/a' }));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'other' }));
    const rules = [{ scanFrequency: 'SCAN_ON_PUSH' as const, repositoryFilters: [{ filter: 'svc/*', filterType: 'WILDCARD' as const }] }];
    const put = await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'BASIC', rules }));
    assert.deepEqual(put.registryScanningConfiguration, { scanType: 'BASIC', rules });
    const read = await ecr.send(new GetRegistryScanningConfigurationCommand({}));
    assert.deepEqual(read.scanningConfiguration, { scanType: 'BASIC', rules });

    const effective = await ecr.send(new BatchGetRepositoryScanningConfigurationCommand({ repositoryNames: ['svc/a', 'other', 'ghost'] }));
    assert.deepEqual(
      effective.scanningConfigurations?.map((config) => [config.repositoryName, config.scanOnPush, config.scanFrequency]),
      [
        ['svc/a', true, 'SCAN_ON_PUSH'],
        ['other', false, 'MANUAL'],
      ],
    );
    assert.deepEqual(effective.failures?.map((failure) => [failure.repositoryName, failure.failureCode]), [['ghost', 'REPOSITORY_NOT_FOUND']]);

    await expectAwsError(
      ecr.send(
        new PutRegistryScanningConfigurationCommand({
          scanType: 'BASIC',
          rules: [{ scanFrequency: 'CONTINUOUS_SCAN', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] }],
        }),
      ),
      'InvalidParameterException',
    );
    await expectAwsError(ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'DEEP' as 'BASIC' })), 'InvalidParameterException');
    await expectAwsError(
      ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'ENHANCED', rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [] }] })),
      'InvalidParameterException',
    );
  });

  it('reports ImageNotFoundException and RepositoryNotFoundException for scans of what does not exist', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app' }));
    await expectAwsError(
      ecr.send(new StartImageScanCommand({ repositoryName: 'app', imageId: { imageTag: 'absent' } })),
      'ImageNotFoundException',
    );
    await expectAwsError(findingsOf('sha256:' + 'd'.repeat(64), 'nope'), 'RepositoryNotFoundException');
  });
});

describe('ecr-local scanning without a data plane', () => {
  it('answers /v2/ with a registry error and has no images to scan', async () => {
    const env = await startTestEcrLocal();
    try {
      const response = await fetch(`${env.local.url}/v2/`);
      assert.equal(response.status, 404);
      const body = (await response.json()) as { errors: Array<{ code: string; message: string }> };
      assert.equal(body.errors[0]?.code, 'UNSUPPORTED');
      assert.match(body.errors[0]?.message ?? '', /without a data plane/);
    } finally {
      await env.stop();
    }
  });
});
