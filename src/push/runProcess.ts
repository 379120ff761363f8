// Runs one docker/podman call: an argv array (never a shell), the given environment, stdin closed
// unless there is input, output split into lines as it comes. On abort it sends SIGINT (the docker
// CLI cancels the daemon-side push on an interrupt, podman stops its copy), then SIGKILL after a
// grace period, and only rejects once the process has exited, so that nothing is left behind.
import { spawn as nodeSpawn, type ChildProcess } from 'node:child_process';
import { CliError } from './cliError';

export interface SpawnOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: 'pipe' | 'ignore';
  readonly cwd?: string;
}

/** child_process.spawn's shape, injectable so that tests can record every argv the driver runs. */
export type Spawner = (file: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export const defaultSpawner: Spawner = (file, args, options) =>
  nodeSpawn(file, [...args], { env: options.env, cwd: options.cwd, stdio: [options.stdin, 'pipe', 'pipe'], shell: false, windowsHide: true });

export interface RunOptions {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Written to stdin, then stdin is closed (a password for --password-stdin). */
  readonly input?: string;
  readonly signal?: AbortSignal;
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  readonly spawn?: Spawner;
  /** Milliseconds between SIGINT and SIGKILL when cancelled (5 s). */
  readonly killAfterMs?: number;
  /** Keep all of stdout (for JSON answers); otherwise only the last lines are kept. */
  readonly keepStdout?: boolean;
  /** Words the cancellation message ("The push was cancelled."). */
  readonly what?: string;
}

export interface RunResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  /** The last lines of stdout and stderr, in the order they came, for classifying a failure. */
  readonly tail: string;
}

const TAIL_LINES = 200;

export function runProcess(options: RunOptions): Promise<RunResult> {
  const { signal } = options;
  const what = options.what ?? 'The command';
  if (signal?.aborted) {
    return Promise.reject(new CliError({ kind: 'cancelled', message: `${what} was cancelled.` }));
  }
  return new Promise<RunResult>((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = (options.spawn ?? defaultSpawner)(options.file, options.args, { env: options.env, stdin: options.input === undefined ? 'ignore' : 'pipe' });
    } catch (error) {
      reject(missing(options.file, error));
      return;
    }
    let stdout = '';
    const tail: string[] = [];
    let cancelledAt: number | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let settled = false;

    const lineReader = (stream: 'stdout' | 'stderr'): { data: (chunk: Buffer) => void; end: () => void } => {
      let pending = '';
      const data = (chunk: Buffer): void => {
        const text = chunk.toString('utf8');
        if (stream === 'stdout' && options.keepStdout) {
          stdout += text;
        }
        pending += text;
        const lines = pending.split(/\r\n|\n|\r/);
        pending = lines.pop() ?? '';
        for (const line of lines) {
          emit(line, stream);
        }
      };
      // The last line may come without a newline; it is there before 'close'.
      const end = (): void => {
        if (pending !== '') {
          emit(pending, stream);
          pending = '';
        }
      };
      return { data, end };
    };
    const readers = { stdout: lineReader('stdout'), stderr: lineReader('stderr') };
    const emit = (line: string, stream: 'stdout' | 'stderr'): void => {
      tail.push(line);
      if (tail.length > TAIL_LINES) {
        tail.shift();
      }
      try {
        options.onLine?.(line, stream);
      } catch {
        // A listener's bug must not leave the process running unobserved.
      }
    };
    child.stdout?.on('data', readers.stdout.data).on('end', readers.stdout.end);
    child.stderr?.on('data', readers.stderr.data).on('end', readers.stderr.end);

    const onAbort = (): void => {
      if (cancelledAt !== undefined || child.exitCode !== null || child.signalCode !== null) {
        return;
      }
      cancelledAt = Date.now();
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 5000);
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (): void => {
      signal?.removeEventListener('abort', onAbort);
      if (killTimer) {
        clearTimeout(killTimer);
      }
    };

    child.on('error', (error) => {
      if (settled) {
        return;
      }
      settled = true;
      finish();
      reject(missing(options.file, error));
    });
    child.on('close', (exitCode, exitSignal) => {
      if (settled) {
        return;
      }
      settled = true;
      finish();
      if (cancelledAt !== undefined || signal?.aborted) {
        reject(new CliError({ kind: 'cancelled', message: `${what} was cancelled.` }));
        return;
      }
      resolve({ exitCode, signal: exitSignal, stdout, tail: tail.join('\n') });
    });

    if (options.input !== undefined && child.stdin) {
      // A CLI that exits before reading stdin (a bad flag) must not crash us with EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
  });
}

function missing(file: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR') {
    return new CliError({
      kind: 'cli-missing',
      message: `The container CLI '${file}' could not be run (${code}). Install Docker or Podman, or set ecrExplorer.containerCli to the program's full path.`,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  return new CliError({
    kind: 'unknown',
    message: `The container CLI '${file}' could not be started: ${error instanceof Error ? error.message : String(error)}.`,
  });
}
