// The control plane with the real data plane: images pushed through /v2/ with the token from
// GetAuthorizationToken (Debian's docker-registry behind the proxy), scanned by the real
// scanner against the feed, listed, fetched and deleted through the SDK.
import * as assert from 'node:assert/strict';
import {
  BatchDeleteImageCommand,
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeImageScanFindingsCommand,
  GetAuthorizationTokenCommand,
  PutRegistryScanningConfigurationCommand,
  type DescribeImageScanFindingsCommandOutput,
  type ECRClient,
} from '@aws-sdk/client-ecr';
import { ListFindingsCommand } from '@aws-sdk/client-inspector2';
import { startDataPlane } from './registry/dataPlane';
import { buildImage, buildIndex, buildLayer, type BuiltImage } from './seed/imageBuilder';
import { RegistryClient } from './seed/registryClient';
import { startTestEcrLocal, waitFor, type TestEcrLocal } from './testing/harness';

const REGION = 'eu-west-1';

const stanza = (name: string, version: string, source?: string): string =>
  [`Package: ${name}`, 'Status: install ok installed', 'Architecture: amd64', ...(source ? [`Source: ${source}`] : []), `Version: ${version}`, `Description: ${name}`].join('\n');

describe('ecr-local end to end, with the real data plane', () => {
  let env: TestEcrLocal;
  let ecr: ECRClient;
  let registry: RegistryClient;
  let image: BuiltImage;

  before(async () => {
    env = await startTestEcrLocal({ startDataPlane });
    ecr = env.ecr(REGION);
    const token = await ecr.send(new GetAuthorizationTokenCommand({}));
    const data = token.authorizationData?.[0];
    registry = new RegistryClient(data?.proxyEndpoint ?? '', data?.authorizationToken);
    const layer = await buildLayer([
      { path: 'etc/debian_version', content: '12.1\n' },
      { path: 'var/lib/dpkg/status', content: `${stanza('zlib1g', '1:1.2.11.dfsg-2+deb11u1', 'zlib')}\n\n${stanza('bash', '5.2.15-2+b2')}\n` },
    ]);
    image = buildImage({ layers: [layer] });
  });
  after(async () => {
    await env.stop();
  });

  function scanResult(repositoryName: string, imageDigest: string, done: string[] = ['COMPLETE']): Promise<DescribeImageScanFindingsCommandOutput> {
    return waitFor(`the scan of ${repositoryName}`, async () => {
      const answer = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName, imageId: { imageDigest } }));
      const status = answer.imageScanStatus?.status ?? '';
      if (status === 'FAILED') {
        throw new Error(`the scan failed: ${answer.imageScanStatus?.description ?? ''}`);
      }
      return done.includes(status) ? answer : undefined;
    });
  }

  it('scans a pushed image on push and reports the feed\'s findings', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'e2e/basic', imageScanningConfiguration: { scanOnPush: true } }));
    await registry.pushImage('e2e/basic', image, ['v1']);

    const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: 'e2e/basic' }));
    assert.equal(imageDetails?.[0]?.imageDigest, image.digest);
    assert.deepEqual(imageDetails?.[0]?.imageTags, ['v1']);
    assert.equal(imageDetails?.[0]?.imageManifestMediaType, image.mediaType);
    assert.equal(imageDetails?.[0]?.imageSizeInBytes, image.config.size + (image.layers[0]?.size ?? 0));

    const scan = await scanResult('e2e/basic', image.digest);
    const names = scan.imageScanFindings?.findings?.map((finding) => finding.name) ?? [];
    assert.ok(names.includes('CVE-2022-37434'), names.join(', '));
    assert.equal(scan.imageScanFindings?.findings?.find((finding) => finding.name === 'CVE-2022-37434')?.severity, 'CRITICAL');

    const got = await ecr.send(new BatchGetImageCommand({ repositoryName: 'e2e/basic', imageIds: [{ imageTag: 'v1' }] }));
    assert.equal(got.images?.[0]?.imageManifest, image.manifest.toString());
  });

  it('fills enhanced findings and Inspector2 with the file and layer each package came from', async () => {
    await ecr.send(
      new PutRegistryScanningConfigurationCommand({
        scanType: 'ENHANCED',
        rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'e2e/enhanced', filterType: 'WILDCARD' }] }],
      }),
    );
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'e2e/enhanced' }));
    await registry.pushImage('e2e/enhanced', image, ['v1']);
    const scan = await scanResult('e2e/enhanced', image.digest);
    const enhanced = scan.imageScanFindings?.enhancedFindings?.find((finding) => finding.packageVulnerabilityDetails?.vulnerabilityId === 'CVE-2022-37434');
    assert.equal(enhanced?.packageVulnerabilityDetails?.vulnerablePackages?.[0]?.name, 'zlib1g');

    const { findings } = await env.inspector(REGION).send(
      new ListFindingsCommand({ filterCriteria: { ecrImageRepositoryName: [{ comparison: 'EQUALS', value: 'e2e/enhanced' }] } }),
    );
    const zlib = findings?.find((finding) => finding.packageVulnerabilityDetails?.vulnerabilityId === 'CVE-2022-37434');
    const vulnerable = zlib?.packageVulnerabilityDetails?.vulnerablePackages?.[0];
    assert.equal(vulnerable?.filePath, 'var/lib/dpkg/status');
    assert.equal(vulnerable?.sourceLayerHash, image.layers[0]?.digest);
    assert.equal(vulnerable?.fixedInVersion, '1:1.2.11.dfsg-2+deb11u2');
    assert.equal(zlib?.resources?.[0]?.details?.awsEcrContainerImage?.imageHash, image.digest);
    await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: 'BASIC', rules: [] }));
  });

  it('records a multi-platform index and deletes manifests in the registry too', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'e2e/multi' }));
    const arm = buildImage({ layers: image.layers, platform: { os: 'linux', architecture: 'arm64' } });
    const index = buildIndex([image, arm]);
    await registry.pushIndex('e2e/multi', index, ['latest']);
    const { imageDetails } = await ecr.send(new DescribeImagesCommand({ repositoryName: 'e2e/multi', imageIds: [{ imageTag: 'latest' }] }));
    assert.equal(imageDetails?.[0]?.imageDigest, index.digest);
    assert.equal(imageDetails?.[0]?.imageManifestMediaType, index.mediaType);

    const blocked = await ecr.send(new BatchDeleteImageCommand({ repositoryName: 'e2e/multi', imageIds: [{ imageDigest: arm.digest }] }));
    assert.equal(blocked.failures?.[0]?.failureCode, 'ImageReferencedByManifestList');
    const deleted = await ecr.send(new BatchDeleteImageCommand({ repositoryName: 'e2e/multi', imageIds: [{ imageDigest: index.digest }] }));
    assert.deepEqual(deleted.failures, []);
    const gone = await registry.call('GET', `/v2/e2e/multi/manifests/${index.digest}`, { accept: index.mediaType });
    assert.equal(gone.status, 404);
  });

  it('stops serving a tag deleted through BatchDeleteImage while the image keeps its other tags', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'e2e/untag' }));
    await registry.pushImage('e2e/untag', image, ['v1', 'stable']);
    const accept = { accept: image.mediaType };
    assert.equal((await registry.call('GET', '/v2/e2e/untag/manifests/v1', accept)).status, 200);

    const untagged = await ecr.send(new BatchDeleteImageCommand({ repositoryName: 'e2e/untag', imageIds: [{ imageTag: 'v1' }] }));
    assert.deepEqual(untagged.failures, []);

    const pulled = await registry.call('GET', '/v2/e2e/untag/manifests/v1', accept);
    assert.equal(pulled.status, 404);
    assert.match(pulled.body.toString(), /MANIFEST_UNKNOWN/);
    const kept = await registry.call('GET', '/v2/e2e/untag/manifests/stable', accept);
    assert.equal(kept.status, 200);
    assert.equal(kept.headers['docker-content-digest'], image.digest);
  });
});
