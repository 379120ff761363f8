// `npm run demo`: packages the extension, installs the VSIX into code-server (VS Code in the
// browser) and opens a sample workspace, then prints the URL to open. Runs until Ctrl-C and
// removes everything it created on the way out.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureCodeServer, startCodeServer } from './codeServer';
import { createSandbox, REPO_ROOT } from './sandbox';
import { onShutdown } from './shutdown';

const run = promisify(execFile);

async function main(): Promise<void> {
  const packageRoot = await ensureCodeServer();
  const sandbox = createSandbox();
  const vsix = join(REPO_ROOT, 'ecr-explorer.vsix');
  process.stdout.write('Packaging the extension…\n');
  await run('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT });
  await run(process.execPath, [
    join(packageRoot, 'out', 'node', 'entry.js'),
    '--extensions-dir', sandbox.extensionsDir,
    '--user-data-dir', sandbox.userDataDir,
    '--install-extension', vsix,
  ]);
  const server = await startCodeServer({
    packageRoot,
    userDataDir: sandbox.userDataDir,
    extensionsDir: sandbox.extensionsDir,
    folder: sandbox.workspace,
    env: {
      ...process.env,
      AWS_CONFIG_FILE: sandbox.awsConfigFile,
      AWS_SHARED_CREDENTIALS_FILE: sandbox.awsCredentialsFile,
    },
    ...(process.env.DEMO_PORT ? { port: Number(process.env.DEMO_PORT) } : {}),
  });
  process.stdout.write(`\nECR Explorer demo: open ${server.url}/?folder=${encodeURIComponent(sandbox.workspace)}\nPress Ctrl-C to stop.\n`);

  // Ctrl-C stops code-server and removes the sandbox (see shutdown.ts).
  let stopping = false;
  onShutdown(() => {
    stopping = true;
    process.stdout.write('\nStopping the demo…\n');
  });
  server.child.once('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`code-server exited (${code}).\n${server.output()}`);
      sandbox.dispose();
      process.exit(1);
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
