// The repository indexes' snapshots as files in the extension's global storage
// (context.globalStorageUri): one JSON file per profile and region, named by a hash so that a
// profile name never becomes a path. Written atomically (a temporary file renamed over the old
// one), so a crash or a second window never leaves half a file; capped, so a huge registry cannot
// fill the disk or stall a session's start. What is stored is names and settings only (see
// src/ecr/indexSnapshot.ts), never credentials.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IndexSnapshot, IndexStore } from '../../ecr/indexSnapshot';
import type { Connection } from '../../ecr/model';

/** ~100,000 repositories take ~5 MiB; 64 MiB is over a million names, more than any region holds. */
export const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

export class FileIndexStore implements IndexStore {
  constructor(
    /** The folder that holds the snapshots (created on first save). */
    readonly directory: string,
    private readonly maxBytes = MAX_SNAPSHOT_BYTES,
  ) {}

  /** The file of one connection. */
  fileOf(connection: Connection): string {
    const hash = createHash('sha256').update(`${connection.profile}\n${connection.region}`).digest('hex').slice(0, 32);
    return join(this.directory, `${hash}.json`);
  }

  async load(connection: Connection): Promise<unknown> {
    const file = this.fileOf(connection);
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
    if (size > this.maxBytes) {
      throw new Error(`${file} is ${size} bytes, more than ${this.maxBytes}`);
    }
    const text = await readFile(file, 'utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`${file} is not valid JSON`);
    }
  }

  async save(connection: Connection, snapshot: IndexSnapshot): Promise<void> {
    const file = this.fileOf(connection);
    const text = JSON.stringify(snapshot);
    if (Buffer.byteLength(text) > this.maxBytes) {
      // Too big to be worth reading back: drop the old file rather than keep an outdated one.
      await rm(file, { force: true });
      throw new Error(`the names take ${Buffer.byteLength(text)} bytes, more than ${this.maxBytes}`);
    }
    await mkdir(this.directory, { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, text, { encoding: 'utf8', mode: 0o600 });
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
