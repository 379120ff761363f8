// The proxy's pure parts: distribution API routes with slash-separated repository names, and
// manifests as ECR describes them (media types, sizes, children).
import * as assert from 'node:assert/strict';
import { artifactMediaType, imageManifestSize, MEDIA_TYPES, parseManifest } from './registry/manifests';
import { isRepositoryName, parseRoute } from './registry/routes';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('registry routes', () => {
  it('finds the repository name before each route\'s fixed tail', () => {
    assert.deepEqual(parseRoute('/v2/'), { kind: 'base' });
    assert.deepEqual(parseRoute('/v2'), { kind: 'base' });
    assert.deepEqual(parseRoute('/v2/team-a/api/manifests/v1.0'), { kind: 'manifest', name: 'team-a/api', reference: 'v1.0' });
    assert.deepEqual(parseRoute(`/v2/a/b/c/blobs/${DIGEST}`), { kind: 'blob', name: 'a/b/c', digest: DIGEST });
    assert.deepEqual(parseRoute('/v2/app/blobs/uploads/'), { kind: 'upload', name: 'app' });
    assert.deepEqual(parseRoute('/v2/app/blobs/uploads/1234-abcd'), { kind: 'upload', name: 'app', uuid: '1234-abcd' });
    assert.deepEqual(parseRoute('/v2/app/tags/list'), { kind: 'tags', name: 'app' });
    assert.deepEqual(parseRoute('/v2/_catalog'), { kind: 'catalog' });
    // A name may itself contain "blobs" or "manifests" as a component.
    assert.deepEqual(parseRoute('/v2/team/blobs/manifests/latest'), { kind: 'manifest', name: 'team/blobs', reference: 'latest' });
    assert.deepEqual(parseRoute(`/v2/app/manifests/sha256%3A${'a'.repeat(64)}`), { kind: 'manifest', name: 'app', reference: DIGEST });
    assert.deepEqual(parseRoute('/v2/app/whatever'), { kind: 'unknown' });
    assert.deepEqual(parseRoute('/v2/%E0%A4%A/tags/list'), { kind: 'unknown' }, 'a malformed escape');
  });

  it('accepts ECR repository names only', () => {
    for (const name of ['ab', 'team-a/api', 'a.b_c-d/e', 'x/y/z']) {
      assert.equal(isRepositoryName(name), true, name);
    }
    for (const name of ['a', 'Team/api', 'team//api', '-team', 'team/', 'a--b'.replace('--', '-_'), 'x'.repeat(257)]) {
      assert.equal(isRepositoryName(name), false, name);
    }
  });
});

describe('manifests', () => {
  const descriptor = (mediaType: string, size: number, seed: string) => ({ mediaType, size, digest: `sha256:${seed.repeat(64)}` });

  it('sizes an image as its config plus layers and names its artifact type', () => {
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociManifest,
      config: descriptor(MEDIA_TYPES.ociConfig, 100, 'c'),
      layers: [descriptor(MEDIA_TYPES.ociLayerGzip, 1000, 'd'), descriptor(MEDIA_TYPES.ociLayerGzip, 234, 'e')],
    });
    const manifest = parseManifest(body);
    assert.ok(typeof manifest !== 'string' && manifest.kind === 'image');
    assert.equal(imageManifestSize(manifest), 1334);
    assert.equal(artifactMediaType(manifest), MEDIA_TYPES.ociConfig);
  });

  it('reads an OCI index without mediaType from the Content-Type, with its platforms', () => {
    const body = JSON.stringify({
      schemaVersion: 2,
      manifests: [
        { ...descriptor(MEDIA_TYPES.ociManifest, 500, 'f'), platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
        descriptor(MEDIA_TYPES.ociManifest, 400, '1'),
      ],
    });
    const index = parseManifest(body, `${MEDIA_TYPES.ociIndex}; charset=utf-8`);
    assert.ok(typeof index !== 'string' && index.kind === 'index');
    assert.equal(index.mediaType, MEDIA_TYPES.ociIndex);
    assert.deepEqual(index.manifests[0]?.platform, { os: 'linux', architecture: 'arm64', variant: 'v8' });
    assert.equal(index.manifests[1]?.platform, undefined);
  });

  it('says what is wrong with a manifest it cannot use', () => {
    const problem = (manifest: unknown): string => {
      const parsed = parseManifest(JSON.stringify(manifest));
      assert.equal(typeof parsed, 'string', 'refused');
      return parsed as string;
    };
    assert.equal(parseManifest('{'), 'the manifest is not valid JSON');
    assert.equal(parseManifest('[]'), 'the manifest is not a JSON object');
    assert.match(problem({ schemaVersion: 1, fsLayers: [] }), /schema 1 is not supported/);
    assert.match(problem({ schemaVersion: 2, config: { digest: 'sha256:xyz', size: 1 }, layers: [] }), /config\.digest is not a sha256 digest/);
    assert.match(problem({ schemaVersion: 2, config: descriptor(MEDIA_TYPES.dockerConfig, -1, 'c'), layers: [] }), /config\.size/);
    assert.match(problem({ schemaVersion: 2, mediaType: MEDIA_TYPES.dockerManifestList }), /no "manifests" array/);
  });
});
