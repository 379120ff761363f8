// Bundles the extension into dist/extension.js: one CommonJS file for VS Code's Node extension
// host, with `vscode` left to the host. `--production` minifies and drops source maps (what the
// VSIX ships); `--watch` rebuilds on change for the "Run Extension" launch configuration.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'info',
  // The AWS SDK ships ES module builds; prefer them so esbuild can drop unused code.
  mainFields: ['module', 'main'],
};

// Lines the "npm: watch" task's problem matcher waits for (see .vscode/tasks.json).
const watchReporter = {
  name: 'watch-reporter',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => console.log(`[watch] build finished with ${result.errors.length} error(s)`));
  },
};

if (watch) {
  const context = await esbuild.context({ ...options, plugins: [watchReporter] });
  await context.watch();
} else {
  const result = await esbuild.build(options);
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  console.log(`dist/extension.js: ${(bytes / 1024).toFixed(0)} KiB${production ? ' (production)' : ''}`);
}
