// Amazon Inspector2 ListFindings and BatchGetFindingDetails through the real
// @aws-sdk/client-inspector2: filters on repository name, image hash and severity (EQUALS,
// PREFIX, NOT_EQUALS), sorting, paging with maxResults 1-100, and REST error statuses.
import * as assert from 'node:assert/strict';
import { CreateRepositoryCommand, DescribeImageScanFindingsCommand, PutRegistryScanningConfigurationCommand, type ECRClient } from '@aws-sdk/client-ecr';
import {
  BatchGetFindingDetailsCommand,
  ListFindingsCommand,
  paginateListFindings,
  type Finding,
  type FilterCriteria,
  type Inspector2Client,
} from '@aws-sdk/client-inspector2';
import { FakeDataPlane, outcome, vulnerability } from './testing/fakeDataPlane';
import { expectAwsError, startTestEcrLocal, waitFor, type TestEcrLocal } from './testing/harness';

const REGION = 'ap-southeast-2';

describe('ecr-local Inspector2 findings', () => {
  let env: TestEcrLocal;
  let ecr: ECRClient;
  let inspector: Inspector2Client;
  let dataPlane: FakeDataPlane;
  const digests: Record<string, string> = {};

  async function scanned(repositoryName: string, digest: string): Promise<void> {
    await waitFor(`the enhanced scan of ${repositoryName}`, async () => {
      const answer = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName, imageId: { imageDigest: digest } }));
      return answer.imageScanStatus?.status === 'COMPLETE' ? true : undefined;
    });
  }

  async function listAll(filterCriteria?: FilterCriteria): Promise<Finding[]> {
    const findings: Finding[] = [];
    for await (const page of paginateListFindings({ client: inspector, pageSize: 100 }, { ...(filterCriteria ? { filterCriteria } : {}) })) {
      findings.push(...(page.findings ?? []));
    }
    return findings;
  }

  before(async () => {
    dataPlane = new FakeDataPlane();
    env = await startTestEcrLocal({ startDataPlane: dataPlane.start });
    ecr = env.ecr(REGION);
    inspector = env.inspector(REGION);
    await ecr.send(
      new PutRegistryScanningConfigurationCommand({
        scanType: 'ENHANCED',
        rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] }],
      }),
    );
    for (const repositoryName of ['web', 'web-legacy', 'worker']) {
      await ecr.send(new CreateRepositoryCommand({ repositoryName }));
    }
    const webDigest = 'sha256:' + '1'.repeat(64);
    const legacyDigest = 'sha256:' + '2'.repeat(64);
    const workerDigest = 'sha256:' + '3'.repeat(64);
    dataPlane.outcomes.set(
      webDigest,
      outcome([
        vulnerability('CVE-2023-4911', 'CRITICAL', 'libc6', '2.36-9+deb12u3'),
        vulnerability('CVE-2023-38545', 'HIGH', 'curl', '7.88.1-10+deb12u4'),
        vulnerability('CVE-2023-44487', 'MEDIUM', 'nghttp2'),
      ]),
    );
    dataPlane.outcomes.set(legacyDigest, outcome([vulnerability('CVE-2022-3715', 'LOW', 'bash'), vulnerability('CVE-2021-0001', 'UNDEFINED', 'zlib1g')]));
    dataPlane.outcomes.set(
      workerDigest,
      outcome(Array.from({ length: 150 }, (_, index) => vulnerability(`CVE-2024-${20000 + index}`, index < 10 ? 'CRITICAL' : 'MEDIUM', `lib${index}`))),
    );
    digests['web'] = dataPlane.push(REGION, 'web', { digest: webDigest, tag: 'v1' });
    digests['web-legacy'] = dataPlane.push(REGION, 'web-legacy', { digest: legacyDigest, tag: 'old' });
    digests['worker'] = dataPlane.push(REGION, 'worker', { digest: workerDigest, tag: 'v9' });
    for (const [repositoryName, digest] of Object.entries(digests)) {
      await scanned(repositoryName, digest);
    }
  });
  after(async () => {
    await env.stop();
  });

  it('lists every finding of the region, with the Inspector2 shape', async () => {
    const all = await listAll();
    assert.equal(all.length, 155);
    const curl = all.find((finding) => finding.packageVulnerabilityDetails?.vulnerabilityId === 'CVE-2023-38545');
    assert.ok(curl);
    assert.equal(curl.severity, 'HIGH');
    assert.equal(curl.inspectorScore, 7.5);
    assert.equal(curl.type, 'PACKAGE_VULNERABILITY');
    assert.equal(curl.status, 'ACTIVE');
    assert.equal(curl.fixAvailable, 'YES');
    assert.equal(curl.exploitAvailable, 'NO');
    assert.equal(curl.epss?.score, 0.02);
    assert.equal(curl.remediation?.recommendation?.Url, 'https://nvd.nist.gov/vuln/detail/CVE-2023-38545');
    assert.match(curl.remediation?.recommendation?.text ?? '', /Upgrade curl to 7\.88\.1-10\+deb12u4/);
    const resource = curl.resources?.[0];
    assert.equal(resource?.type, 'AWS_ECR_CONTAINER_IMAGE');
    assert.deepEqual(
      {
        repositoryName: resource?.details?.awsEcrContainerImage?.repositoryName,
        imageHash: resource?.details?.awsEcrContainerImage?.imageHash,
        imageTags: resource?.details?.awsEcrContainerImage?.imageTags,
        registry: resource?.details?.awsEcrContainerImage?.registry,
      },
      { repositoryName: 'web', imageHash: digests['web'], imageTags: ['v1'], registry: '123456789012' },
    );
    const vulnerable = curl.packageVulnerabilityDetails?.vulnerablePackages?.[0];
    assert.equal(vulnerable?.fixedInVersion, '7.88.1-10+deb12u4');
    assert.equal(vulnerable?.packageManager, 'OS');
    assert.equal(vulnerable?.filePath, 'var/lib/dpkg/status');
    assert.match(vulnerable?.sourceLayerHash ?? '', /^sha256:/);
    assert.ok(curl.firstObservedAt instanceof Date);
    const untriaged = all.find((finding) => finding.packageVulnerabilityDetails?.vulnerabilityId === 'CVE-2021-0001');
    assert.equal(untriaged?.severity, 'UNTRIAGED', 'Inspector has no UNDEFINED severity');
  });

  it('filters on repository name with EQUALS, PREFIX and NOT_EQUALS', async () => {
    const repositoriesOf = (findings: Finding[]) =>
      [...new Set(findings.map((finding) => finding.resources?.[0]?.details?.awsEcrContainerImage?.repositoryName))].sort();
    assert.deepEqual(repositoriesOf(await listAll({ ecrImageRepositoryName: [{ comparison: 'EQUALS', value: 'web' }] })), ['web']);
    assert.deepEqual(repositoriesOf(await listAll({ ecrImageRepositoryName: [{ comparison: 'PREFIX', value: 'web' }] })), ['web', 'web-legacy']);
    assert.deepEqual(repositoriesOf(await listAll({ ecrImageRepositoryName: [{ comparison: 'NOT_EQUALS', value: 'worker' }] })), ['web', 'web-legacy']);
    // Several filters on one key: any positive one, and none of the negative ones.
    assert.deepEqual(
      repositoriesOf(
        await listAll({
          ecrImageRepositoryName: [
            { comparison: 'PREFIX', value: 'w' },
            { comparison: 'NOT_EQUALS', value: 'web-legacy' },
          ],
        }),
      ),
      ['web', 'worker'],
    );
  });

  it('filters on image hash and severity, every key holding at once', async () => {
    const byHash = await listAll({ ecrImageHash: [{ comparison: 'EQUALS', value: digests['worker'] ?? '' }] });
    assert.equal(byHash.length, 150);
    const critical = await listAll({ severity: [{ comparison: 'EQUALS', value: 'CRITICAL' }] });
    assert.equal(critical.length, 11);
    const criticalOrHigh = await listAll({
      severity: [
        { comparison: 'EQUALS', value: 'CRITICAL' },
        { comparison: 'EQUALS', value: 'HIGH' },
      ],
    });
    assert.equal(criticalOrHigh.length, 12);
    const criticalWorker = await listAll({
      severity: [{ comparison: 'EQUALS', value: 'CRITICAL' }],
      ecrImageRepositoryName: [{ comparison: 'EQUALS', value: 'worker' }],
    });
    assert.equal(criticalWorker.length, 10);
    const notMedium = await listAll({ severity: [{ comparison: 'NOT_EQUALS', value: 'MEDIUM' }] });
    assert.equal(notMedium.length, 155 - 141);
    const fixable = await listAll({ fixAvailable: [{ comparison: 'EQUALS', value: 'YES' }], ecrImageTags: [{ comparison: 'EQUALS', value: 'v1' }] });
    assert.deepEqual(fixable.map((finding) => finding.packageVulnerabilityDetails?.vulnerabilityId).sort(), ['CVE-2023-38545', 'CVE-2023-4911']);
    const scored = await listAll({ inspectorScore: [{ lowerInclusive: 9 }] });
    assert.equal(scored.length, 11);
  });

  it('pages with maxResults 1-100 and a nextToken bound to its query', async () => {
    const first = await inspector.send(new ListFindingsCommand({ maxResults: 40 }));
    assert.equal(first.findings?.length, 40);
    assert.ok(first.nextToken);
    const defaultPage = await inspector.send(new ListFindingsCommand({}));
    assert.equal(defaultPage.findings?.length, 100);
    const seen = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await inspector.send(new ListFindingsCommand({ maxResults: 33, ...(token ? { nextToken: token } : {}) }));
      for (const finding of page.findings ?? []) {
        seen.add(finding.findingArn ?? '');
      }
      token = page.nextToken;
      pages += 1;
    } while (token);
    assert.equal(seen.size, 155);
    assert.equal(pages, Math.ceil(155 / 33));

    for (const maxResults of [0, 101]) {
      await expectAwsError(inspector.send(new ListFindingsCommand({ maxResults })), 'ValidationException', 400);
    }
    await expectAwsError(
      inspector.send(
        new ListFindingsCommand({ nextToken: first.nextToken, filterCriteria: { severity: [{ comparison: 'EQUALS', value: 'LOW' }] } }),
      ),
      'ValidationException',
      400,
    );
    await expectAwsError(inspector.send(new ListFindingsCommand({ nextToken: 'garbage' })), 'ValidationException', 400);
  });

  it('sorts by severity and by score in either order', async () => {
    const bySeverity = await inspector.send(new ListFindingsCommand({ sortCriteria: { field: 'SEVERITY', sortOrder: 'DESC' }, maxResults: 12 }));
    assert.deepEqual(bySeverity.findings?.map((finding) => finding.severity), [...Array<string>(11).fill('CRITICAL'), 'HIGH']);
    const byScore = await inspector.send(new ListFindingsCommand({ sortCriteria: { field: 'INSPECTOR_SCORE', sortOrder: 'ASC' }, maxResults: 3 }));
    assert.deepEqual(byScore.findings?.map((finding) => finding.inspectorScore), [0, 3.1, 5.3]);
    await expectAwsError(
      inspector.send(new ListFindingsCommand({ sortCriteria: { field: 'COLOUR' as 'SEVERITY', sortOrder: 'ASC' } })),
      'ValidationException',
    );
  });

  it('refuses filters it cannot evaluate and malformed ones with 400 ValidationException', async () => {
    const unsupported = await expectAwsError(
      inspector.send(new ListFindingsCommand({ filterCriteria: { lambdaFunctionName: [{ comparison: 'EQUALS', value: 'f' }] } })),
      'ValidationException',
      400,
    );
    assert.match(unsupported.message, /cannot filter findings on 'lambdaFunctionName'/);
    await expectAwsError(
      inspector.send(new ListFindingsCommand({ filterCriteria: { severity: [{ comparison: 'LIKE' as 'EQUALS', value: 'HIGH' }] } })),
      'ValidationException',
    );
    await expectAwsError(inspector.send(new ListFindingsCommand({ filterCriteria: { severity: [{ comparison: 'EQUALS', value: '' }] } })), 'ValidationException');
  });

  it('returns finding details, and errors for unknown or malformed ARNs', async () => {
    const [finding] = (await inspector.send(new ListFindingsCommand({ maxResults: 1 }))).findings ?? [];
    const known = finding?.findingArn ?? '';
    const unknown = known.replace(/[a-f0-9]{32}$/, '0'.repeat(32));
    const answer = await inspector.send(new BatchGetFindingDetailsCommand({ findingArns: [known, unknown, 'not-an-arn'] }));
    assert.deepEqual(answer.findingDetails?.map((detail) => detail.findingArn), [known]);
    assert.equal(answer.findingDetails?.[0]?.epssScore, 0.02);
    assert.deepEqual(
      answer.errors?.map((error) => [error.findingArn, error.errorCode]),
      [
        [unknown, 'FINDING_DETAILS_NOT_FOUND'],
        ['not-an-arn', 'INVALID_INPUT'],
      ],
    );
    await expectAwsError(inspector.send(new BatchGetFindingDetailsCommand({ findingArns: [] })), 'ValidationException', 400);
  });

  it('keeps regions apart', async () => {
    const elsewhere = env.inspector('us-east-1');
    const answer = await elsewhere.send(new ListFindingsCommand({}));
    assert.deepEqual(answer.findings, []);
  });
});
