// `npm run compile`: tsc into out/, then removes compiled files whose source is gone (a renamed
// test must not keep running from a stale .js). Unlike wiping out/ first, this is safe while
// another process (a watch, a second test run) reads out/.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const out = join(root, 'out');

execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', root], { stdio: 'inherit' });

function* compiled(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      yield* compiled(path);
    } else if (/\.js(\.map)?$/.test(entry.name)) {
      yield path;
    }
  }
}

if (existsSync(out)) {
  for (const file of compiled(out)) {
    const source = join(root, relative(out, file)).replace(/\.js(\.map)?$/, '.ts');
    if (!existsSync(source)) {
      rmSync(file);
    }
  }
}
