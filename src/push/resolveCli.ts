// Finds the container CLI the setting `ecrExplorer.containerCli` names: '' means docker on PATH,
// else podman; a bare name is looked up on PATH; an absolute path is taken as it is. The engine is
// read from `<cli> --version` ("Docker version 28.2.2, …" / "podman version 4.3.1"), which needs
// no daemon (unlike `version --format json`, which waits for one), so a stopped Docker still
// resolves and fails later with a clear 'daemon-unreachable'. podman-docker's `docker` script says
// "podman version", so it is driven as podman.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { basename, delimiter, isAbsolute, join } from 'node:path';
import { CliError } from './cliError';
import type { ContainerEngine } from './model';
import { runProcess, type Spawner } from './runProcess';

export interface ContainerCli {
  readonly engine: ContainerEngine;
  /** The absolute path of the program. */
  readonly path: string;
}

const SETTING = 'ecrExplorer.containerCli';

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      return false;
    }
    await access(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `name` on the PATH of `env` (with PATHEXT's extensions on Windows). */
export async function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const folders = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const extensions = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const folder of folders) {
    for (const extension of extensions) {
      const candidate = join(folder, name + extension);
      if (await isExecutableFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function notFound(message: string): CliError {
  return new CliError({ kind: 'cli-missing', message });
}

/** Reads the engine from `--version`; the program's name decides when the output says neither. */
export async function detectEngine(path: string, env: NodeJS.ProcessEnv, spawn?: Spawner): Promise<ContainerEngine> {
  const result = await runProcess({ file: path, args: ['--version'], env, keepStdout: true, spawn, signal: AbortSignal.timeout(15_000) }).catch((error: unknown) => {
    if (error instanceof CliError && error.failure.kind === 'cli-missing') {
      throw notFound(`${SETTING} names '${path}', which could not be run. Install Docker or Podman, or correct the setting.`);
    }
    return undefined;
  });
  const said = `${result?.stdout ?? ''}\n${result?.tail ?? ''}`;
  if (/\bpodman\b/i.test(said)) {
    return 'podman';
  }
  if (/\bdocker\b/i.test(said)) {
    return 'docker';
  }
  return /podman/i.test(basename(path)) ? 'podman' : 'docker';
}

export async function resolveContainerCli(setting: string, env: NodeJS.ProcessEnv = process.env, spawn?: Spawner): Promise<ContainerCli> {
  const wanted = setting.trim();
  let path: string | undefined;
  if (wanted === '') {
    path = (await findOnPath('docker', env)) ?? (await findOnPath('podman', env));
    if (!path) {
      throw notFound(`Neither docker nor podman was found on PATH. Install Docker or Podman, or set ${SETTING} to the program's full path.`);
    }
  } else if (isAbsolute(wanted)) {
    if (!(await isExecutableFile(wanted))) {
      throw notFound(`${SETTING} is '${wanted}', which is not an executable file. Correct the setting, or clear it to use docker or podman from PATH.`);
    }
    path = wanted;
  } else if (/[\\/]/.test(wanted)) {
    throw notFound(`${SETTING} is '${wanted}': give a program name found on PATH (docker, podman) or an absolute path.`);
  } else {
    path = await findOnPath(wanted, env);
    if (!path) {
      throw notFound(`${SETTING} is '${wanted}', which was not found on PATH. Install it, give its absolute path, or clear the setting to use docker or podman.`);
    }
  }
  return { engine: await detectEngine(path, env, spawn), path };
}
