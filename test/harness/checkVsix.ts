// `npm run check:vsix`: packages the extension and checks that the VSIX holds only what runs
// (the two bundles, media, syntaxes, the lint rule pages, manifest, README, CHANGELOG, LICENSE) and stays small.
// The CLI bundle dist/cli.js must not be in it.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ruleMetas } from '../../src/lint/rules/index';
import { REPO_ROOT } from './sandbox';

const MAX_BYTES = 2 * 1024 * 1024;
const ALLOWED = [/^dist\/(extension|ecr)\.js$/, /^media\//, /^syntaxes\//, /^docs\/rules\/[A-Za-z0-9-]+\.md$/, /^docs\/images\/[A-Za-z0-9-]+\.png$/, /^package(\.nls)?\.json$/, /^(README|CHANGELOG)\.md$/, /^LICENSE$/];

const vsce = join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
const files = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' })
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '');
const unexpected = files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
const size = statSync(join(REPO_ROOT, 'ecr-explorer.vsix')).size;

process.stdout.write(`VSIX: ${files.length} files, ${(size / 1024).toFixed(1)} KiB\n${files.map((f) => `  ${f}`).join('\n')}\n`);
const problems = [
  ...(files.includes('dist/extension.js') ? [] : ['the bundle dist/extension.js is missing']),
  // The extension requires it on first use of ECR (src/views/lazyEcr.ts): without it the view only shows errors.
  ...(files.includes('dist/ecr.js') ? [] : ['the bundle dist/ecr.js (the AWS core, loaded on first use) is missing']),
  // Every diagnostic links to its rule's page inside the extension.
  ...ruleMetas()
    .filter((rule) => !files.includes(`docs/rules/${rule.id}.md`))
    .map((rule) => `the page of lint rule ${rule.id} (docs/rules/${rule.id}.md) is missing`),
  // VS Code's extension page shows the README from the VSIX: its relative images must be inside.
  ...readmeImages()
    .filter((image) => !files.includes(image))
    .map((image) => `README.md shows ${image}, which is not in the VSIX (.vscodeignore)`),
  ...unexpected.map((file) => `unexpected file in the VSIX: ${file}`),
  ...(size > MAX_BYTES ? [`the VSIX is ${size} bytes, over the ${MAX_BYTES} byte budget`] : []),
];
if (problems.length > 0) {
  process.stderr.write(`check:vsix failed:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exitCode = 1;
}

/** Relative image paths README.md shows, e.g. docs/images/welcome.png. */
function readmeImages(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => target !== '' && !/^[a-z]+:/i.test(target));
}
