// The scan core's SDK-backed helpers against ecr-local through the real SDK and EcrClients (endpoint
// overrides from the environment it is given, one ECR and one Inspector2 client per connection):
// readScanResult (basic and enhanced, every page, Inspector2 enrichment and its failure),
// waitForScan's outcomes, getRegistryLogin, findImageByTag, and getImageLayers with the mapper on
// an image the real scanner read.
import * as assert from 'node:assert/strict';
import { CreateRepositoryCommand, PutRegistryScanningConfigurationCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { EcrClients, type RequestLogEntry } from '../../src/ecr/clients';
import { findImageByTag, getImageLayers } from '../../src/ecr/imageLookup';
import { ENVIRONMENT_PROFILE, type Connection } from '../../src/ecr/model';
import { getRegistryLogin } from '../../src/ecr/registryLogin';
import { readScanResult } from '../../src/ecr/scanFindings';
import { waitForScan } from '../../src/ecr/scanWait';
import { mapFindingsToDockerfile } from '../../src/scan/mapFindings';
import { startDataPlane } from './registry/dataPlane';
import { buildImage, buildLayer } from './seed/imageBuilder';
import { RegistryClient } from './seed/registryClient';
import { FakeDataPlane, outcome, vulnerability } from './testing/fakeDataPlane';
import { expectAwsError, startTestEcrLocal, TEST_CREDENTIALS, TestClock, type TestEcrLocal } from './testing/harness';

const REGION = 'eu-west-1';
const connection: Connection = { profile: ENVIRONMENT_PROFILE, region: REGION };
/** Short pauses: ecr-local's fake scanner answers at once. */
const FAST = { initialDelayMs: 20, maxDelayMs: 50 };

function clientsFor(env: TestEcrLocal, log: RequestLogEntry[], inspectorUrl = env.local.url): EcrClients {
  return new EcrClients({
    env: {
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_ECR: env.local.url,
      AWS_ENDPOINT_URL_INSPECTOR2: inspectorUrl,
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    },
    maxAttempts: 1,
    onRequest: (entry) => log.push(entry),
  });
}

describe('scan findings against ecr-local', () => {
  let env: TestEcrLocal;
  let dataPlane: FakeDataPlane;
  let clients: EcrClients;
  let ecr: ECRClient;
  const log: RequestLogEntry[] = [];

  beforeEach(async () => {
    dataPlane = new FakeDataPlane();
    env = await startTestEcrLocal({ startDataPlane: dataPlane.start, now: new TestClock().now });
    log.length = 0;
    clients = clientsFor(env, log);
    ecr = clients.ecr(connection);
  });
  afterEach(async () => {
    clients.dispose();
    await env.stop();
  });

  function many(count: number) {
    return Array.from({ length: count }, (_, index) =>
      vulnerability(`CVE-2024-${String(10000 + index)}`, index % 3 === 0 ? 'CRITICAL' : 'LOW', `pkg${index}`, index % 2 === 0 ? `1.0.${index}` : undefined),
    );
  }

  it('reads every page of a basic scan (1,050 findings: 1,000 + 50) and counts them itself', async () => {
    dataPlane.defaultOutcome = outcome(many(1050));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app', imageScanningConfiguration: { scanOnPush: true } }));
    const digest = dataPlane.push(REGION, 'app', { tag: 'v1' });
    const waited = await waitForScan(ecr, 'app', digest, { timeoutMs: 10_000, ...FAST });
    assert.equal(waited.outcome, 'complete');

    log.length = 0;
    const result = await readScanResult(clients, connection, 'app', digest);
    assert.equal(result.scanType, 'BASIC');
    assert.equal(result.status, 'COMPLETE');
    assert.equal(result.findings.length, 1050);
    assert.deepEqual(result.severityCounts, { CRITICAL: 350, LOW: 700 });
    assert.ok(result.completedAt instanceof Date);
    const first = result.findings[0];
    assert.deepEqual(
      { id: first?.id, packageName: first?.packageName, installedVersion: first?.installedVersion, cvssScore: first?.cvssScore, url: first?.url },
      { id: 'CVE-2024-10000', packageName: 'pkg0', installedVersion: '1.0.0', cvssScore: 9.8, url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-10000' },
    );
    assert.deepEqual(log.map((entry) => entry.operation), ['DescribeImageScanFindings', 'DescribeImageScanFindings'], '1,000 + 50');
    assert.equal(log.filter((entry) => entry.operation === 'ListFindings').length, 0, 'basic scans do not ask Inspector');
  });

  it('reads an enhanced scan and adds EPSS and exploit availability from Inspector2, 100 findings a page', async () => {
    dataPlane.defaultOutcome = outcome(many(150));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'prod/api' }));
    await ecr.send(
      new PutRegistryScanningConfigurationCommand({ scanType: 'ENHANCED', rules: [{ scanFrequency: 'CONTINUOUS_SCAN', repositoryFilters: [{ filter: 'prod/*', filterType: 'WILDCARD' }] }] }),
    );
    const digest = dataPlane.push(REGION, 'prod/api', { tag: 'v1' });
    const statuses: string[] = [];
    const waited = await waitForScan(ecr, 'prod/api', digest, { timeoutMs: 10_000, ...FAST, onStatus: (status) => statuses.push(status) });
    assert.deepEqual({ outcome: waited.outcome, status: waited.status }, { outcome: 'complete', status: 'ACTIVE' });

    const result = await readScanResult(clients, connection, 'prod/api', digest);
    assert.equal(result.scanType, 'ENHANCED');
    assert.equal(result.findings.length, 150);
    assert.equal(result.enrichmentProblem, undefined);
    const critical = result.findings.find((finding) => finding.id === 'CVE-2024-10000');
    assert.equal(critical?.severity, 'CRITICAL');
    assert.equal(critical?.epssScore, 0.02);
    assert.equal(critical?.exploitAvailable, true);
    assert.equal(critical?.inspectorScore, 9.8);
    assert.equal(critical?.fixedVersion, '1.0.0');
    assert.equal(critical?.fixAvailable, 'YES');
    assert.equal(critical?.filePath, 'var/lib/dpkg/status');
    assert.match(critical?.sourceLayerHash ?? '', /^sha256:[a-f0-9]{64}$/);
    const unfixed = result.findings.find((finding) => finding.id === 'CVE-2024-10001');
    assert.equal(unfixed?.fixAvailable, 'NO');
    assert.equal(unfixed?.fixedVersion, undefined);
    assert.equal(result.findings.filter((finding) => finding.epssScore !== undefined).length, 150);
    assert.equal(log.filter((entry) => entry.operation === 'ListFindings').length, 2, '150 Inspector findings = 2 pages');
  });

  it('keeps enhanced findings when Inspector2 cannot be reached, and says what is missing', async () => {
    clients.dispose();
    clients = clientsFor(env, log, 'http://127.0.0.1:9');
    ecr = clients.ecr(connection);
    dataPlane.defaultOutcome = outcome(many(3));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'web' }));
    await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'ENHANCED', rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] }] }));
    const digest = dataPlane.push(REGION, 'web', { tag: 'v1' });
    assert.equal((await waitForScan(ecr, 'web', digest, { timeoutMs: 10_000, ...FAST })).outcome, 'complete');
    const result = await readScanResult(clients, connection, 'web', digest);
    assert.equal(result.findings.length, 3);
    assert.equal(result.findings[0]?.epssScore, undefined);
    assert.match(result.enrichmentProblem ?? '', /Amazon Inspector could not be read .*EPSS/);
  });

  it('waitForScan: not-scanned after the grace, failed and unsupported with ECR\'s description, cancelled', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'quiet' }));
    const unscanned = dataPlane.push(REGION, 'quiet', { tag: 'v1' });
    const notScanned = await waitForScan(ecr, 'quiet', unscanned, { timeoutMs: 10_000, notFoundGraceMs: 150, ...FAST });
    assert.equal(notScanned.outcome, 'not-scanned');

    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app', imageScanningConfiguration: { scanOnPush: true } }));
    const broken = 'sha256:' + 'b'.repeat(64);
    const artifact = 'sha256:' + 'c'.repeat(64);
    dataPlane.outcomes.set(broken, new Error('layer sha256:123 is truncated'));
    dataPlane.outcomes.set(artifact, outcome([], 'UNSUPPORTED_IMAGE'));
    dataPlane.push(REGION, 'app', { digest: broken });
    dataPlane.push(REGION, 'app', { digest: artifact });
    const failed = await waitForScan(ecr, 'app', broken, { timeoutMs: 10_000, ...FAST });
    assert.equal(failed.outcome, 'failed');
    assert.match(failed.description ?? '', /truncated/);
    assert.equal((await waitForScan(ecr, 'app', artifact, { timeoutMs: 10_000, ...FAST })).outcome, 'unsupported');

    let release: () => void = () => undefined;
    dataPlane.gate = new Promise<void>((resolve) => (release = resolve));
    const slow = dataPlane.push(REGION, 'app', { tag: 'slow' });
    const controller = new AbortController();
    const seen: string[] = [];
    const cancelled = await waitForScan(ecr, 'app', slow, {
      timeoutMs: 10_000,
      signal: controller.signal,
      ...FAST,
      onStatus: (status) => {
        seen.push(status);
        if (status === 'IN_PROGRESS') {
          controller.abort();
        }
      },
    });
    assert.equal(cancelled.outcome, 'cancelled');
    assert.ok(seen.includes('IN_PROGRESS'));
    const timedOut = await waitForScan(ecr, 'app', slow, { timeoutMs: 100, ...FAST });
    assert.deepEqual({ outcome: timedOut.outcome, status: timedOut.status }, { outcome: 'timeout', status: 'IN_PROGRESS' });
    release();
    assert.equal((await waitForScan(ecr, 'app', slow, { timeoutMs: 10_000, ...FAST })).outcome, 'complete');
    await expectAwsError(waitForScan(ecr, 'ghost', slow, { timeoutMs: 1000, ...FAST }), 'RepositoryNotFoundException');
  });

  it('getRegistryLogin and findImageByTag', async () => {
    const login = await getRegistryLogin(ecr);
    assert.equal(login.username, 'AWS');
    assert.ok(login.password.length > 20);
    assert.equal(login.registryHost, new URL(login.proxyEndpoint).host);
    assert.ok(login.expiresAt && login.expiresAt.getTime() > 0);

    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'team/app' }));
    const digest = dataPlane.push(REGION, 'team/app', { tag: '1.2.3' });
    const image = await findImageByTag(ecr, 'team/app', '1.2.3');
    assert.equal(image?.digest, digest);
    assert.deepEqual(image?.tags, ['1.2.3']);
    assert.equal(await findImageByTag(ecr, 'team/app', 'missing'), undefined);
    await expectAwsError(findImageByTag(ecr, 'team/nope', '1.2.3'), 'RepositoryNotFoundException');
  });
});

describe('layers of a scanned image mapped onto its Dockerfile (real data plane and scanner)', function () {
  this.timeout(60_000);
  let env: TestEcrLocal;
  let clients: EcrClients;

  before(async () => {
    env = await startTestEcrLocal({ startDataPlane });
    clients = clientsFor(env, []);
  });
  after(async () => {
    clients?.dispose();
    await env?.stop();
  });

  it('puts an enhanced finding on the COPY that made its layer', async () => {
    const ecr = clients.ecr(connection);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'scratch/app' }));
    await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'ENHANCED', rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] }] }));
    const login = await getRegistryLogin(ecr);
    const registry = new RegistryClient(env.local.url, Buffer.from(`${login.username}:${login.password}`).toString('base64'));
    const status = ['Package: zlib1g', 'Status: install ok installed', 'Source: zlib', 'Version: 1:1.2.11.dfsg-2', 'Architecture: amd64', ''].join('\n');
    const hello = await buildLayer([{ path: 'hello', content: 'hello' }]);
    const database = await buildLayer([{ path: 'var/lib/dpkg/status', content: status }]);
    const image = buildImage({ layers: [hello, database], platform: { os: 'linux', architecture: 'amd64' } });
    await registry.pushImage('scratch/app', image, ['v1']);

    assert.equal((await waitForScan(ecr, 'scratch/app', image.digest, { timeoutMs: 20_000, ...FAST })).outcome, 'complete');
    const result = await readScanResult(clients, connection, 'scratch/app', image.digest);
    const zlib = result.findings.filter((finding) => finding.packageName === 'zlib1g');
    assert.ok(zlib.length > 0, `zlib1g findings: ${JSON.stringify(result.findings.map((finding) => finding.id))}`);
    assert.ok(zlib.every((finding) => finding.sourceLayerHash === database.digest));

    const layers = await getImageLayers(ecr, 'scratch/app', image.digest);
    assert.deepEqual(layers, [hello.digest, database.digest]);
    // The database is COPYed under another name: only the layer says which COPY brought zlib1g.
    const dockerfile = ['FROM scratch', 'COPY hello /hello', 'COPY dpkg/ /var/lib/dpkg/'].join('\n');
    const mapped = mapFindingsToDockerfile(dockerfile, result.findings, { layerDigests: layers });
    const line = mapped.lines.find((entry) => entry.findings.some((finding) => finding.packageName === 'zlib1g'));
    assert.deepEqual({ line: line?.line, anchor: line?.anchor }, { line: 2, anchor: 'layer' });
    assert.match(line?.message ?? '', /zlib1g 1:1\.2\.11\.dfsg-2 → /);
  });
});
