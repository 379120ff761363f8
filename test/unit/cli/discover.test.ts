import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { discoverDockerfiles, type Discovered } from '../../../src/cli/discover';
import { describeFsError } from '../../../src/cli/fsErrors';

/** Each discovered item as a short string, paths relative to the temp folder. */
async function discovered(inputs: string[], cwd: string): Promise<string[]> {
  const items: string[] = [];
  const show = (item: Discovered): string => {
    switch (item.kind) {
      case 'file':
        return `${item.explicit ? 'explicit' : 'found'} ${relative(cwd, item.path)}`;
      case 'stdin':
        return 'stdin';
      case 'problem':
        return `problem ${relative(cwd, item.path)}: ${item.message}`;
      case 'empty-folder':
        return `empty ${relative(cwd, item.path) || '.'}`;
    }
  };
  for await (const item of discoverDockerfiles(inputs, cwd)) {
    items.push(show(item));
  }
  return items;
}

async function files(root: string, paths: string[]): Promise<void> {
  for (const path of paths) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), 'FROM scratch\n');
  }
}

describe('discoverDockerfiles', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'ecr-lint-discover-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('finds every Dockerfile name in name order, depth first, skipping node_modules and .git', async () => {
    await files(root, [
      'b/Dockerfile',
      'a/api.Dockerfile',
      'a/Dockerfile.prod',
      'a/nested/Containerfile',
      'a/README.md',
      'node_modules/pkg/Dockerfile',
      '.git/Dockerfile',
      'Dockerfile.dockerignore',
      'Dockerfile',
    ]);
    assert.deepEqual(await discovered(['.'], root), [
      'found Dockerfile',
      'found a/Dockerfile.prod',
      'found a/api.Dockerfile',
      'found a/nested/Containerfile',
      'found b/Dockerfile',
    ]);
  });

  it('lints a file named on the command line whatever its name, and each file once', async () => {
    await files(root, ['build/recipe.txt', 'svc/Dockerfile']);
    assert.deepEqual(await discovered(['build/recipe.txt', 'svc', 'svc/Dockerfile', '-'], root), [
      'explicit build/recipe.txt',
      'found svc/Dockerfile',
      'stdin',
    ]);
  });

  it('reports a missing input and a folder without Dockerfiles, and goes on', async () => {
    await files(root, ['docs/index.md', 'Dockerfile']);
    assert.deepEqual(await discovered(['nope/Dockerfile', 'docs', 'Dockerfile'], root), [
      'problem nope/Dockerfile: no such file or folder',
      'empty docs',
      'explicit Dockerfile',
    ]);
  });

  it('does not follow links to folders (no loops) but takes links to Dockerfiles', async () => {
    await files(root, ['real/Dockerfile']);
    await symlink(root, join(root, 'real', 'loop'));
    await symlink(join(root, 'real', 'Dockerfile'), join(root, 'linked.Dockerfile'));
    await symlink(join(root, 'missing'), join(root, 'dangling.Dockerfile'));
    // The link and its target are one file: it is linted once, under the name met first.
    assert.deepEqual(await discovered(['.'], root), ['found linked.Dockerfile']);
  });

  it('says why an input cannot be read in words, not error codes', () => {
    const fsError = (code: string): Error => Object.assign(new Error(`${code}: raw`), { code });
    assert.equal(describeFsError(fsError('EACCES')), 'permission denied');
    assert.equal(describeFsError(fsError('ENOENT')), 'no such file or folder');
    assert.equal(describeFsError(fsError('EWHATEVER')), 'EWHATEVER: raw');
    assert.equal(describeFsError('plain'), 'plain');
  });
});
