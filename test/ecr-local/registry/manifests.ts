// Image manifests and indexes (Docker schema 2 and OCI): recognising them, their sizes and
// their children, which is what ECR reports about a push (imageSizeInBytes,
// imageManifestMediaType, artifactMediaType) and what the scanner needs to find the layers.

export const MEDIA_TYPES = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
} as const;

/** Every manifest type the registry serves, for Accept headers. */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.dockerManifest,
  MEDIA_TYPES.dockerManifestList,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.ociIndex,
].join(', ');

/** Configs of images a container runtime can run (anything else is an artifact: Helm chart, SBOM…). */
export const IMAGE_CONFIG_TYPES: readonly string[] = [MEDIA_TYPES.dockerConfig, MEDIA_TYPES.ociConfig];

/** Layers that must not be fetched from the registry (Windows base layers). */
export const FOREIGN_LAYER = /foreign|nondistributable/;

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
}

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

export type ParsedManifest =
  | {
      readonly kind: 'image';
      readonly mediaType: string;
      readonly config: Descriptor;
      readonly layers: readonly Descriptor[];
      /** OCI 1.1 artifacts name their type here. */
      readonly artifactType?: string;
    }
  | {
      readonly kind: 'index';
      readonly mediaType: string;
      readonly manifests: ReadonlyArray<Descriptor & { readonly platform?: Platform }>;
    };

const DIGEST = /^sha256:[a-f0-9]{64}$/;

function descriptor(value: unknown, where: string): Descriptor | string {
  const item = value as Partial<Descriptor> | null;
  if (typeof item !== 'object' || item === null) {
    return `${where} is not an object`;
  }
  if (typeof item.digest !== 'string' || !DIGEST.test(item.digest)) {
    return `${where}.digest is not a sha256 digest`;
  }
  if (typeof item.size !== 'number' || !Number.isSafeInteger(item.size) || item.size < 0) {
    return `${where}.size is not a byte count`;
  }
  return { mediaType: typeof item.mediaType === 'string' ? item.mediaType : '', digest: item.digest, size: item.size };
}

/**
 * Reads a manifest body. `contentType` is the Content-Type it was pushed or served with, used
 * when the body has no mediaType (allowed for OCI). Returns a message when it is not one.
 */
export function parseManifest(body: string, contentType?: string): ParsedManifest | string {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return 'the manifest is not valid JSON';
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return 'the manifest is not a JSON object';
  }
  if (data.schemaVersion === 1) {
    return 'Docker image manifest schema 1 is not supported; push with a current Docker or OCI client';
  }
  const declared = typeof data.mediaType === 'string' ? data.mediaType : (contentType?.split(';')[0]?.trim() ?? '');
  const isIndex = declared === MEDIA_TYPES.dockerManifestList || declared === MEDIA_TYPES.ociIndex || (declared === '' && Array.isArray(data.manifests));
  if (isIndex) {
    if (!Array.isArray(data.manifests)) {
      return 'the image index has no "manifests" array';
    }
    const manifests: Array<Descriptor & { platform?: Platform }> = [];
    for (const [index, raw] of data.manifests.entries()) {
      const child = descriptor(raw, `manifests[${index}]`);
      if (typeof child === 'string') {
        return child;
      }
      const platform = (raw as { platform?: Partial<Platform> }).platform;
      manifests.push(
        platform && typeof platform.os === 'string' && typeof platform.architecture === 'string'
          ? { ...child, platform: { os: platform.os, architecture: platform.architecture, ...(typeof platform.variant === 'string' ? { variant: platform.variant } : {}) } }
          : child,
      );
    }
    return { kind: 'index', mediaType: declared || MEDIA_TYPES.ociIndex, manifests };
  }
  const config = descriptor(data.config, 'config');
  if (typeof config === 'string') {
    return config;
  }
  if (!Array.isArray(data.layers)) {
    return 'the image manifest has no "layers" array';
  }
  const layers: Descriptor[] = [];
  for (const [index, raw] of data.layers.entries()) {
    const layer = descriptor(raw, `layers[${index}]`);
    if (typeof layer === 'string') {
      return layer;
    }
    layers.push(layer);
  }
  return {
    kind: 'image',
    mediaType: declared || MEDIA_TYPES.ociManifest,
    config,
    layers,
    ...(typeof data.artifactType === 'string' ? { artifactType: data.artifactType } : {}),
  };
}

/** What ECR reports as imageSizeInBytes for an image manifest: its config and layers. */
export function imageManifestSize(manifest: Extract<ParsedManifest, { kind: 'image' }>): number {
  return manifest.config.size + manifest.layers.reduce((total, layer) => total + layer.size, 0);
}

/** ECR's artifactMediaType: the config's media type (or the OCI artifactType). */
export function artifactMediaType(manifest: Extract<ParsedManifest, { kind: 'image' }>): string | undefined {
  return manifest.artifactType ?? (manifest.config.mediaType || undefined);
}
