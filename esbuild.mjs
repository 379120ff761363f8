// Bundles the extension into dist/extension.js: one CommonJS file for VS Code's Node extension
// host, with `vscode` left to the host. `--production` minifies and drops source maps (what the
// VSIX ships); `--watch` rebuilds on change for the "Run Extension" launch configuration.
// Also bundles the ecr-lint command-line linter into dist/cli.js (package.json "bin"; not in the
// VSIX). `--cli` builds only that one.
import * as esbuild from 'esbuild';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const cliOnly = process.argv.includes('--cli');

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

// The CLI's build-time module `ecr-lint:build-info`: the version, and every rule page so that
// SARIF output carries each rule's help (src/cli/buildInfo.d.ts declares its shape).
const buildInfoPlugin = {
  name: 'ecr-lint-build-info',
  setup(build) {
    build.onResolve({ filter: /^ecr-lint:build-info$/ }, (args) => ({ path: args.path, namespace: 'ecr-lint' }));
    build.onLoad({ filter: /.*/, namespace: 'ecr-lint' }, () => {
      const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
      const ruleDocs = {};
      let files = [];
      try {
        files = readdirSync('docs/rules').filter((name) => name.endsWith('.md'));
      } catch {
        // No rule pages yet: SARIF help falls back to each rule's title.
      }
      for (const name of files) {
        ruleDocs[name.slice(0, -'.md'.length)] = readFileSync(`docs/rules/${name}`, 'utf8');
      }
      return {
        contents: JSON.stringify({ version, ruleDocs }),
        loader: 'json',
        watchFiles: ['package.json', ...files.map((name) => `docs/rules/${name}`)],
        watchDirs: files.length > 0 ? ['docs/rules'] : [],
      };
    });
  },
};

const cliOptions = {
  ...options,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  external: [],
  plugins: [buildInfoPlugin],
};

// Lines the "npm: watch" task's problem matcher waits for (see .vscode/tasks.json).
const watchReporter = {
  name: 'watch-reporter',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => console.log(`[watch] build finished with ${result.errors.length} error(s)`));
  },
};

const targets = cliOnly ? [cliOptions] : [options, cliOptions];

if (watch) {
  for (const target of targets) {
    const context = await esbuild.context({ ...target, plugins: [...(target.plugins ?? []), watchReporter] });
    await context.watch();
  }
} else {
  for (const target of targets) {
    const result = await esbuild.build(target);
    const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
    console.log(`${target.outfile}: ${(bytes / 1024).toFixed(0)} KiB${production ? ' (production)' : ''}`);
  }
  // The bundle keeps main.ts's #! line; the mode lets `./dist/cli.js` run it directly.
  if (targets.includes(cliOptions)) {
    chmodSync(cliOptions.outfile, 0o755);
  }
}
