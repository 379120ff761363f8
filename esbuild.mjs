// Bundles the extension into dist/extension.js: one CommonJS file for VS Code's Node extension
// host, with `vscode` left to the host. The AWS SDK and the core that uses it go into a second
// bundle, dist/ecr.js (src/ecr/awsCore.ts), which the extension requires on first use
// (src/views/lazyEcr.ts), so that activation does not evaluate the SDK. `--production` minifies and drops source maps (what the
// VSIX ships); `--watch` rebuilds on change for the "Run Extension" launch configuration.
// Also bundles the ecr-lint command-line linter into dist/cli.js (package.json "bin"; not in the
// VSIX). `--cli` builds only that one.
import * as esbuild from 'esbuild';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const cliOnly = process.argv.includes('--cli');

// The one way from the extension bundle to the SDK: lazyEcr.ts's import() of awsCore becomes
// require('./ecr.js') at run time. Any other import of awsCore would load the SDK eagerly (or bundle
// it twice), so the build refuses it.
const lazyEcrCorePlugin = {
  name: 'lazy-ecr-core',
  setup(build) {
    build.onResolve({ filter: /(^|\/)awsCore$/ }, (args) => {
      if (args.kind === 'dynamic-import' && args.importer.endsWith('src/views/lazyEcr.ts')) {
        return { path: './ecr.js', external: true };
      }
      return {
        errors: [{ text: `Import the AWS core through src/views/lazyEcr.ts (loadEcrCore or its wrappers), not from ${args.importer}` }],
      };
    });
  },
};

// Packages that must stay out of dist/extension.js: what activation evaluates.
const EAGER_FORBIDDEN = /node_modules\/(@aws-sdk|@smithy|@aws|agent-base|https?-proxy-agent)\//;

/** Fails the build when the extension bundle took in the SDK anyway (a value import of an SDK-using core module). */
function checkExtensionBundle(metafile) {
  const output = metafile.outputs['dist/extension.js'];
  const leaked = Object.keys(output?.inputs ?? {}).filter((input) => EAGER_FORBIDDEN.test(input));
  if (leaked.length > 0) {
    const ownModules = Object.keys(metafile.inputs).filter((input) => input.startsWith('src/') && metafile.inputs[input].imports.some((i) => EAGER_FORBIDDEN.test(i.path)));
    throw new Error(
      `dist/extension.js would evaluate the AWS SDK at activation (${leaked.length} SDK modules, e.g. ${leaked[0]}).\n` +
        `Reach these through src/views/lazyEcr.ts instead of importing them from the views: ${ownModules.join(', ')}`,
    );
  }
}

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
  plugins: [lazyEcrCorePlugin],
  // import('./ecr.js') becomes a require(): one module system (the one VS Code's extension host
  // patches), and the same module tsc's CommonJS output loads in tests.
  supported: { 'dynamic-import': false },
};

const ecrOptions = {
  ...options,
  entryPoints: ['src/ecr/awsCore.ts'],
  outfile: 'dist/ecr.js',
  plugins: [],
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

const targets = cliOnly ? [cliOptions] : [options, ecrOptions, cliOptions];

if (watch) {
  for (const target of targets) {
    const context = await esbuild.context({ ...target, plugins: [...(target.plugins ?? []), watchReporter] });
    await context.watch();
  }
} else {
  for (const target of targets) {
    const result = await esbuild.build(target);
    if (target === options) {
      checkExtensionBundle(result.metafile);
    }
    const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
    console.log(`${target.outfile}: ${(bytes / 1024).toFixed(0)} KiB${production ? ' (production)' : ''}`);
  }
  // The bundle keeps main.ts's #! line; the mode lets `./dist/cli.js` run it directly.
  if (targets.includes(cliOptions)) {
    chmodSync(cliOptions.outfile, 0o755);
  }
}
