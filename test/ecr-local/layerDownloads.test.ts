// GetDownloadUrlForLayer through @aws-sdk/client-ecr, with the real data plane: the URL fetches
// a pushed image's config and layer blobs without an Authorization header until it expires,
// cannot be altered, and the operation answers ECR's errors.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CreateRepositoryCommand, GetAuthorizationTokenCommand, GetDownloadUrlForLayerCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { LAYER_URL_LIFETIME_MS } from './ecr/layerUrls';
import { startDataPlane } from './registry/dataPlane';
import { buildImage, buildLayer, type BuiltImage } from './seed/imageBuilder';
import { RegistryClient } from './seed/registryClient';
import { expectAwsError, startTestEcrLocal, TestClock, type TestEcrLocal } from './testing/harness';

const REGION = 'eu-west-1';
const REPOSITORY = 'team-a/downloads';

describe('ecr-local GetDownloadUrlForLayer', function () {
  this.timeout(60_000);
  let env: TestEcrLocal;
  let ecr: ECRClient;
  let image: BuiltImage;
  const clock = new TestClock();

  before(async () => {
    env = await startTestEcrLocal({ startDataPlane, now: clock.now });
    ecr = env.ecr(REGION);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: REPOSITORY }));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'team-a/empty' }));
    const token = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
    const registry = new RegistryClient(token?.proxyEndpoint ?? '', token?.authorizationToken);
    image = buildImage({ layers: [await buildLayer([{ path: 'etc/motd', content: 'downloaded\n' }])] });
    await registry.pushImage(REPOSITORY, image, ['v1']);
  });
  after(async () => {
    await env.stop();
  });

  const urlFor = async (layerDigest: string) => {
    const answer = await ecr.send(new GetDownloadUrlForLayerCommand({ repositoryName: REPOSITORY, layerDigest }));
    assert.equal(answer.layerDigest, layerDigest);
    return answer.downloadUrl ?? '';
  };

  it('gives a URL that serves the config blob of a pushed image without an Authorization header', async () => {
    const url = await urlFor(image.config.digest);
    assert.ok(url.startsWith(`${env.local.url}/ecr-local/layers/`), url);
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/octet-stream');
    const body = Buffer.from(await response.arrayBuffer());
    assert.deepEqual(body, image.config.content);
    const config = JSON.parse(body.toString('utf8')) as { rootfs?: { diff_ids?: string[] } };
    assert.deepEqual(config.rootfs?.diff_ids, image.layers.map((layer) => layer.diffId));
  });

  it('serves a layer too, whole (its sha256 is its digest), and answers HEAD with its length', async () => {
    const layer = image.layers[0];
    assert.ok(layer);
    const url = await urlFor(layer.digest);
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    assert.equal(`sha256:${createHash('sha256').update(body).digest('hex')}`, layer.digest);
    const head = await fetch(url, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(layer.size));
  });

  it('answers ECR errors: no repository, a digest the repository does not have, a malformed digest, another registry', async () => {
    await expectAwsError(ecr.send(new GetDownloadUrlForLayerCommand({ repositoryName: 'team-a/missing', layerDigest: image.config.digest })), 'RepositoryNotFoundException', 400);
    const absent = await expectAwsError(
      ecr.send(new GetDownloadUrlForLayerCommand({ repositoryName: 'team-a/empty', layerDigest: image.config.digest })),
      'LayersNotFoundException',
      400,
    );
    assert.match(absent.message, /does not exist in the repository with name 'team-a\/empty'/);
    await expectAwsError(ecr.send(new GetDownloadUrlForLayerCommand({ repositoryName: REPOSITORY, layerDigest: `sha256:${'0'.repeat(64)}` })), 'LayersNotFoundException');
    const malformed = await expectAwsError(ecr.send(new GetDownloadUrlForLayerCommand({ repositoryName: REPOSITORY, layerDigest: 'not a digest' })), 'InvalidParameterException', 400);
    assert.match(malformed.message, /layerDigest/);
    await expectAwsError(
      ecr.send(new GetDownloadUrlForLayerCommand({ registryId: '210987654321', repositoryName: REPOSITORY, layerDigest: image.config.digest })),
      'AccessDeniedException',
    );
  });

  it('refuses an altered URL and, after its lifetime, an expired one', async () => {
    const url = new URL(await urlFor(image.config.digest));
    const layerDigest = image.layers[0]?.digest ?? '';
    const otherBlob = new URL(url.href.replace(encodeURIComponent(image.config.digest), encodeURIComponent(layerDigest)));
    const stretched = new URL(url.href);
    stretched.searchParams.set('Expires', String(Number(url.searchParams.get('Expires')) + 3600));
    for (const altered of [otherBlob, stretched]) {
      const refused = await fetch(altered);
      assert.equal(refused.status, 403, altered.href);
      assert.match(await refused.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    }
    const unsigned = new URL(url.href);
    unsigned.search = '';
    assert.equal((await fetch(unsigned)).status, 400);

    clock.advance(LAYER_URL_LIFETIME_MS);
    const expired = await fetch(url);
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
    // A new URL works again.
    assert.equal((await fetch(await urlFor(image.config.digest))).status, 200);
  });
});
