// The temporary client configuration one registry login lives in, so that the token never reaches
// the user's docker config or keychain and is gone when the push is over.
//   docker: a 0700 folder used as DOCKER_CONFIG. Its config.json keeps the user's currentContext,
//     and `contexts` links to the user's contexts folder, so the same engine is used as in a
//     terminal. It sets no credsStore/credHelpers, and it already holds an `auths` entry: docker
//     only looks for a platform credential helper (pass, secretservice, osxkeychain, wincred)
//     when a config has no auths at all, and would then store the token there.
//   podman: the same folder holds REGISTRY_AUTH_FILE (auth.json), passed as --authfile too.
import { mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerEngine } from './model';

export interface LoginSession {
  readonly engine: ContainerEngine;
  readonly registryHost: string;
  /** The environment for every CLI call that uses this login (DOCKER_CONFIG or REGISTRY_AUTH_FILE set). */
  readonly env: NodeJS.ProcessEnv;
  /** The temporary folder; removed when the session ends. */
  readonly folder: string;
  /** podman's auth file (also in env as REGISTRY_AUTH_FILE). */
  readonly authFile?: string;
  /** podman only: the registry is loopback HTTP (ecr-local), so TLS is not verified, as docker does for 127.0.0.0/8. */
  readonly insecure: boolean;
}

/** docker's own rule: 127.0.0.0/8 and localhost may be plain HTTP without configuration. */
export function isLoopbackRegistry(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/** The folder docker reads its client config from, as the docker CLI finds it. */
export function userDockerConfigFolder(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || join(env.HOME || env.USERPROFILE || homedir(), '.docker');
}

async function userCurrentContext(folder: string): Promise<string | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(folder, 'config.json'), 'utf8')) as { currentContext?: unknown };
    return typeof parsed.currentContext === 'string' && parsed.currentContext !== '' ? parsed.currentContext : undefined;
  } catch {
    // No config or a broken one: docker itself would then use the default context.
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function createLoginSession(engine: ContainerEngine, registryHost: string, baseEnv: NodeJS.ProcessEnv): Promise<LoginSession> {
  // mkdtemp creates the folder 0700: only this user can read the token while it exists.
  const folder = await mkdtemp(join(tmpdir(), 'ecrx-login-'));
  try {
    const insecure = isLoopbackRegistry(registryHost);
    if (engine === 'podman') {
      const authFile = join(folder, 'auth.json');
      await writeFile(authFile, '{"auths":{}}\n', { mode: 0o600 });
      return { engine, registryHost, folder, authFile, insecure, env: { ...baseEnv, REGISTRY_AUTH_FILE: authFile } };
    }
    const userFolder = userDockerConfigFolder(baseEnv);
    const currentContext = await userCurrentContext(userFolder);
    const config = { auths: { [registryHost]: {} }, ...(currentContext ? { currentContext } : {}) };
    await writeFile(join(folder, 'config.json'), `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    if (await exists(join(userFolder, 'contexts'))) {
      await symlink(join(userFolder, 'contexts'), join(folder, 'contexts'), 'dir');
    }
    return { engine, registryHost, folder, insecure, env: { ...baseEnv, DOCKER_CONFIG: folder } };
  } catch (error) {
    await removeLoginSession(folder);
    throw error;
  }
}

/** Removes the folder (the symlink only, never the user's contexts it points to). */
export async function removeLoginSession(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true, maxRetries: 3 });
}
