// Builds real container images in Node, without a Docker engine: gzip tar layers (tar-stream),
// an image config whose rootfs.diff_ids match them, and a Docker schema 2 or OCI manifest, or
// an index over several of them. Used by the demo seed and the scanner's tests.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { MEDIA_TYPES, type Platform } from '../registry/manifests';

export interface LayerEntry {
  /** Path inside the image, without a leading slash. */
  readonly path: string;
  readonly content?: string | Buffer;
  readonly type?: 'file' | 'directory' | 'symlink';
  readonly linkname?: string;
  readonly mode?: number;
}

export interface Blob {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly content: Buffer;
}

export interface Layer extends Blob {
  /** sha256 of the uncompressed tar, as rootfs.diff_ids lists it. */
  readonly diffId: string;
}

export interface BuiltImage {
  readonly manifest: Buffer;
  readonly digest: string;
  readonly mediaType: string;
  readonly config: Blob;
  readonly layers: readonly Layer[];
  readonly platform: Platform;
}

export interface BuiltIndex {
  readonly manifest: Buffer;
  readonly digest: string;
  readonly mediaType: string;
  readonly images: readonly BuiltImage[];
}

/** A fixed time so that the same inputs always give the same digests. */
const EPOCH = new Date('2024-01-01T00:00:00Z');

export function sha256(content: Buffer | string): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

/** An uncompressed tar of the entries, in order (whiteouts are just entries named .wh.NAME). */
export async function tarArchive(entries: readonly LayerEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack) {
      chunks.push(chunk as Buffer);
    }
  })();
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const content = type === 'file' ? Buffer.from(entry.content ?? '') : undefined;
    await new Promise<void>((resolve, reject) => {
      pack.entry(
        {
          name: type === 'directory' ? `${entry.path}/` : entry.path,
          type,
          mode: entry.mode ?? (type === 'directory' ? 0o755 : 0o644),
          mtime: EPOCH,
          uid: 0,
          gid: 0,
          ...(entry.linkname ? { linkname: entry.linkname } : {}),
          ...(content ? { size: content.length } : {}),
        },
        content ?? Buffer.alloc(0),
        (error) => (error ? reject(error) : resolve()),
      );
    });
  }
  pack.finalize();
  await collected;
  return Buffer.concat(chunks);
}

/** A gzip-compressed layer (or a plain tar one) with its digest and diff id. */
export async function buildLayer(entries: readonly LayerEntry[], options: { gzip?: boolean; oci?: boolean } = {}): Promise<Layer> {
  const archive = await tarArchive(entries);
  const gzip = options.gzip ?? true;
  const content = gzip ? gzipSync(archive) : archive;
  const mediaType = options.oci ? (gzip ? MEDIA_TYPES.ociLayerGzip : MEDIA_TYPES.ociLayer) : MEDIA_TYPES.dockerLayer;
  return { mediaType, digest: sha256(content), size: content.length, content, diffId: sha256(archive) };
}

export interface ImageOptions {
  readonly layers: readonly Layer[];
  readonly platform?: Platform;
  readonly oci?: boolean;
  readonly created?: Date;
  readonly labels?: Record<string, string>;
  readonly cmd?: readonly string[];
  /** Overrides the config media type, e.g. to make a non-image artifact. */
  readonly configMediaType?: string;
  /** Overrides the config body (an artifact's config is not an image config). */
  readonly configBody?: Buffer;
}

export function buildImage(options: ImageOptions): BuiltImage {
  const platform = options.platform ?? { os: 'linux', architecture: 'amd64' };
  const configContent =
    options.configBody ??
    Buffer.from(
      JSON.stringify({
        architecture: platform.architecture,
        os: platform.os,
        ...(platform.variant ? { variant: platform.variant } : {}),
        created: (options.created ?? EPOCH).toISOString(),
        config: { Cmd: options.cmd ?? ['/bin/sh'], Labels: options.labels ?? {} },
        rootfs: { type: 'layers', diff_ids: options.layers.map((layer) => layer.diffId) },
        history: options.layers.map(() => ({ created: (options.created ?? EPOCH).toISOString(), created_by: 'ecr-local seed' })),
      }),
    );
  const configMediaType = options.configMediaType ?? (options.oci ? MEDIA_TYPES.ociConfig : MEDIA_TYPES.dockerConfig);
  const config: Blob = { mediaType: configMediaType, digest: sha256(configContent), size: configContent.length, content: configContent };
  const mediaType = options.oci ? MEDIA_TYPES.ociManifest : MEDIA_TYPES.dockerManifest;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
      layers: options.layers.map(({ mediaType: layerType, digest, size }) => ({ mediaType: layerType, digest, size })),
    }),
  );
  return { manifest, digest: sha256(manifest), mediaType, config, layers: options.layers, platform };
}

/** A manifest list (Docker) or image index (OCI) over images of different platforms. */
export function buildIndex(images: readonly BuiltImage[], options: { oci?: boolean } = {}): BuiltIndex {
  const mediaType = options.oci ? MEDIA_TYPES.ociIndex : MEDIA_TYPES.dockerManifestList;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      manifests: images.map((image) => ({
        mediaType: image.mediaType,
        digest: image.digest,
        size: image.manifest.length,
        platform: image.platform,
      })),
    }),
  );
  return { manifest, digest: sha256(manifest), mediaType, images };
}
