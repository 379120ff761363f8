// The real flow, as a user of ECR lives it, against ecr-local with its data plane: a private
// dockerd, CreateRepository with scan on push, GetAuthorizationToken, `docker login
// --password-stdin` (the password never in argv) with a private DOCKER_CONFIG, the classic
// builder's FROM scratch + COPY of a dpkg status file with vulnerable versions, `docker push`,
// then DescribeImages and DescribeImageScanFindings through the real SDK.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  GetAuthorizationTokenCommand,
  type ECRClient,
  type ImageDetail,
} from '@aws-sdk/client-ecr';
import { startDockerd, type PrivateDockerd } from '../harness/dockerd';
import { startDataPlane } from './registry/dataPlane';
import { imageManifestSize, MEDIA_TYPES, parseManifest } from './registry/manifests';
import { startTestEcrLocal, TestClock, waitFor, type TestEcrLocal } from './testing/harness';

/** A dpkg status database with versions the feed knows to be vulnerable. */
const VULNERABLE_DPKG_STATUS = [
  'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.7-1\nDescription: Secure Sockets Layer toolkit - shared libraries',
  'Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.11.dfsg-2+deb11u1\nDescription: compression library - runtime',
  'Package: curl\nStatus: install ok installed\nArchitecture: amd64\nVersion: 7.88.1-10+deb12u3\nDescription: command line tool for transferring data with URL syntax',
].join('\n\n');

const REGION = 'eu-west-1';

describe('docker push to ecr-local', function () {
  this.timeout(240_000);
  const clock = new TestClock();
  let dockerd: PrivateDockerd;
  let ecrLocal: TestEcrLocal;
  let ecr: ECRClient;
  let registryHost: string;
  const contexts: string[] = [];

  /** FROM scratch + COPY of the files, labelled so that equal files still make distinct images. */
  const build = async (tag: string, files: Record<string, string>, label: string): Promise<void> => {
    const folder = mkdtempSync(join(tmpdir(), 'ecrx-context-'));
    contexts.push(folder);
    const lines = ['FROM scratch'];
    Object.entries(files).forEach(([target, content], index) => {
      writeFileSync(join(folder, `file${index}`), content);
      lines.push(`COPY file${index} /${target}`);
    });
    lines.push(`LABEL org.opencontainers.image.description="${label}"`);
    writeFileSync(join(folder, 'Dockerfile'), `${lines.join('\n')}\n`);
    await dockerd.docker(['build', '-q', '-t', tag, folder], { env: { DOCKER_BUILDKIT: '0' } });
  };

  /** GetAuthorizationToken, then docker login with the password on stdin. */
  const login = async (): Promise<void> => {
    const answer = await ecr.send(new GetAuthorizationTokenCommand({}));
    const data = answer.authorizationData?.[0];
    assert.ok(data?.authorizationToken && data.proxyEndpoint, 'an authorization token and proxy endpoint');
    assert.equal(data.proxyEndpoint, ecrLocal.local.url);
    const [user, password] = Buffer.from(data.authorizationToken, 'base64').toString().split(/:(.*)/s);
    assert.equal(user, 'AWS');
    registryHost = new URL(data.proxyEndpoint).host;
    await dockerd.docker(['login', '--username', 'AWS', '--password-stdin', registryHost], { input: password });
  };

  const describeImage = async (repositoryName: string, imageTag: string): Promise<ImageDetail> => {
    const answer = await ecr.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag }] }));
    const detail = answer.imageDetails?.[0];
    assert.ok(detail, `${repositoryName}:${imageTag} is described`);
    return detail;
  };

  before(async () => {
    dockerd = await startDockerd();
    ecrLocal = await startTestEcrLocal({ startDataPlane, now: clock.now });
    ecr = ecrLocal.ecr(REGION);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'team-a/api', imageScanningConfiguration: { scanOnPush: true } }));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'base/runtime', imageTagMutability: 'IMMUTABLE' }));
  });

  after(async () => {
    await ecrLocal?.stop();
    await dockerd?.stop();
    for (const folder of contexts) {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('lets docker push to the loopback endpoint over HTTP without configuring an insecure registry', async () => {
    const { stdout } = await dockerd.docker(['info', '--format', '{{json .RegistryConfig.InsecureRegistryCIDRs}}']);
    assert.deepEqual(JSON.parse(stdout), ['127.0.0.0/8']);
  });

  it('refuses docker login with a password it never issued', async () => {
    const host = new URL(ecrLocal.local.url).host;
    await assert.rejects(dockerd.docker(['login', '--username', 'AWS', '--password-stdin', host], { input: 'made-up-password' }), /401 Unauthorized/);
  });

  it('pushes a built image that DescribeImages shows with its size and a completed scan with the expected CVEs', async () => {
    await login();
    const reference = `${registryHost}/team-a/api:1.0.0`;
    await build(reference, { 'var/lib/dpkg/status': VULNERABLE_DPKG_STATUS }, 'api 1.0.0');
    await dockerd.docker(['push', reference]);

    const detail = await waitFor('a completed scan of team-a/api:1.0.0', async () => {
      const image = await describeImage('team-a/api', '1.0.0');
      return image.imageScanStatus?.status === 'COMPLETE' ? image : undefined;
    });
    const { stdout: repoDigest } = await dockerd.docker(['inspect', '--format', '{{index .RepoDigests 0}}', reference]);
    assert.equal(repoDigest.trim(), `${registryHost}/team-a/api@${detail.imageDigest}`);
    assert.deepEqual(detail.imageTags, ['1.0.0']);
    assert.equal(detail.imageManifestMediaType, MEDIA_TYPES.dockerManifest);
    assert.equal(detail.artifactMediaType, MEDIA_TYPES.dockerConfig);
    assert.equal(detail.imagePushedAt?.getTime(), clock.current);
    // ECR's size is the compressed one: config plus layers of the manifest docker pushed.
    const got = await ecr.send(new BatchGetImageCommand({ repositoryName: 'team-a/api', imageIds: [{ imageDigest: detail.imageDigest }] }));
    const manifest = parseManifest(got.images?.[0]?.imageManifest ?? '');
    if (typeof manifest === 'string' || manifest.kind !== 'image') {
      assert.fail(`BatchGetImage returned no image manifest: ${typeof manifest === 'string' ? manifest : manifest.kind}`);
    }
    assert.equal(detail.imageSizeInBytes, imageManifestSize(manifest));
    assert.ok((detail.imageSizeInBytes ?? 0) > 0);

    assert.deepEqual(detail.imageScanFindingsSummary?.findingSeverityCounts, { CRITICAL: 2, HIGH: 1, MEDIUM: 2, LOW: 1 });
    const findings = await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'team-a/api', imageId: { imageTag: '1.0.0' } }));
    assert.equal(findings.imageScanStatus?.status, 'COMPLETE');
    const found = (findings.imageScanFindings?.findings ?? [])
      .map((finding) => {
        const attribute = (key: string) => finding.attributes?.find((item) => item.key === key)?.value;
        return `${finding.name} ${finding.severity} ${attribute('package_name')} ${attribute('package_version')}`;
      })
      .sort();
    assert.deepEqual(found, [
      'CVE-2022-37434 CRITICAL zlib1g 1:1.2.11.dfsg-2+deb11u1',
      'CVE-2023-0286 HIGH libssl3 3.0.7-1',
      'CVE-2023-38545 CRITICAL curl 7.88.1-10+deb12u3',
      'CVE-2023-38546 LOW curl 7.88.1-10+deb12u3',
      'CVE-2023-5678 MEDIUM libssl3 3.0.7-1',
      'CVE-2024-0727 MEDIUM libssl3 3.0.7-1',
    ]);
  });

  it('records the time of a docker pull', async () => {
    const reference = `${registryHost}/team-a/api:1.0.0`;
    await dockerd.docker(['rmi', reference]);
    clock.advance(60_000);
    await dockerd.docker(['pull', reference]);
    assert.equal((await describeImage('team-a/api', '1.0.0')).lastRecordedPullTime?.getTime(), clock.current);
  });

  it('refuses a push into a repository that does not exist, with ECR\'s message', async () => {
    const reference = `${registryHost}/team-a/missing:1`;
    await build(reference, { 'etc/hostname': 'missing\n' }, 'missing');
    await assert.rejects(
      dockerd.docker(['push', reference]),
      /name unknown: The repository with name 'team-a\/missing' does not exist in the registry with id '123456789012'/,
    );
  });

  it('refuses to push an existing tag again into an immutable repository, with ECR\'s message', async () => {
    const reference = `${registryHost}/base/runtime:1`;
    await build(reference, { 'etc/os-release': 'ID=first\n' }, 'first');
    await dockerd.docker(['push', reference]);
    const first = await describeImage('base/runtime', '1');
    await build(reference, { 'etc/os-release': 'ID=second\n' }, 'second');
    await assert.rejects(
      dockerd.docker(['push', reference]),
      // The rest of the sentence is the control plane's (store/tagMutability.ts).
      /tag invalid: The image tag '1' already exists in the 'base\/runtime' repository and cannot be overwritten because/,
    );
    assert.equal((await describeImage('base/runtime', '1')).imageDigest, first.imageDigest, 'the tag still names the first image');
  });

  it('tells docker to reauthenticate once the 12 h token has expired, and works again after a new login', async () => {
    const reference = `${registryHost}/team-a/api:1.0.1`;
    await build(reference, { 'etc/hostname': 'api-1.0.1\n' }, 'api 1.0.1');
    clock.advance(12 * 60 * 60 * 1000 + 1000);
    await assert.rejects(dockerd.docker(['push', reference]), /denied: Your authorization token has expired\. Reauthenticate and try again\./);
    await login();
    await dockerd.docker(['push', reference]);
    assert.deepEqual((await describeImage('team-a/api', '1.0.1')).imageTags, ['1.0.1']);
  });
});
