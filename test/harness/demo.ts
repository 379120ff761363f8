// `npm run demo`: starts ecr-local (a local ECR + Inspector with the demo registry seeded),
// packages the extension and installs the VSIX into code-server (VS Code in the browser), opens
// a sample workspace of Dockerfiles with real problems, and points the AWS SDK at ecr-local
// through AWS_ENDPOINT_URL_ECR / AWS_ENDPOINT_URL_INSPECTOR2 and a `demo` profile with fake keys.
// Prints the URL to open; runs until Ctrl-C and removes everything it created on the way out.
// DEMO_PORT fixes code-server's port, DEMO_ECR_PORT ecr-local's.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_CREDENTIALS, DEMO_REGION, DEMO_SECOND_REGION } from '../ecr-local/seed/demo';
import { ensureCodeServer, startCodeServer } from './codeServer';
import { startEcrLocalProcess, type EcrLocalProcess } from './ecrLocalProcess';
import { createSandbox, REPO_ROOT, type Sandbox } from './sandbox';
import { onShutdown } from './shutdown';

const run = promisify(execFile);

/** The demo's AWS profiles: names only in settings, fake keys in the sandbox's own AWS files. */
const PROFILES = { demo: DEMO_REGION, 'demo-us': DEMO_SECOND_REGION } as const;

/** What a failed start must undo: the processes started so far, then the sandbox. */
const undo: Array<() => Promise<void> | void> = [];

async function main(): Promise<void> {
  const sandbox = createSandbox({ 'ecrExplorer.profiles': Object.keys(PROFILES) });
  undo.push(() => sandbox.dispose());
  const workspace = join(sandbox.root, 'demo-workspace');
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'demo-workspace'), workspace, { recursive: true });
  const aws = writeAwsFiles(sandbox);

  process.stdout.write('Starting ecr-local with the demo registry and packaging the extension…\n');
  const [ecrLocal, packageRoot] = await Promise.all([
    startEcrLocalWithDemo(sandbox).then((started) => {
      undo.push(() => started.process.stop());
      return started;
    }),
    packageAndInstall(sandbox),
  ]);

  const server = await startCodeServer({
    packageRoot,
    userDataDir: sandbox.userDataDir,
    extensionsDir: sandbox.extensionsDir,
    folder: workspace,
    env: {
      ...process.env,
      AWS_CONFIG_FILE: aws.config,
      AWS_SHARED_CREDENTIALS_FILE: aws.credentials,
      AWS_PROFILE: 'demo',
      AWS_ENDPOINT_URL_ECR: ecrLocal.url,
      AWS_ENDPOINT_URL_INSPECTOR2: ecrLocal.url,
    },
    ...(process.env.DEMO_PORT ? { port: Number(process.env.DEMO_PORT) } : {}),
  });
  process.stdout.write(
    [
      '',
      'ECR Explorer demo',
      `  open:          ${server.url}/?folder=${encodeURIComponent(workspace)}`,
      `  ECR endpoint:  ${ecrLocal.url} (AWS profiles: demo = ${DEMO_REGION}, demo-us = ${DEMO_SECOND_REGION})`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  // Ctrl-C stops code-server and ecr-local and removes the sandbox (see shutdown.ts).
  let stopping = false;
  onShutdown(() => {
    stopping = true;
    process.stdout.write('\nStopping the demo…\n');
  });
  for (const [name, child] of [['code-server', server], ['ecr-local', ecrLocal.process]] as const) {
    child.child.once('exit', (code) => {
      if (!stopping) {
        process.stderr.write(`${name} exited (${code}).\n${child.output().slice(-4000)}`);
        void Promise.all([server.stop(), ecrLocal.process.stop()]).finally(() => {
          sandbox.dispose();
          process.exit(1);
        });
      }
    });
  }
}

function writeAwsFiles(sandbox: Sandbox): { config: string; credentials: string } {
  const folder = join(sandbox.root, 'aws-demo');
  mkdirSync(folder, { recursive: true });
  const config = join(folder, 'config');
  const credentials = join(folder, 'credentials');
  writeFileSync(
    config,
    `# The demo's profiles; ecr-local is reached through AWS_ENDPOINT_URL_ECR / AWS_ENDPOINT_URL_INSPECTOR2.\n${Object.entries(PROFILES)
      .map(([name, region]) => `[profile ${name}]\nregion = ${region}\n`)
      .join('\n')}`,
  );
  writeFileSync(
    credentials,
    `# Fake keys: ecr-local accepts any signature.\n${Object.keys(PROFILES)
      .map((name) => `[${name}]\naws_access_key_id = ${DEMO_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${DEMO_CREDENTIALS.secretAccessKey}\n`)
      .join('\n')}`,
    { mode: 0o600 },
  );
  return { config, credentials };
}

/** Runs ecr-local's CLI (`--seed demo`) with its state in the sandbox; resolves with its URL. */
async function startEcrLocalWithDemo(sandbox: Sandbox): Promise<EcrLocalProcess> {
  return startEcrLocalProcess({
    dataDir: join(sandbox.root, 'ecr-local'),
    seedDemo: true,
    ...(process.env.DEMO_ECR_PORT ? { port: Number(process.env.DEMO_ECR_PORT) } : {}),
  });
}

/** Installs code-server when missing, packages the VSIX and installs it; returns code-server's root. */
async function packageAndInstall(sandbox: Sandbox): Promise<string> {
  const packageRoot = await ensureCodeServer();
  const vsix = join(REPO_ROOT, 'ecr-explorer.vsix');
  await run('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 });
  await run(process.execPath, [
    join(packageRoot, 'out', 'node', 'entry.js'),
    '--extensions-dir', sandbox.extensionsDir,
    '--user-data-dir', sandbox.userDataDir,
    '--install-extension', vsix,
  ]);
  return packageRoot;
}

main().catch(async (error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  for (const step of undo.reverse()) {
    await Promise.resolve()
      .then(step)
      .catch(() => undefined);
  }
  process.exit(1);
});
