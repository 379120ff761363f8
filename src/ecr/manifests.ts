// Manifests and image configs, read through the ECR API (BatchGetImage, GetDownloadUrlForLayer)
// so that the same credentials and endpoint work as for everything else: no docker login.
import { BatchGetImageCommand, GetDownloadUrlForLayerCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { describeImagesByDigest } from './images';
import type { PlatformImage } from './model';
import { INDEX_MEDIA_TYPES } from './sdkMapping';

/** Everything ECR stores today; without this list BatchGetImage answers in the Docker v2 schema. */
export const ACCEPTED_MANIFEST_MEDIA_TYPES: readonly string[] = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
];

/** The manifest of `digest`, pretty-printed, with its media type. */
export async function getManifest(client: ECRClient, repositoryName: string, digest: string): Promise<{ mediaType: string; text: string }> {
  const output = await client.send(
    new BatchGetImageCommand({ repositoryName, imageIds: [{ imageDigest: digest }], acceptedMediaTypes: [...ACCEPTED_MANIFEST_MEDIA_TYPES] }),
  );
  const image = output.images?.[0];
  if (!image?.imageManifest) {
    const failure = output.failures?.[0];
    const code = failure?.failureCode ?? 'ImageNotFound';
    throw Object.assign(new Error(failure?.failureReason ?? `The image ${digest} was not found in ${repositoryName}.`), {
      name: code.endsWith('Exception') ? code : `${code}Exception`,
    });
  }
  const parsed = parseJson(image.imageManifest);
  const mediaType = image.imageManifestMediaType ?? stringField(parsed, 'mediaType') ?? 'application/vnd.docker.distribution.manifest.v2+json';
  return { mediaType, text: parsed === undefined ? image.imageManifest : JSON.stringify(parsed, null, 2) };
}

interface IndexEntry {
  digest?: unknown;
  mediaType?: unknown;
  platform?: { os?: unknown; architecture?: unknown; variant?: unknown };
  annotations?: Record<string, unknown>;
}

/**
 * The entries of a manifest list / OCI index, each with the child's details when ECR knows it.
 * Attestation manifests (buildx provenance / SBOM) show as "unknown/unknown", as docker shows
 * them, and carry `isAttestation` and the digest they describe.
 */
export async function listPlatforms(client: ECRClient, repositoryName: string, indexDigest: string): Promise<PlatformImage[]> {
  const manifest = await getManifest(client, repositoryName, indexDigest);
  const parsed = parseJson(manifest.text) as { manifests?: unknown } | undefined;
  if (!INDEX_MEDIA_TYPES.includes(manifest.mediaType) && !Array.isArray(parsed?.manifests)) {
    throw new Error(`${indexDigest} is a single-platform image (${manifest.mediaType}), not a manifest list: it has no platforms to list.`);
  }
  const entries = (Array.isArray(parsed?.manifests) ? parsed.manifests : []) as IndexEntry[];
  const children = entries.filter((entry): entry is IndexEntry & { digest: string } => typeof entry.digest === 'string');
  const images = await describeImagesByDigest(
    client,
    repositoryName,
    children.map((entry) => entry.digest),
  );
  const byDigest = new Map(images.map((image) => [image.digest, image]));
  return children.map((entry) => {
    const isAttestation = entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest';
    const attests = entry.annotations?.['vnd.docker.reference.digest'];
    const image = byDigest.get(entry.digest);
    return {
      digest: entry.digest,
      platform: platformOf(entry),
      mediaType: typeof entry.mediaType === 'string' ? entry.mediaType : 'application/vnd.oci.image.manifest.v1+json',
      ...(image ? { image } : {}),
      ...(isAttestation ? { isAttestation: true } : {}),
      ...(isAttestation && typeof attests === 'string' ? { attestsDigest: attests } : {}),
    };
  });
}

function platformOf(entry: IndexEntry): string {
  const os = typeof entry.platform?.os === 'string' && entry.platform.os ? entry.platform.os : 'unknown';
  const architecture = typeof entry.platform?.architecture === 'string' && entry.platform.architecture ? entry.platform.architecture : 'unknown';
  const variant = typeof entry.platform?.variant === 'string' && entry.platform.variant ? `/${entry.platform.variant}` : '';
  return `${os}/${architecture}${variant}`;
}

/**
 * The image's config blob (environment, entrypoint, history, labels), pretty-printed: manifest →
 * config digest → GetDownloadUrlForLayer → GET. The download URL is presigned: it is never put
 * in a message.
 */
export async function getImageConfig(client: ECRClient, repositoryName: string, digest: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const manifest = await getManifest(client, repositoryName, digest);
  const parsed = parseJson(manifest.text) as { config?: { digest?: unknown }; manifests?: unknown } | undefined;
  if (INDEX_MEDIA_TYPES.includes(manifest.mediaType) || Array.isArray(parsed?.manifests)) {
    throw new Error(`${digest} is a multi-platform image (manifest list): choose a platform under it to see that image's config.`);
  }
  const configDigest = parsed?.config?.digest;
  if (typeof configDigest !== 'string') {
    throw new Error(`The manifest of ${digest} names no config blob (media type ${manifest.mediaType}); there is no image config to show.`);
  }
  const location = await client.send(new GetDownloadUrlForLayerCommand({ repositoryName, layerDigest: configDigest }));
  if (!location.downloadUrl) {
    throw new Error(`ECR gave no download URL for the config ${configDigest} of ${digest}.`);
  }
  let response: Response;
  try {
    response = await fetchImpl(location.downloadUrl);
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new Error(`Could not download the config ${configDigest} of ${digest}: ${reason.replace(/https?:\/\/\S+/g, '[download URL]')}.`);
  }
  if (!response.ok) {
    throw new Error(`Downloading the config ${configDigest} of ${digest} failed with HTTP ${response.status}; retry, or check access to the layer storage.`);
  }
  const text = await response.text();
  const config = parseJson(text);
  return config === undefined ? text : JSON.stringify(config, null, 2);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value === 'object' && value !== null) {
    const field = (value as Record<string, unknown>)[key];
    return typeof field === 'string' ? field : undefined;
  }
  return undefined;
}
