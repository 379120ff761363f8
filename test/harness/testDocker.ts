// The Docker engine the integration run gives VS Code: a private dockerd (dockerd.ts) and a
// sandbox DOCKER_CONFIG holding a config.json written here, so that a test can check that a push
// left the user's docker config byte-for-byte as it was. The in-host tests read where everything
// is from ECR_EXPLORER_TEST_DOCKER; when the engine could not start, that variable carries the
// reason instead, and the tests that need Docker fail with it (the others still run).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDockerd, type PrivateDockerd } from './dockerd';

export const TEST_DOCKER_ENV = 'ECR_EXPLORER_TEST_DOCKER';

export type TestDockerEnvironment =
  | {
      readonly ok: true;
      /** unix:///…/docker.sock of the private engine. */
      readonly host: string;
      /** The DOCKER_CONFIG folder VS Code (and so the extension) sees. */
      readonly configDir: string;
      /** The exact text of its config.json, as written before VS Code started. */
      readonly configText: string;
    }
  | { readonly ok: false; readonly error: string };

/** A config.json a user could have: an unrelated registry's login and client preferences. */
const USER_CONFIG = `${JSON.stringify(
  {
    auths: { 'registry.example.com': { auth: Buffer.from('someone:not-a-real-password').toString('base64') } },
    detachKeys: 'ctrl-e,e',
    psFormat: 'table {{.ID}}\\t{{.Names}}',
  },
  null,
  '\t',
)}\n`;

export interface StartedTestDocker {
  readonly environment: TestDockerEnvironment;
  /** What code-server's environment gets: DOCKER_HOST, DOCKER_CONFIG, the classic builder, and the JSON above. */
  readonly env: NodeJS.ProcessEnv;
  readonly dockerd?: PrivateDockerd;
}

export async function startTestDocker(sandboxRoot: string): Promise<StartedTestDocker> {
  let dockerd: PrivateDockerd;
  try {
    dockerd = await startDockerd();
  } catch (error) {
    const environment: TestDockerEnvironment = { ok: false, error: error instanceof Error ? error.message : String(error) };
    return { environment, env: { [TEST_DOCKER_ENV]: JSON.stringify(environment) } };
  }
  const configDir = join(sandboxRoot, 'docker-config');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(join(configDir, 'config.json'), USER_CONFIG);
  const environment: TestDockerEnvironment = { ok: true, host: dockerd.host, configDir, configText: USER_CONFIG };
  return {
    environment,
    dockerd,
    env: {
      DOCKER_HOST: dockerd.host,
      DOCKER_CONFIG: configDir,
      // buildx is not on these machines: the classic builder builds FROM scratch + COPY images.
      DOCKER_BUILDKIT: '0',
      [TEST_DOCKER_ENV]: JSON.stringify(environment),
    },
  };
}
