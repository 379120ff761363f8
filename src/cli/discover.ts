// Turns the command line's files and folders into a stream of Dockerfiles to lint, one at a time,
// so that a tree with thousands of them never sits in memory as a list. Folders are walked in name
// order (stable output), symbolic links to folders are not followed (no loops), and a file reached
// twice is linted once.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isDockerfileName, SKIPPED_FOLDERS } from './dockerfileNames';
import { describeFsError } from './fsErrors';

export type Discovered =
  /** `explicit`: named on the command line (linted whatever its name); otherwise found in a folder. */
  | { readonly kind: 'file'; readonly path: string; readonly explicit: boolean }
  | { readonly kind: 'stdin' }
  /** An input that cannot be read; the run goes on and ends with exit code 2. */
  | { readonly kind: 'problem'; readonly path: string; readonly message: string }
  /** A folder given on the command line that holds no Dockerfile (worth a note, not a failure). */
  | { readonly kind: 'empty-folder'; readonly path: string };

export async function* discoverDockerfiles(inputs: readonly string[], cwd: string): AsyncGenerator<Discovered> {
  const seen = new Set<string>();
  // Dedupe on the real path, so that a file named twice, or reached through a link, counts once.
  const firstVisit = async (path: string): Promise<boolean> => {
    const key = await realpath(path).catch(() => path);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  };

  for (const input of inputs) {
    if (input === '-') {
      yield { kind: 'stdin' };
      continue;
    }
    const path = resolve(cwd, input);
    let isFolder: boolean;
    try {
      isFolder = (await stat(path)).isDirectory();
    } catch (error) {
      yield { kind: 'problem', path, message: describeFsError(error) };
      continue;
    }
    if (!isFolder) {
      if (await firstVisit(path)) {
        yield { kind: 'file', path, explicit: true };
      }
      continue;
    }
    let found = 0;
    for await (const item of walk(path)) {
      if (item.kind === 'file' && !(await firstVisit(item.path))) {
        continue;
      }
      found += item.kind === 'file' ? 1 : 0;
      yield item;
    }
    if (found === 0) {
      yield { kind: 'empty-folder', path };
    }
  }
}

async function* walk(root: string): AsyncGenerator<Discovered> {
  // Depth-first with an explicit stack: deep trees cannot overflow the call stack.
  const pending: string[] = [root];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      yield { kind: 'problem', path: folder, message: describeFsError(error) };
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: string[] = [];
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) {
          subfolders.push(path);
        }
      } else if (isDockerfileName(entry.name) && (entry.isFile() || (await isLinkToFile(entry, path)))) {
        yield { kind: 'file', path, explicit: false };
      }
    }
    // Pushed in reverse so that they are visited in name order.
    pending.push(...subfolders.reverse());
  }
}

async function isLinkToFile(entry: Dirent, path: string): Promise<boolean> {
  if (!entry.isSymbolicLink()) {
    return false;
  }
  try {
    return (await stat(path)).isFile();
  } catch {
    return false; // A dangling link found while searching is not the user's input: skip it.
  }
}
