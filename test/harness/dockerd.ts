// A private Docker engine for tests: its own data root, exec root, pidfile, config file, trust
// key and unix socket under one temporary folder, so it never touches a system dockerd or its
// files. vfs storage, no iptables, no bridge: what works on these machines (containers cannot
// be relied on, but the classic builder builds FROM scratch + COPY images and `docker push`
// works). The docker CLI gets DOCKER_HOST and a private DOCKER_CONFIG through `env`.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { startProcess, type RunningProcess } from './processes';
import { onShutdown } from './shutdown';

export interface PrivateDockerd {
  /** unix:///…/docker.sock */
  readonly host: string;
  /** The temporary folder that holds everything of this engine. */
  readonly root: string;
  /** Environment for docker CLI calls: this engine, a private client config, no inherited context. */
  readonly env: NodeJS.ProcessEnv;
  /** Runs the docker CLI against this engine; rejects with its stderr when it fails. */
  docker(args: readonly string[], options?: DockerCallOptions): Promise<{ stdout: string; stderr: string }>;
  /** What dockerd printed so far. */
  output(): string;
  /** Stops dockerd (and its containerd) and removes the folder. */
  stop(): Promise<void>;
}

export interface DockerCallOptions {
  /** Written to the CLI's stdin (e.g. a password for --password-stdin). */
  readonly input?: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

export interface DockerdOptions {
  /** Registries to reach over plain HTTP; 127.0.0.0/8 needs none (docker treats loopback as insecure). */
  readonly insecureRegistries?: readonly string[];
  readonly timeoutMs?: number;
}

/** Finds a program on PATH or in the sbin folders, which a non-root PATH may lack. */
export function findProgram(name: string): string | undefined {
  const folders = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];
  return folders.map((folder) => join(folder, name)).find((path) => existsSync(path));
}

export async function startDockerd(options: DockerdOptions = {}): Promise<PrivateDockerd> {
  const dockerd = findProgram('dockerd');
  const cli = findProgram('docker');
  if (!dockerd || !cli) {
    throw new Error(
      `${dockerd ? 'The docker CLI' : 'dockerd'} was not found. The tests that push real images need the Docker engine: install it with "sudo apt-get install docker.io" (test/harness/prepare.sh does that when run as root).`,
    );
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error('dockerd needs root to start (these tests start a private one). Run them as root, as CI does, or in a root container.');
  }

  // Short path: a unix socket path must stay under 108 bytes.
  const root = mkdtempSync(join(tmpdir(), 'ecrx-dockerd-'));
  const remove = (): void => rmSync(root, { recursive: true, force: true });
  const unregister = onShutdown(remove);
  const socket = join(root, 'docker.sock');
  const host = `unix://${socket}`;
  const clientConfig = join(root, 'client');
  mkdirSync(clientConfig);
  writeFileSync(join(clientConfig, 'config.json'), '{}');
  // Every path dockerd would otherwise take from /etc/docker or /var/lib/docker is set here;
  // deprecated-key-path keeps dockerd 20.10 from writing /etc/docker/key.json.
  const configFile = join(root, 'daemon.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      'deprecated-key-path': join(root, 'key.json'),
      ...(options.insecureRegistries?.length ? { 'insecure-registries': options.insecureRegistries } : {}),
    }),
  );

  let running: RunningProcess;
  try {
    running = await startProcess(
      dockerd,
      [
        '--config-file', configFile,
        '--data-root', join(root, 'data'),
        '--exec-root', join(root, 'exec'),
        '--pidfile', join(root, 'docker.pid'),
        '--host', host,
        '--storage-driver=vfs',
        '--iptables=false',
        '--ip6tables=false',
        '--bridge=none',
      ],
      { name: 'dockerd', ready: /API listen on/, timeoutMs: options.timeoutMs ?? 60_000, env: { ...process.env } },
    );
  } catch (error) {
    unregister();
    remove();
    throw error;
  }

  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: host, DOCKER_CONFIG: clientConfig };
  for (const inherited of ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_TLS']) {
    delete env[inherited];
  }
  const docker = (args: readonly string[], call: DockerCallOptions = {}): Promise<{ stdout: string; stderr: string }> =>
    new Promise((resolve, reject) => {
      const child = execFile(
        cli,
        [...args],
        { env: { ...env, ...call.env }, cwd: call.cwd, timeout: call.timeoutMs ?? 120_000, maxBuffer: 32 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error) {
            reject(new Error(`docker ${args.join(' ')} failed (${error.code ?? error.signal ?? 'error'}): ${stderr.trim() || stdout.trim() || error.message}`));
          } else {
            resolve({ stdout, stderr });
          }
        },
      );
      child.stdin?.end(call.input ?? '');
    });

  const stop = async (): Promise<void> => {
    await running.stop();
    unregister();
    remove();
  };

  // "API listen on" comes before the daemon has finished starting; the CLI answering is the real sign.
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    try {
      await docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 10_000 });
      break;
    } catch (error) {
      if (Date.now() > deadline || running.child.exitCode !== null) {
        const output = running.output();
        await stop();
        throw new Error(`dockerd did not answer "docker version": ${error instanceof Error ? error.message : String(error)}\nIts output:\n${output.slice(-4000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return { host, root, env, docker, output: () => running.output(), stop };
}
