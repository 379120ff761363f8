// Reads image layers as streams (gzip or plain tar; never a whole layer in memory) and keeps
// only the files a scan needs, then stacks the layers the way a container runtime would:
// OCI whiteouts (.wh.NAME deletes NAME, .wh..wh..opq empties a directory) hide what lower
// layers had, and a later layer's file replaces an earlier one's.
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';

/** A file kept from a layer, with the digest of the layer blob it came from. */
export interface LayerFile {
  readonly path: string;
  readonly content: Buffer;
  readonly layerDigest: string;
}

export interface LayerContents {
  readonly files: Map<string, LayerFile>;
  /** Paths deleted by .wh.NAME entries. */
  readonly deleted: string[];
  /** Directories made opaque by .wh..wh..opq entries ('' is the root). */
  readonly opaque: string[];
  /** Files that were wanted but skipped, and why. */
  readonly skipped: string[];
}

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
/** A package database larger than this is not read (a real dpkg status is a few MB at most). */
export const MAX_WANTED_FILE_BYTES = 64 * 1024 * 1024;

/** Normalises a tar entry name: no leading ./ or /, no trailing /; undefined for names that climb out. */
export function normalizeEntryPath(name: string): string | undefined {
  const segments: string[] = [];
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.') {
      continue;
    }
    if (segment === '..') {
      return undefined;
    }
    segments.push(segment);
  }
  return segments.join('/');
}

/**
 * Reads one layer blob. `wanted` says which (normalised) paths to keep; every other entry is
 * drained without being stored.
 */
export async function readLayer(blob: Readable, layerDigest: string, wanted: (path: string) => boolean): Promise<LayerContents> {
  const body = await decompressed(blob, layerDigest);
  const extract = tar.extract();
  const contents: LayerContents = { files: new Map(), deleted: [], opaque: [], skipped: [] };
  const feeding = pipeline(body, extract);
  const reading = (async () => {
    for await (const entry of extract) {
      const path = normalizeEntryPath(entry.header.name);
      const slash = path === undefined ? -1 : path.lastIndexOf('/');
      const directory = path === undefined || slash < 0 ? '' : path.slice(0, slash);
      const base = path === undefined ? '' : path.slice(slash + 1);
      if (path !== undefined && base === '.wh..wh..opq') {
        contents.opaque.push(directory);
      } else if (path !== undefined && base.startsWith('.wh.')) {
        contents.deleted.push(directory === '' ? base.slice(4) : `${directory}/${base.slice(4)}`);
      } else if (path !== undefined && entry.header.type === 'file' && wanted(path)) {
        const size = entry.header.size ?? 0;
        if (size > MAX_WANTED_FILE_BYTES) {
          contents.skipped.push(`${path} (${size} bytes is larger than the ${MAX_WANTED_FILE_BYTES} bytes read)`);
          entry.resume();
          await once(entry, 'end');
          continue;
        }
        const chunks: Buffer[] = [];
        for await (const chunk of entry) {
          chunks.push(chunk as Buffer);
        }
        contents.files.set(path, { path, content: Buffer.concat(chunks), layerDigest });
        continue;
      }
      entry.resume();
      await once(entry, 'end');
    }
  })();
  const [fed, read] = await Promise.allSettled([feeding, reading]);
  for (const outcome of [read, fed]) {
    if (outcome.status === 'rejected') {
      const reason = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
      throw new Error(`Layer ${layerDigest} is not a readable tar archive: ${reason}`);
    }
  }
  return contents;
}

/** Peeks at the first bytes: gzip is unpacked, plain tar passed through, zstd refused clearly. */
async function decompressed(blob: Readable, layerDigest: string): Promise<Readable> {
  const iterator = blob[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  while (head.length < 4) {
    const next = await iterator.next();
    if (next.done) {
      break;
    }
    head = Buffer.concat([head, Buffer.from(next.value)]);
  }
  const startsWith = (magic: number[]): boolean => magic.every((byte, index) => head[index] === byte);
  if (startsWith(ZSTD_MAGIC)) {
    blob.destroy();
    throw new Error(`Layer ${layerDigest} is zstd-compressed, which ecr-local's scanner cannot read (Node 20 has no zstd).`);
  }
  const rest = Readable.from(
    (async function* () {
      if (head.length > 0) {
        yield head;
      }
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          return;
        }
        yield Buffer.from(next.value);
      }
    })(),
    { objectMode: false },
  );
  if (!startsWith(GZIP_MAGIC)) {
    return rest;
  }
  const gunzip = createGunzip();
  rest.on('error', (error) => gunzip.destroy(error));
  return rest.pipe(gunzip);
}

/** Stacks one layer on the files visible so far (whiteouts first: they only hide lower layers). */
export function applyLayer(visible: Map<string, LayerFile>, layer: LayerContents): void {
  const hides = (path: string, hidden: string): boolean => path === hidden || path.startsWith(`${hidden}/`);
  for (const path of [...visible.keys()]) {
    if (layer.deleted.some((hidden) => hides(path, hidden)) || layer.opaque.some((directory) => directory === '' || path.startsWith(`${directory}/`))) {
      visible.delete(path);
    }
  }
  for (const [path, file] of layer.files) {
    visible.set(path, file);
  }
}
