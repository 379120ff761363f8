// Starts Debian's docker-registry (the CNCF distribution registry 2.8) on a private loopback
// port with its storage under the data directory, and stops it again. Nothing but the proxy
// talks to it, so it has no auth of its own; deletes are enabled so BatchDeleteImage can
// remove manifests.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { delimiter, join } from 'node:path';
import { stringify } from 'yaml';
import { freePort } from '../../harness/processes';

export interface RegistryProcess {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** The last lines the registry printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;
const OUTPUT_LIMIT = 64 * 1024;

/** Finds the docker-registry binary on PATH or where Debian installs it. */
export function findRegistryBinary(): string | undefined {
  const candidates = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/usr/local/bin'];
  return candidates.map((folder) => join(folder, 'docker-registry')).find((path) => existsSync(path));
}

export async function startRegistryProcess(dataDir: string): Promise<RegistryProcess> {
  const binary = findRegistryBinary();
  if (!binary) {
    throw new Error(
      'docker-registry was not found. ecr-local stores images in Debian\'s docker-registry: install it with "sudo apt-get install docker-registry" (or run test/harness/prepare.sh).',
    );
  }
  const storage = join(dataDir, 'registry');
  mkdirSync(storage, { recursive: true });
  // A port taken between our probe and the registry's bind makes it exit: try a few times.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const configPath = join(dataDir, 'registry-config.yml');
    writeFileSync(configPath, stringify(registryConfig(storage, port)));
    try {
      return await launch(binary, configPath, port);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

function registryConfig(storage: string, port: number): unknown {
  return {
    version: 0.1,
    log: { level: 'warn', accesslog: { disabled: true } },
    storage: {
      filesystem: { rootdirectory: storage },
      delete: { enabled: true },
      // No background purge of upload folders: a test may hold an upload open for a while.
      maintenance: { uploadpurging: { enabled: false } },
    },
    // A fresh secret per start only invalidates uploads that were in flight at a restart.
    http: { addr: `127.0.0.1:${port}`, secret: randomBytes(24).toString('hex') },
    health: { storagedriver: { enabled: false } },
  };
}

async function launch(binary: string, configPath: string, port: number): Promise<RegistryProcess> {
  const child = spawn(binary, ['serve', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // If our process ends without stop() (a crash, process.exit), the registry must not outlive it.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(`could not start: ${error.message}`));
    child.once('exit', (code, signal) => resolve(`exited (${signal ?? code})`));
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    await stopChild(child);
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const early = await Promise.race([exited, answersPing(url).then((ok) => (ok ? 'ready' : undefined))]);
    if (early === 'ready') {
      return { url, output: () => output, stop };
    }
    if (early !== undefined) {
      process.off('exit', killOnExit);
      throw new Error(`docker-registry ${early} before it answered on ${url}. Its output:\n${output}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`docker-registry did not answer on ${url} within ${READY_TIMEOUT_MS} ms. Its output:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function answersPing(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = request(`${url}/v2/`, { method: 'GET', timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    probe.on('error', () => resolve(false));
    probe.on('timeout', () => probe.destroy());
    probe.end();
  });
}

/** SIGTERM, then SIGKILL after 5 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
