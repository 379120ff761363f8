// The real Docker client against ecr-local's registry: a private dockerd, `docker login
// --password-stdin` with a registry password, the classic builder's FROM scratch + COPY image
// of a dpkg status file with vulnerable packages, and `docker push`.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDockerd, type PrivateDockerd } from '../harness/dockerd';
import type { DataPlane } from './contracts';
import { startDataPlane } from './registry/dataPlane';
import { FakeStore } from './registry/fakeStore';
import { MEDIA_TYPES } from './registry/manifests';

/** A dpkg status database with versions the feed knows to be vulnerable. */
export const VULNERABLE_DPKG_STATUS = [
  'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.7-1\nDescription: Secure Sockets Layer toolkit - shared libraries',
  'Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.11.dfsg-2+deb11u1\nDescription: compression library - runtime',
  'Package: curl\nStatus: install ok installed\nArchitecture: amd64\nVersion: 7.88.1-10+deb12u3\nDescription: command line tool for transferring data with URL syntax',
].join('\n\n');

/** Writes a build context: FROM scratch + COPY of the files, with a label to make each image distinct. */
export function buildContext(files: Record<string, string>, label: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'ecrx-context-'));
  const lines = ['FROM scratch'];
  Object.entries(files).forEach(([target, content], index) => {
    writeFileSync(join(folder, `file${index}`), content);
    lines.push(`COPY file${index} /${target}`);
  });
  lines.push(`LABEL org.opencontainers.image.description="${label}"`);
  writeFileSync(join(folder, 'Dockerfile'), `${lines.join('\n')}\n`);
  return folder;
}

describe('docker push through the registry proxy', function () {
  this.timeout(180_000);
  const store = new FakeStore();
  let dockerd: PrivateDockerd;
  let dataDir: string;
  let dataPlane: DataPlane;
  let server: Server;
  let registryHost: string;
  const contexts: string[] = [];

  const build = async (tag: string, files: Record<string, string>, label: string): Promise<void> => {
    const context = buildContext(files, label);
    contexts.push(context);
    await dockerd.docker(['build', '-q', '-t', tag, context], { env: { DOCKER_BUILDKIT: '0' } });
  };

  before(async () => {
    dockerd = await startDockerd();
    dataDir = mkdtempSync(join(tmpdir(), 'ecrx-push-'));
    dataPlane = await startDataPlane(store, { dataDir });
    server = createServer((req, res) => dataPlane.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    registryHost = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    store.tokens.set('docker-password', 'eu-west-1');
    store.expired.add('stale-password');
    store.repositories.add('eu-west-1/team-a/api');
    store.repositories.add('eu-west-1/base/runtime');
    store.immutable.add('eu-west-1/base/runtime');
  });

  after(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await dataPlane?.stop();
    await dockerd?.stop();
    for (const folder of [dataDir, ...contexts]) {
      if (folder) {
        rmSync(folder, { recursive: true, force: true });
      }
    }
  });

  it('treats the loopback registry as insecure without configuration', async () => {
    const { stdout } = await dockerd.docker(['info', '--format', '{{json .RegistryConfig.InsecureRegistryCIDRs}}']);
    assert.deepEqual(JSON.parse(stdout), ['127.0.0.0/8']);
  });

  it('refuses docker login with a wrong or expired password', async () => {
    // docker login reports only the status of its /v2/ check, as it does against ECR.
    await assert.rejects(dockerd.docker(['login', '--username', 'AWS', '--password-stdin', registryHost], { input: 'not-a-token' }), /401 Unauthorized/);
    await assert.rejects(dockerd.docker(['login', '--username', 'AWS', '--password-stdin', registryHost], { input: 'stale-password' }), /403 Forbidden/);
  });

  it('logs in with the password on stdin and pushes an image the proxy records', async () => {
    await dockerd.docker(['login', '--username', 'AWS', '--password-stdin', registryHost], { input: 'docker-password' });
    await build(`${registryHost}/team-a/api:1.0.0`, { 'var/lib/dpkg/status': VULNERABLE_DPKG_STATUS }, 'api 1.0.0');
    await dockerd.docker(['push', `${registryHost}/team-a/api:1.0.0`]);
    const pushed = store.pushes.find((push) => push.repositoryName === 'team-a/api' && push.tag === '1.0.0');
    assert.ok(pushed, `pushes: ${JSON.stringify(store.pushes.map((push) => push.tag))}`);
    assert.equal(pushed.region, 'eu-west-1');
    assert.equal(pushed.manifestMediaType, MEDIA_TYPES.dockerManifest);
    assert.ok(pushed.imageSizeInBytes > VULNERABLE_DPKG_STATUS.length / 2, `size ${pushed.imageSizeInBytes}`);
    const { stdout } = await dockerd.docker(['inspect', '--format', '{{index .RepoDigests 0}}', `${registryHost}/team-a/api:1.0.0`]);
    assert.equal(stdout.trim(), `${registryHost}/team-a/api@${pushed.imageDigest}`);
    const outcome = await dataPlane.scanner.scan('eu-west-1', 'team-a/api', pushed.imageDigest);
    assert.equal(outcome.status, 'COMPLETE');
    assert.ok(outcome.vulnerabilities.some((v) => v.vulnerabilityId === 'CVE-2023-38545' && v.package.name === 'curl'));
  });

  it('tells a client whose token expired after login to reauthenticate', async () => {
    store.expired.add('docker-password');
    try {
      await assert.rejects(
        dockerd.docker(['push', `${registryHost}/team-a/api:1.0.0`]),
        /denied: Your authorization token has expired\. Reauthenticate and try again\./,
      );
    } finally {
      store.expired.delete('docker-password');
    }
  });

  it('refuses a push into a repository that does not exist', async () => {
    await build(`${registryHost}/team-a/missing:1`, { 'etc/hostname': 'missing\n' }, 'missing');
    await assert.rejects(
      dockerd.docker(['push', `${registryHost}/team-a/missing:1`]),
      /name unknown: The repository with name 'team-a\/missing' does not exist in the registry with id '123456789012'/,
    );
  });

  it('refuses to overwrite a tag of an immutable repository', async () => {
    await build(`${registryHost}/base/runtime:1`, { 'etc/os-release': 'ID=one\n' }, 'first');
    await dockerd.docker(['push', `${registryHost}/base/runtime:1`]);
    await build(`${registryHost}/base/runtime:1`, { 'etc/os-release': 'ID=two\n' }, 'second');
    await assert.rejects(
      dockerd.docker(['push', `${registryHost}/base/runtime:1`]),
      /tag invalid: The image tag '1' already exists in the 'base\/runtime' repository and cannot be overwritten because the repository is immutable\./,
    );
  });
});
