// Installs (once, cached outside the clone) and starts code-server: VS Code 1.100's own server
// and web workbench. See install-code-server.sh for why the install is done by hand.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, startProcess, type RunningProcess } from './processes';

const run = promisify(execFile);

/** Installs code-server if the cache lacks it; returns its package root. */
export async function ensureCodeServer(): Promise<string> {
  const script = join(__dirname, '..', '..', '..', 'test', 'harness', 'install-code-server.sh');
  try {
    const { stdout } = await run('bash', [script], { maxBuffer: 16 * 1024 * 1024 });
    const lines = stdout.trim().split('\n');
    return lines[lines.length - 1]!;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`Could not install code-server.\n${stderr.trim() || String(error)}`);
  }
}

export interface CodeServerOptions {
  readonly packageRoot: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly folder: string;
  readonly env: NodeJS.ProcessEnv;
  /** A fixed port (the demo's); tests take a free one. */
  readonly port?: number;
}

export interface CodeServer extends RunningProcess {
  readonly url: string;
  readonly port: number;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const port = options.port ?? (await freePort());
  const entry = join(options.packageRoot, 'out', 'node', 'entry.js');
  const running = await startProcess(
    process.execPath,
    [
      entry,
      '--auth', 'none',
      // Its own config file, so that nothing is written to the user's ~/.config/code-server.
      '--config', join(options.userDataDir, 'code-server.yaml'),
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', options.userDataDir,
      '--extensions-dir', options.extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      options.folder,
    ],
    {
      name: 'code-server',
      ready: /HTTP server listening on/,
      timeoutMs: 60_000,
      env: { ...options.env, NODE_OPTIONS: '' },
    },
  );
  return { ...running, url: `http://127.0.0.1:${port}`, port };
}
