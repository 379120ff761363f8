// Small helpers for the harness: free ports and child processes that are always stopped.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { onShutdown, trackProcessGroup } from './shutdown';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningProcess {
  readonly child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr), for error messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a process in its own process group and resolves once `ready` matches its output.
 * Rejects with the output so far if it exits first or `timeoutMs` passes.
 */
export async function startProcess(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { ready: RegExp; timeoutMs: number; name: string },
): Promise<RunningProcess> {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const untrack = child.pid === undefined ? () => false : trackProcessGroup(child.pid);
  const unregister = onShutdown(() => stopProcessGroup(child));
  child.once('exit', () => {
    untrack();
    unregister();
  });
  const running: RunningProcess = {
    child,
    output: () => output,
    stop: () => stopProcessGroup(child),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void running.stop();
      reject(new Error(`${options.name} did not become ready within ${options.timeoutMs} ms. Its output:\n${output}`));
    }, options.timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (options.ready.test(output)) {
        clearTimeout(timer);
        resolve(running);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} could not start: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (${signal ?? code}) before it was ready. Its output:\n${output}`));
    });
  });
}

/** SIGTERM to the whole group, SIGKILL if it is still there after 5 s. */
export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup('SIGTERM');
  const killTimer = setTimeout(() => signalGroup('SIGKILL'), 5000);
  await exited;
  clearTimeout(killTimer);
}
