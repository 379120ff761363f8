// The container-CLI driver: lists and inspects local images, tags, logs in to a registry in a
// throw-away config, pushes and builds, through docker or podman, reporting plain events parsed
// from their output. Every failure is a CliError with a kind and a message a user can act on.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildProgressParser } from './buildProgress';
import { CliError, redact } from './cliError';
import { classifyCliFailure, type CliOperation } from './classifyFailure';
import { createLoginSession, removeLoginSession, type LoginSession } from './loginConfig';
import type { BuildEvent, LocalImage, PushEvent } from './model';
import { PushProgressParser, type PushSummary } from './pushProgress';
import type { ContainerCli } from './resolveCli';
import { runProcess, type RunResult, type Spawner } from './runProcess';

export interface RegistryLogin {
  /** host[:port], e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com */
  readonly registryHost: string;
  readonly username: string;
  readonly password: string;
}

export interface ImageDetails {
  readonly id: string;
  readonly references: string[];
  readonly repoDigests: string[];
  readonly sizeBytes?: number;
  readonly labels: Record<string, string>;
}

export interface BuildOptions {
  readonly dockerfile: string;
  readonly context: string;
  readonly tags: string[];
  /** Values may be secrets: they go to the CLI through its environment, never argv or the log. */
  readonly buildArgs?: Record<string, string>;
  readonly platform?: string;
}

export interface PushResult {
  readonly digest: string;
  readonly tag?: string;
  readonly layers: PushSummary;
}

export interface DriverOptions {
  /** The environment of every call (process.env): DOCKER_HOST, DOCKER_CONTEXT, CONTAINER_HOST apply as in a terminal. */
  readonly env?: NodeJS.ProcessEnv;
  /** Each command and output line, secrets redacted; for a log channel. */
  readonly log?: (line: string) => void;
  /** For tests: how processes are started. */
  readonly spawn?: Spawner;
  /** Milliseconds from SIGINT to SIGKILL on cancel (5 s). */
  readonly killAfterMs?: number;
}

// Names the CLI itself reads from its environment: a build arg of that name cannot travel there
// without changing how the CLI behaves, so it goes in argv as NAME=value (still kept out of the log).
const CLI_ENVIRONMENT = /^(?:PATH|HOME|USERPROFILE|TMPDIR|TEMP|TMP|XDG_\w+|DOCKER_\w+|CONTAINER_\w+|CONTAINERS_\w+|BUILDKIT_\w+|BUILDX_\w+|REGISTRY_AUTH_FILE|\w+_PROXY|\w+_proxy|SSL_CERT_\w+|LANG|LC_\w+)$/;

const HUMAN_SIZE = /^([\d.]+)\s*([kKMGT]?i?)B$/;
const SIZE_FACTOR: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };

function parseHumanSize(text: string | undefined): number | undefined {
  const match = text ? HUMAN_SIZE.exec(text.trim()) : null;
  const factor = match ? SIZE_FACTOR[match[2] ?? ''] : undefined;
  return match && factor !== undefined ? Math.round(Number(match[1]) * factor) : undefined;
}

function withSha256(id: string): string {
  return id.startsWith('sha256:') ? id : `sha256:${id}`;
}

export class ContainerCliDriver {
  private readonly env: NodeJS.ProcessEnv;
  private readonly secrets: string[] = [];

  constructor(
    readonly cli: ContainerCli,
    private readonly options: DriverOptions = {},
  ) {
    this.env = options.env ?? process.env;
  }

  private get engine(): 'docker' | 'podman' {
    return this.cli.engine;
  }

  private log(line: string): void {
    this.options.log?.(redact(line, this.secrets));
  }

  /** Runs the CLI, logging the command (argv only: secrets never are there) and its output lines. */
  private async run(
    operation: CliOperation,
    args: readonly string[],
    call: { env?: NodeJS.ProcessEnv; input?: string; signal?: AbortSignal; onLine?: (line: string) => void; keepStdout?: boolean; quiet?: boolean; what?: string } = {},
  ): Promise<RunResult> {
    this.log(`$ ${this.engine} ${args.join(' ')}`);
    const result = await runProcess({
      file: this.cli.path,
      args,
      env: call.env ?? this.env,
      input: call.input,
      signal: call.signal,
      spawn: this.options.spawn,
      killAfterMs: this.options.killAfterMs,
      keepStdout: call.keepStdout,
      what: call.what ?? `${this.engine} ${operation}`,
      onLine: (raw) => {
        const line = redact(raw, this.secrets);
        if (!call.quiet) {
          this.log(line);
        }
        call.onLine?.(line);
      },
    });
    return { ...result, stdout: redact(result.stdout, this.secrets), tail: redact(result.tail, this.secrets) };
  }

  private fail(operation: CliOperation, result: RunResult): CliError {
    return new CliError(classifyCliFailure(result.tail, result.exitCode, this.engine, operation));
  }

  async listImages(signal?: AbortSignal): Promise<LocalImage[]> {
    if (this.engine === 'podman') {
      const result = await this.run('list', ['images', '--format', 'json'], { signal, keepStdout: true, quiet: true });
      if (result.exitCode !== 0) {
        throw this.fail('list', result);
      }
      const rows = JSON.parse(result.stdout || '[]') as Array<{ Id?: string; Names?: string[]; Size?: number; Created?: number }>;
      return rows
        .filter((row) => typeof row.Id === 'string')
        .map((row) => ({
          id: withSha256(row.Id ?? ''),
          references: (row.Names ?? []).filter((name) => !name.endsWith(':<none>')),
          ...(typeof row.Size === 'number' ? { sizeBytes: row.Size } : {}),
          ...(typeof row.Created === 'number' ? { createdAt: new Date(row.Created * 1000) } : {}),
        }));
    }
    const result = await this.run('list', ['image', 'ls', '--no-trunc', '--format', '{{json .}}'], { signal, keepStdout: true, quiet: true });
    if (result.exitCode !== 0) {
      throw this.fail('list', result);
    }
    const byId = new Map<string, { id: string; references: string[]; sizeBytes?: number; createdAt?: Date }>();
    for (const line of result.stdout.split('\n')) {
      if (line.trim() === '') {
        continue;
      }
      const row = JSON.parse(line) as { ID?: string; Repository?: string; Tag?: string; Size?: string; CreatedAt?: string };
      if (!row.ID) {
        continue;
      }
      const id = withSha256(row.ID);
      const image = byId.get(id) ?? { id, references: [] };
      if (row.Repository && row.Repository !== '<none>' && row.Tag && row.Tag !== '<none>') {
        image.references.push(`${row.Repository}:${row.Tag}`);
      }
      image.sizeBytes ??= parseHumanSize(row.Size);
      // "2024-05-01 12:00:00 +0000 UTC": the zone name after the offset is redundant for Date.
      const created = row.CreatedAt ? new Date(row.CreatedAt.replace(/^(\S+) (\S+) ([+-]\d{2})(\d{2}).*$/, '$1T$2$3:$4')) : undefined;
      if (created && !Number.isNaN(created.getTime())) {
        image.createdAt ??= created;
      }
      byId.set(id, image);
    }
    return [...byId.values()];
  }

  async inspectImage(reference: string, signal?: AbortSignal): Promise<ImageDetails | undefined> {
    const result = await this.run('inspect', ['image', 'inspect', reference], { signal, keepStdout: true, quiet: true });
    if (result.exitCode !== 0) {
      const failure = classifyCliFailure(result.tail, result.exitCode, this.engine, 'inspect');
      if (failure.kind === 'image-not-found' || /no such object|not found|not known/i.test(result.tail)) {
        return undefined;
      }
      throw new CliError(failure);
    }
    const [image] = JSON.parse(result.stdout || '[]') as Array<{
      Id?: string;
      RepoTags?: string[] | null;
      RepoDigests?: string[] | null;
      Size?: number;
      Config?: { Labels?: Record<string, string> | null };
      Labels?: Record<string, string> | null;
    }>;
    if (!image?.Id) {
      return undefined;
    }
    return {
      id: withSha256(image.Id),
      references: image.RepoTags ?? [],
      repoDigests: image.RepoDigests ?? [],
      ...(typeof image.Size === 'number' ? { sizeBytes: image.Size } : {}),
      labels: { ...(image.Config?.Labels ?? image.Labels ?? {}) },
    };
  }

  async tag(source: string, target: string, signal?: AbortSignal): Promise<void> {
    const result = await this.run('tag', ['tag', source, target], { signal });
    if (result.exitCode !== 0) {
      throw this.fail('tag', result);
    }
  }

  /**
   * Logs in to `login.registryHost` in a temporary config (the password only on stdin), runs
   * `work` with the session whose env later calls use, and removes the config afterwards, also
   * when `work` fails or the signal aborts.
   */
  async withRegistryLogin<T>(login: RegistryLogin, work: (session: LoginSession) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) {
      throw new CliError({ kind: 'cancelled', message: 'The login was cancelled.' });
    }
    this.secrets.push(login.password);
    let session: LoginSession | undefined;
    try {
      session = await createLoginSession(this.engine, login.registryHost, this.env);
      const args =
        this.engine === 'podman'
          ? ['login', '--authfile', session.authFile ?? '', ...(session.insecure ? ['--tls-verify=false'] : []), '--username', login.username, '--password-stdin', login.registryHost]
          : ['login', '--username', login.username, '--password-stdin', login.registryHost];
      const result = await this.run('login', args, { env: session.env, input: login.password, signal, what: 'The login' });
      if (result.exitCode !== 0) {
        throw this.fail('login', result);
      }
      return await work(session);
    } finally {
      if (session) {
        await removeLoginSession(session.folder);
      }
      const index = this.secrets.indexOf(login.password);
      if (index >= 0) {
        this.secrets.splice(index, 1);
      }
    }
  }

  /**
   * The whole push as a user runs it: tag `source` as `reference`, log in, push. The tag is local
   * and needs no login, so it runs while the login does (one process less on the push's path).
   * `onLoggedIn` is told when both are done and the upload starts.
   */
  async tagAndPush(
    login: RegistryLogin,
    source: string,
    reference: string,
    onEvent: (event: PushEvent) => void,
    options: { readonly signal?: AbortSignal; readonly onLoggedIn?: () => void } = {},
  ): Promise<PushResult> {
    const { signal } = options;
    const tagging = this.tag(source, reference, signal);
    // Awaited inside the login; a failed login must not leave its rejection unhandled.
    tagging.catch(() => undefined);
    return this.withRegistryLogin(
      login,
      async (session) => {
        await tagging;
        options.onLoggedIn?.();
        return this.push(reference, session, onEvent, signal);
      },
      signal,
    );
  }

  async push(reference: string, session: LoginSession, onEvent: (event: PushEvent) => void, signal?: AbortSignal): Promise<PushResult> {
    const parser = new PushProgressParser(this.engine);
    const emit = (event: PushEvent): void => {
      try {
        onEvent(event);
      } catch {
        // The listener's problem; the push goes on and its outcome is still reported.
      }
    };
    const onLine = (line: string): void => parser.feed(line).forEach(emit);
    if (this.engine === 'podman') {
      const digestFile = join(session.folder, `digest-${Date.now()}-${Math.random().toString(36).slice(2)}`);
      const args = ['push', '--authfile', session.authFile ?? '', ...(session.insecure ? ['--tls-verify=false'] : []), '--digestfile', digestFile, reference];
      const result = await this.run('push', args, { env: session.env, signal, onLine, what: 'The push' });
      if (result.exitCode !== 0) {
        throw this.fail('push', result);
      }
      const digest = (await readFile(digestFile, 'utf8').catch(() => '')).trim();
      if (!/^sha256:[0-9a-f]{64}$/.test(digest)) {
        throw new CliError({ kind: 'unknown', message: 'podman push finished but wrote no image digest. See the log for its output.' });
      }
      const tag = tagOf(reference);
      emit({ kind: 'pushed', digest, ...(tag ? { tag } : {}) });
      return { digest, ...(tag ? { tag } : {}), layers: parser.summary() };
    }
    const result = await this.run('push', ['push', reference], { env: session.env, signal, onLine, what: 'The push' });
    if (result.exitCode !== 0) {
      throw this.fail('push', result);
    }
    const pushed = parser.pushed;
    if (!pushed) {
      throw new CliError({ kind: 'unknown', message: 'docker push finished but printed no image digest. See the log for its output.' });
    }
    return { digest: pushed.digest, tag: pushed.tag, layers: parser.summary() };
  }

  async build(options: BuildOptions, onEvent: (event: BuildEvent) => void, signal?: AbortSignal): Promise<{ imageId: string }> {
    const folder = await mkdtemp(join(tmpdir(), 'ecrx-build-'));
    const iidFile = join(folder, 'iid');
    const buildArgValues = Object.values(options.buildArgs ?? {});
    this.secrets.push(...buildArgValues);
    try {
      const env: NodeJS.ProcessEnv = { ...this.env, BUILDKIT_PROGRESS: 'plain' };
      const buildArgs: string[] = [];
      for (const [name, value] of Object.entries(options.buildArgs ?? {})) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
          throw new CliError({ kind: 'build-failed', message: `The build argument name '${name}' is not valid: use letters, digits and underscores.` });
        }
        if (CLI_ENVIRONMENT.test(name)) {
          buildArgs.push('--build-arg', `${name}=${value}`);
        } else {
          // `--build-arg NAME` takes the value from the CLI's environment (docker and podman).
          env[name] = value;
          buildArgs.push('--build-arg', name);
        }
      }
      const args = [
        'build',
        '-f',
        options.dockerfile,
        ...options.tags.flatMap((tag) => ['-t', tag]),
        '--iidfile',
        iidFile,
        ...buildArgs,
        ...(options.platform ? ['--platform', options.platform] : []),
        options.context,
      ];
      const parser = new BuildProgressParser(this.engine);
      const onLine = (line: string): void =>
        parser.feed(line).forEach((event) => {
          try {
            onEvent(event);
          } catch {
            // The listener's problem, not the build's.
          }
        });
      const result = await this.run('build', args, { env, signal, onLine, what: 'The build' });
      if (result.exitCode !== 0) {
        throw this.fail('build', result);
      }
      const imageId = (await readFile(iidFile, 'utf8').catch(() => '')).trim();
      if (!/^sha256:[0-9a-f]{64}$/.test(withSha256(imageId))) {
        throw new CliError({ kind: 'build-failed', message: `${this.engine} build finished but wrote no image id. See the log for its output.` });
      }
      try {
        onEvent({ kind: 'built', imageId: withSha256(imageId) });
      } catch {
        // As above: the build itself succeeded.
      }
      return { imageId: withSha256(imageId) };
    } finally {
      for (const value of buildArgValues) {
        const index = this.secrets.indexOf(value);
        if (index >= 0) {
          this.secrets.splice(index, 1);
        }
      }
      await rm(folder, { recursive: true, force: true });
    }
  }
}

/** The tag of `host/repo:tag` (not of a digest reference, not a port). */
export function tagOf(reference: string): string | undefined {
  if (reference.includes('@')) {
    return undefined;
  }
  const lastSlash = reference.lastIndexOf('/');
  const colon = reference.indexOf(':', lastSlash + 1);
  return colon >= 0 ? reference.slice(colon + 1) : undefined;
}
