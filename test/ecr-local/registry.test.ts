// The /v2/ proxy in front of a real docker-registry, driven over HTTP with a stand-in store:
// ECR's auth, the region mapping, refusals, push and pull records, and the scanner reading
// what was pushed.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { DataPlane } from './contracts';
import { startDataPlane } from './registry/dataPlane';
import { FakeStore } from './registry/fakeStore';
import { MEDIA_TYPES } from './registry/manifests';
import { buildImage, buildIndex, buildLayer, sha256, type BuiltImage } from './seed/imageBuilder';
import { RegistryClient, RegistryError } from './seed/registryClient';

const token = (password: string, user = 'AWS'): string => Buffer.from(`${user}:${password}`).toString('base64');

const DPKG_STATUS = 'Package: libssl3\nStatus: install ok installed\nVersion: 3.0.7-1\nSource: openssl\n\nPackage: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.11.dfsg-2+deb11u1\nSource: zlib\n';

describe('ecr-local registry proxy', function () {
  this.timeout(60_000);
  const store = new FakeStore();
  let dataDir: string;
  let dataPlane: DataPlane;
  let server: Server;
  let endpoint: string;
  let client: RegistryClient;
  let image: BuiltImage;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ecr-local-registry-test-'));
    dataPlane = await startDataPlane(store, { dataDir });
    server = createServer((req, res) => dataPlane.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    store.tokens.set('eu-password', 'eu-west-1');
    store.tokens.set('us-password', 'us-east-1');
    store.expired.add('old-password');
    for (const name of ['eu-west-1/team-a/api', 'eu-west-1/team-a/web', 'eu-west-1/empty', 'eu-west-1/base/immutable', 'us-east-1/team-a/api']) {
      store.repositories.add(name);
    }
    store.immutable.add('eu-west-1/base/immutable');
    client = new RegistryClient(endpoint, token('eu-password'));
    image = buildImage({ layers: [await buildLayer([{ path: 'var/lib/dpkg/status', content: DPKG_STATUS }])] });
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await dataPlane.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('asks for Basic credentials like ECR and tells an expired token apart', async () => {
    const anonymous = await new RegistryClient(endpoint).call('GET', '/v2/');
    assert.equal(anonymous.status, 401);
    assert.match(String(anonymous.headers['www-authenticate']), /^Basic realm="http:\/\/127\.0\.0\.1:\d+\/",service="ecr\.amazonaws\.com"$/);
    assert.deepEqual(JSON.parse(anonymous.body.toString()), { errors: [{ code: 'UNAUTHORIZED', message: 'Not Authorized' }] });

    for (const wrong of [token('guess'), token('eu-password', 'admin')]) {
      const refused = await new RegistryClient(endpoint, wrong).call('GET', '/v2/team-a/api/tags/list');
      assert.equal(refused.status, 401);
      assert.ok(refused.headers['www-authenticate']);
    }
    const expired = await new RegistryClient(endpoint, token('old-password')).call('GET', '/v2/');
    assert.equal(expired.status, 403);
    assert.match(expired.body.toString(), /"code":"DENIED".*Your authorization token has expired\. Reauthenticate and try again\./);

    const ping = await client.call('GET', '/v2/');
    assert.equal(ping.status, 200);
    assert.equal(ping.headers['docker-distribution-api-version'], 'registry/2.0');
  });

  it('accepts a push into an existing repository and records it with its size and media types', async () => {
    await client.pushImage('team-a/api', image, ['1.0.0']);
    const pushed = store.pushes.at(-1);
    assert.deepEqual(
      { ...pushed, manifestBody: undefined },
      {
        region: 'eu-west-1',
        repositoryName: 'team-a/api',
        imageDigest: image.digest,
        tag: '1.0.0',
        manifestMediaType: MEDIA_TYPES.dockerManifest,
        artifactMediaType: MEDIA_TYPES.dockerConfig,
        imageSizeInBytes: image.config.size + image.layers[0]!.size,
        manifestBody: undefined,
      },
    );
    assert.equal(pushed?.manifestBody, image.manifest.toString());
    // Stored under the region's prefix behind the proxy.
    const stored = await dataPlane.backend.getManifest('eu-west-1', 'team-a/api', '1.0.0');
    assert.equal(stored?.body, image.manifest.toString());
  });

  it('rewrites upload Locations to the client\'s repository so chunked uploads work', async () => {
    const content = Buffer.from('a chunked blob '.repeat(1000));
    const started = await client.call('POST', '/v2/team-a/web/blobs/uploads/', { 'content-length': '0' });
    assert.equal(started.status, 202);
    const location = String(started.headers.location);
    assert.match(location, /^\/v2\/team-a\/web\/blobs\/uploads\/[0-9a-f-]+\?_state=/, 'relative, without the region prefix');
    const patched = await client.call('PATCH', location, { 'content-type': 'application/octet-stream', 'content-length': String(content.length) }, content);
    assert.equal(patched.status, 202);
    const next = new URL(String(patched.headers.location), endpoint);
    assert.ok(next.pathname.startsWith('/v2/team-a/web/blobs/uploads/'));
    next.searchParams.set('digest', sha256(content));
    const finished = await client.call('PUT', `${next.pathname}${next.search}`, { 'content-length': '0' });
    assert.equal(finished.status, 201);
    assert.equal(finished.headers.location, `/v2/team-a/web/blobs/${sha256(content)}`);
    const fetched = await client.call('GET', `/v2/team-a/web/blobs/${sha256(content)}`);
    assert.equal(sha256(fetched.body), sha256(content));
  });

  it('streams a large blob through in both directions', async () => {
    // 48 MiB in 64 KiB chunks, never held whole by the test either.
    const chunk = Buffer.alloc(64 * 1024, 0x5a);
    const count = 768;
    const expectedDigest = sha256(Buffer.concat(Array.from({ length: count }, () => chunk)));
    const started = await client.call('POST', '/v2/team-a/web/blobs/uploads/', { 'content-length': '0' });
    const target = new URL(String(started.headers.location), endpoint);
    target.searchParams.set('digest', expectedDigest);
    const status = await new Promise<number>((resolve, reject) => {
      const upload = request(target, { method: 'PUT', headers: { authorization: `Basic ${token('eu-password')}`, 'content-type': 'application/octet-stream', 'content-length': String(chunk.length * count) } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      upload.on('error', reject);
      Readable.from((function* () {
        for (let index = 0; index < count; index += 1) {
          yield chunk;
        }
      })()).pipe(upload);
    });
    assert.equal(status, 201);
    const downloaded = await new Promise<{ digest: string; length: number }>((resolve, reject) => {
      const hash = createHash('sha256');
      let length = 0;
      request(new URL(`/v2/team-a/web/blobs/${expectedDigest}`, endpoint), { headers: { authorization: `Basic ${token('eu-password')}` } }, (response) => {
        response.on('data', (data: Buffer) => {
          length += data.length;
          hash.update(data);
        });
        response.on('end', () => resolve({ digest: `sha256:${hash.digest('hex')}`, length }));
        response.on('error', reject);
      })
        .on('error', reject)
        .end();
    });
    assert.deepEqual(downloaded, { digest: expectedDigest, length: chunk.length * count });
  });

  it('keeps serving after a client drops a download halfway', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 0x41);
    await client.pushBlob('team-a/web', { digest: sha256(big), content: big });
    await new Promise<void>((resolve, reject) => {
      const download = request(new URL(`/v2/team-a/web/blobs/${sha256(big)}`, endpoint), { headers: { authorization: `Basic ${token('eu-password')}` } }, (response) => {
        response.once('data', () => {
          download.destroy();
          resolve();
        });
        response.once('error', () => undefined);
      });
      download.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
      download.end();
    });
    const again = await client.call('GET', `/v2/team-a/web/blobs/${sha256(big)}`);
    assert.equal(again.status, 200);
    assert.equal(sha256(again.body), sha256(big));
  });

  it('records a pull on a manifest GET, not on HEAD', async () => {
    const before = store.pulls.length;
    const head = await client.call('HEAD', '/v2/team-a/api/manifests/1.0.0', { accept: MEDIA_TYPES.dockerManifest });
    assert.equal(head.status, 200);
    assert.equal(store.pulls.length, before);
    const get = await client.call('GET', '/v2/team-a/api/manifests/1.0.0', { accept: MEDIA_TYPES.dockerManifest });
    assert.equal(get.status, 200);
    assert.equal(get.headers['docker-content-digest'], image.digest);
    assert.deepEqual(store.pulls.slice(before), [`eu-west-1/team-a/api@${image.digest}`]);
  });

  it('refuses repositories that do not exist with ECR\'s message', async () => {
    const error = await client.pushImage('team-a/nope', image, ['1']).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    assert.ok(error instanceof RegistryError);
    assert.equal(error.status, 404);
    assert.equal(error.code, 'NAME_UNKNOWN');
    assert.match(error.message, /The repository with name 'team-a\/nope' does not exist in the registry with id '123456789012'/);
    // Each region has its own repositories: team-a/web exists in eu-west-1 only.
    const other = await new RegistryClient(endpoint, token('us-password')).call('GET', '/v2/team-a/web/tags/list');
    assert.equal(other.status, 404);
    const invalid = await client.call('GET', '/v2/Team_A/tags/list');
    assert.equal(invalid.status, 400);
    assert.match(invalid.body.toString(), /NAME_INVALID/);
  });

  it('refuses to overwrite a tag of an immutable repository before the registry sees the manifest', async () => {
    await client.pushImage('base/immutable', image, ['v1']);
    const other = buildImage({ layers: [await buildLayer([{ path: 'etc/hostname', content: 'other\n' }])] });
    const refused = await client.pushImage('base/immutable', other, ['v1']).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    assert.ok(refused instanceof RegistryError);
    assert.equal(refused.code, 'TAG_INVALID');
    assert.match(refused.message, /The image tag 'v1' already exists in the 'base\/immutable' repository and cannot be overwritten because the repository is immutable\./);
    const stillThere = await dataPlane.backend.getManifest('eu-west-1', 'base/immutable', 'v1');
    assert.equal(stillThere?.body, image.manifest.toString(), 'the tag still names the first image');
    assert.equal(await dataPlane.backend.getManifest('eu-west-1', 'base/immutable', other.digest), undefined, 'the refused manifest never reached the registry');
    // Pushing the same image again under the same tag is allowed, as in ECR.
    await client.pushImage('base/immutable', image, ['v1']);
  });

  it('keeps regions apart and lists tags under the client\'s names', async () => {
    const us = new RegistryClient(endpoint, token('us-password'));
    const other = buildImage({ layers: [await buildLayer([{ path: 'etc/motd', content: 'us\n' }])] });
    await us.pushImage('team-a/api', other, ['us-only']);
    const usTags = JSON.parse((await us.call('GET', '/v2/team-a/api/tags/list')).body.toString()) as unknown;
    assert.deepEqual(usTags, { name: 'team-a/api', tags: ['us-only'] });
    const euTags = JSON.parse((await client.call('GET', '/v2/team-a/api/tags/list')).body.toString()) as unknown;
    assert.deepEqual(euTags, { name: 'team-a/api', tags: ['1.0.0'] });
    assert.deepEqual(store.pushes.at(-1)?.region, 'us-east-1');
  });

  it('answers for an existing repository without images as ECR does', async () => {
    const tags = await client.call('GET', '/v2/empty/tags/list');
    assert.equal(tags.status, 200);
    assert.deepEqual(JSON.parse(tags.body.toString()), { name: 'empty', tags: [] });
    const manifest = await client.call('GET', '/v2/empty/manifests/latest');
    assert.equal(manifest.status, 404);
    assert.match(manifest.body.toString(), /MANIFEST_UNKNOWN/);
    assert.doesNotMatch(manifest.body.toString(), /eu-west-1/);
  });

  it('records a multi-platform index with its children and its largest image\'s size', async () => {
    const small = buildImage({ layers: [await buildLayer([{ path: 'arm', content: 'arm64' }])], platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } });
    const index = buildIndex([image, small], { oci: false });
    await client.pushIndex('team-a/web', index, ['multi']);
    const pushed = store.pushes.at(-1);
    assert.equal(pushed?.imageDigest, index.digest);
    assert.equal(pushed?.manifestMediaType, MEDIA_TYPES.dockerManifestList);
    assert.equal(pushed?.artifactMediaType, undefined);
    assert.equal(pushed?.imageSizeInBytes, Math.max(image.config.size + image.layers[0]!.size, small.config.size + small.layers[0]!.size));
    assert.deepEqual(pushed?.children, [
      { digest: image.digest, os: 'linux', architecture: 'amd64' },
      { digest: small.digest, os: 'linux', architecture: 'arm64', variant: 'v8' },
    ]);
  });

  it('mounts a blob from another repository of the same region', async () => {
    const layer = image.layers[0]!;
    const mounted = await client.call('POST', `/v2/team-a/web/blobs/uploads/?mount=${layer.digest}&from=team-a/api`, { 'content-length': '0' });
    assert.equal(mounted.status, 201);
    assert.equal(mounted.headers.location, `/v2/team-a/web/blobs/${layer.digest}`);
  });

  it('refuses deletes through the registry API and malformed manifests', async () => {
    const deleted = await client.call('DELETE', `/v2/team-a/api/manifests/${image.digest}`);
    assert.equal(deleted.status, 405);
    assert.match(deleted.body.toString(), /UNSUPPORTED.*BatchDeleteImage/);
    const catalog = await client.call('GET', '/v2/_catalog');
    assert.equal(catalog.status, 405);
    const garbage = await client.call('PUT', '/v2/team-a/api/manifests/broken', { 'content-type': MEDIA_TYPES.dockerManifest }, Buffer.from('{"schemaVersion":2,'));
    assert.equal(garbage.status, 400);
    assert.match(garbage.body.toString(), /MANIFEST_INVALID.*not valid JSON/);
    const wrongDigest = await client.call('PUT', `/v2/team-a/api/manifests/${sha256('x')}`, { 'content-type': image.mediaType }, image.manifest);
    assert.equal(wrongDigest.status, 400);
    assert.match(wrongDigest.body.toString(), /DIGEST_INVALID/);
    const missingBlobs = buildImage({ layers: [await buildLayer([{ path: 'never-uploaded', content: 'x' }])] });
    const unknownBlob = await client.call('PUT', '/v2/team-a/api/manifests/missing', { 'content-type': missingBlobs.mediaType }, missingBlobs.manifest);
    assert.equal(unknownBlob.status, 400);
    assert.match(unknownBlob.body.toString(), /MANIFEST_BLOB_UNKNOWN/);
  });

  it('lets the control plane read and delete manifests, and scans what was pushed', async () => {
    const outcome = await dataPlane.scanner.scan('eu-west-1', 'team-a/api', image.digest);
    assert.equal(outcome.status, 'COMPLETE');
    assert.deepEqual(outcome.vulnerabilities.map((v) => `${v.package.name} ${v.vulnerabilityId}`).sort(), [
      'libssl3 CVE-2023-0286',
      'libssl3 CVE-2023-5678',
      'libssl3 CVE-2024-0727',
      'zlib1g CVE-2022-37434',
    ]);
    assert.equal(outcome.vulnerabilities[0]?.package.sourceLayerHash, image.layers[0]!.digest);

    await dataPlane.backend.deleteManifest('eu-west-1', 'team-a/api', image.digest);
    assert.equal(await dataPlane.backend.getManifest('eu-west-1', 'team-a/api', image.digest), undefined);
    await dataPlane.backend.deleteManifest('eu-west-1', 'team-a/api', image.digest); // already gone: no error
    const failed = await dataPlane.scanner.scan('eu-west-1', 'team-a/api', image.digest);
    assert.equal(failed.status, 'FAILED');
  });
});

describe('ecr-local data plane lifecycle', function () {
  this.timeout(30_000);

  it('keeps pushed images in the data folder across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ecr-local-restart-test-'));
    const store = new FakeStore();
    store.tokens.set('pw', 'eu-west-1');
    store.repositories.add('eu-west-1/team-a/api');
    try {
      const image = buildImage({ layers: [await buildLayer([{ path: 'var/lib/dpkg/status', content: DPKG_STATUS }])] });
      const first = await startDataPlane(store, { dataDir });
      const server = createServer((req, res) => first.handle(req, res));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      await new RegistryClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, token('pw')).pushImage('team-a/api', image, ['kept']);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await first.stop();

      const second = await startDataPlane(store, { dataDir });
      try {
        assert.equal((await second.backend.getManifest('eu-west-1', 'team-a/api', 'kept'))?.body, image.manifest.toString());
        assert.equal((await second.scanner.scan('eu-west-1', 'team-a/api', image.digest)).status, 'COMPLETE');
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('stops the registry it started', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ecr-local-stop-test-'));
    try {
      const dataPlane = await startDataPlane(new FakeStore(), { dataDir });
      await dataPlane.stop();
      await assert.rejects(dataPlane.backend.getManifest('eu-west-1', 'x', 'latest'), /did not answer/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
