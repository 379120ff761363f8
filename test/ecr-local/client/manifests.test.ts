// Manifests and platforms of real images pushed to ecr-local's registry: a Docker manifest, and
// an OCI index with two platforms and a buildx-style attestation manifest.
import * as assert from 'node:assert/strict';
import { CreateRepositoryCommand, GetAuthorizationTokenCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { getImageConfig, getManifest, listPlatforms } from '../../../src/ecr/manifests';
import { listImagesPage } from '../../../src/ecr/images';
import { startDataPlane } from '../registry/dataPlane';
import { MEDIA_TYPES } from '../registry/manifests';
import { buildImage, buildLayer, sha256, type BuiltImage } from '../seed/imageBuilder';
import { RegistryClient } from '../seed/registryClient';
import { expectAwsError, startTestEcrLocal, type TestEcrLocal } from '../testing/harness';

const REGION = 'eu-west-1';

describe('manifests and platforms against ecr-local', function () {
  this.timeout(60_000);
  let env: TestEcrLocal;
  let ecr: ECRClient;
  let amd64: BuiltImage;
  let arm64: BuiltImage;
  let attestation: BuiltImage;
  let indexDigest: string;

  before(async () => {
    env = await startTestEcrLocal({ startDataPlane });
    ecr = env.ecr(REGION);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'team/multi' }));
    const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0]?.authorizationToken;
    const registry = new RegistryClient(env.local.url, token);

    const layer = await buildLayer([{ path: 'app/hello.txt', content: 'hello' }]);
    amd64 = buildImage({ layers: [layer], platform: { os: 'linux', architecture: 'amd64' }, oci: true, cmd: ['/app/run'] });
    arm64 = buildImage({ layers: [layer], platform: { os: 'linux', architecture: 'arm64', variant: 'v8' }, oci: true });
    const statement = await buildLayer([{ path: 'provenance.json', content: '{"_type":"https://in-toto.io/Statement/v0.1"}' }]);
    attestation = buildImage({ layers: [statement], platform: { os: 'unknown', architecture: 'unknown' }, oci: true });
    for (const image of [amd64, arm64, attestation]) {
      await registry.pushImage('team/multi', image);
    }
    const entry = (image: BuiltImage) => ({ mediaType: image.mediaType, digest: image.digest, size: image.manifest.length });
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.ociIndex,
        manifests: [
          { ...entry(amd64), platform: { os: 'linux', architecture: 'amd64' } },
          { ...entry(arm64), platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
          {
            ...entry(attestation),
            platform: { os: 'unknown', architecture: 'unknown' },
            annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': amd64.digest },
          },
        ],
      }),
    );
    indexDigest = sha256(index);
    const answer = await registry.pushManifest('team/multi', 'latest', index, MEDIA_TYPES.ociIndex);
    assert.equal(answer.status, 201, answer.body.toString());
  });
  after(async () => {
    await env?.stop();
  });

  it('shows the index as an index in the image list', async () => {
    const page = await listImagesPage(ecr, 'team/multi', {});
    const index = page.items.find((image) => image.digest === indexDigest);
    assert.equal(index?.isIndex, true);
    assert.deepEqual(index?.tags, ['latest']);
    assert.equal(page.items.find((image) => image.digest === amd64.digest)?.isIndex, false);
  });

  it('reads a manifest as pretty JSON with its media type', async () => {
    const manifest = await getManifest(ecr, 'team/multi', amd64.digest);
    assert.equal(manifest.mediaType, MEDIA_TYPES.ociManifest);
    assert.deepEqual(JSON.parse(manifest.text), JSON.parse(amd64.manifest.toString()));
    assert.match(manifest.text, /\n {2}"schemaVersion": 2,/);
    const index = await getManifest(ecr, 'team/multi', indexDigest);
    assert.equal(index.mediaType, MEDIA_TYPES.ociIndex);
  });

  it('lists the platforms of an index, with details and the attestation marked', async () => {
    const platforms = await listPlatforms(ecr, 'team/multi', indexDigest);
    assert.deepEqual(
      platforms.map((entry) => [entry.platform, entry.digest, entry.isAttestation ?? false, entry.attestsDigest]),
      [
        ['linux/amd64', amd64.digest, false, undefined],
        ['linux/arm64/v8', arm64.digest, false, undefined],
        ['unknown/unknown', attestation.digest, true, amd64.digest],
      ],
    );
    for (const entry of platforms) {
      assert.equal(entry.mediaType, MEDIA_TYPES.ociManifest);
      assert.equal(entry.image?.digest, entry.digest, 'ECR knows each child');
      assert.ok((entry.image?.sizeBytes ?? 0) > 0);
    }
  });

  it('downloads the image config through GetDownloadUrlForLayer and pretty-prints it', async () => {
    const text = await getImageConfig(ecr, 'team/multi', arm64.digest);
    const config = JSON.parse(text) as { architecture?: string; variant?: string; os?: string };
    assert.deepEqual([config.os, config.architecture, config.variant], ['linux', 'arm64', 'v8']);
    assert.deepEqual(JSON.parse(text), JSON.parse(arm64.config.content.toString()));
    assert.match(text, /\n {2}"architecture": "arm64",/);
    const amd64Config = JSON.parse(await getImageConfig(ecr, 'team/multi', amd64.digest)) as { config?: { Cmd?: string[] } };
    assert.deepEqual(amd64Config.config?.Cmd, ['/app/run']);
  });

  it('asks to choose a platform for an index, and keeps the presigned URL out of download errors', async () => {
    await assert.rejects(getImageConfig(ecr, 'team/multi', indexDigest), /multi-platform image .*choose a platform/);
    let requested = '';
    const urlOf = (input: Parameters<typeof fetch>[0]) => (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const refusing: typeof fetch = (input) => {
      requested = urlOf(input);
      return Promise.resolve(new Response('denied', { status: 403 }));
    };
    await assert.rejects(getImageConfig(ecr, 'team/multi', amd64.digest, refusing), (error: Error) => {
      assert.match(error.message, /failed with HTTP 403/);
      assert.ok(!error.message.includes(requested), error.message);
      return true;
    });
    const unreachable: typeof fetch = (input) => Promise.reject(new TypeError('fetch failed', { cause: new Error(`connect ECONNREFUSED for ${urlOf(input)}`) }));
    await assert.rejects(getImageConfig(ecr, 'team/multi', amd64.digest, unreachable), (error: Error) => {
      assert.match(error.message, /Could not download the config .*ECONNREFUSED/);
      assert.ok(!error.message.includes(requested), error.message);
      return true;
    });
    assert.match(requested, /^http:\/\/127\.0\.0\.1:\d+\//, 'the URL came from ecr-local');
  });

  it('refuses to list platforms of a single-platform image, and reports a missing digest', async () => {
    await assert.rejects(listPlatforms(ecr, 'team/multi', amd64.digest), /single-platform image .* not a manifest list/);
    await expectAwsError(getManifest(ecr, 'team/multi', `sha256:${'0'.repeat(64)}`), 'ImageNotFoundException');
  });
});
