// `npm run test:integration`: runs the mocha suite of test/integration INSIDE VS Code's Node
// extension host, in the VS Code 1.100 that code-server serves, driven by Debian's Chromium.
// Everything it starts it stops; on failure it saves a screenshot of the page.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { ensureCodeServer, startCodeServer, type CodeServer } from './codeServer';
import { startEcrLocalProcess, type EcrLocalProcess } from './ecrLocalProcess';
import { addEcrLocalProfiles, TEST_ECR_ENV } from './ecrLocalProfiles';
import { createSandbox, REPO_ROOT } from './sandbox';
import { startTestDocker, type StartedTestDocker } from './testDocker';
import { BRIDGE_ENV, startUiBridge, type UiBridge } from './uiBridge';
import { deadline, openWorkbench } from './workbench';

const SUITE_TIMEOUT_MS = Number(process.env.ECR_EXPLORER_SUITE_TIMEOUT_MS ?? 10 * 60_000);
const RESULTS_DIR = join(REPO_ROOT, 'test-results');
const SCREENSHOT_DIR = join(RESULTS_DIR, 'screenshots');
/** Screenshots the README shows, refreshed by `ECR_EXPLORER_UPDATE_SCREENSHOTS=1 npm run test:integration`. */
const README_SCREENSHOTS = ['welcome.png', 'profiles.png', 'lint-problems.png', 'explorer-images.png', 'find-repository.png', 'scan-problems.png'];
/** The explorer's tests page through more repositories than fit in one DescribeRepositories answer. */
const BULK_REPOSITORIES = 1_500;
/** The demo seed's main region, where the bulk repositories go too. */
const TEST_REGION = 'eu-west-1';

async function main(): Promise<number> {
  const bundle = join(REPO_ROOT, 'dist', 'extension.js');
  if (!existsSync(bundle)) {
    throw new Error(`${bundle} is missing: run "npm run build" first.`);
  }
  const sandbox = createSandbox();
  let ecrLocal: EcrLocalProcess | undefined;
  let docker: StartedTestDocker | undefined;
  let bridge: UiBridge | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    // ecr-local (demo images + bulk repositories) and the private dockerd the push tests use
    // start while code-server is checked or installed.
    const dockerStarting = startTestDocker(sandbox.root);
    const ecrLocalStarting = startEcrLocalProcess({ dataDir: join(sandbox.root, 'ecr-local'), seedDemo: true, repositories: BULK_REPOSITORIES, repositoriesRegion: TEST_REGION, faults: '' });
    // Whatever else fails, what did start is stopped in finally.
    const [packageRoot, startedEcrLocal, startedDocker] = await Promise.allSettled([ensureCodeServer(), ecrLocalStarting, dockerStarting]);
    ecrLocal = startedEcrLocal.status === 'fulfilled' ? startedEcrLocal.value : undefined;
    docker = startedDocker.status === 'fulfilled' ? startedDocker.value : undefined;
    for (const started of [packageRoot, startedEcrLocal, startedDocker]) {
      if (started.status === 'rejected') {
        throw started.reason;
      }
    }
    if (packageRoot.status !== 'fulfilled' || !ecrLocal || !docker) {
      throw new Error('unreachable: every start was checked above');
    }
    if (!docker.environment.ok) {
      process.stderr.write(`No private dockerd for the push tests (they will fail with this reason): ${docker.environment.error}\n`);
    }
    const testEcr = addEcrLocalProfiles(sandbox, ecrLocal.url, TEST_REGION, BULK_REPOSITORIES);
    bridge = await startUiBridge(SCREENSHOT_DIR, (text) => process.stdout.write(text));
    server = await startCodeServer({
      packageRoot: packageRoot.value,
      userDataDir: sandbox.userDataDir,
      extensionsDir: sandbox.extensionsDir,
      folder: sandbox.workspace,
      env: {
        ...withoutDockerContext(process.env),
        // The push tests' engine, sandbox DOCKER_CONFIG and the classic builder.
        ...docker.env,
        [BRIDGE_ENV]: bridge.url,
        [TEST_ECR_ENV]: JSON.stringify(testEcr),
        // The SDK's assume-role provider reads endpoint_url only from AWS_PROFILE's profile, never
        // from the profile it assumes for (test/ecr-local/sts.test.ts), so STS is pointed by env.
        AWS_ENDPOINT_URL_STS: ecrLocal.url,
        AWS_CONFIG_FILE: sandbox.awsConfigFile,
        AWS_SHARED_CREDENTIALS_FILE: sandbox.awsCredentialsFile,
        AWS_PROFILE: '',
      },
    });
    browser = await launchChromium();
    const run = await openWorkbench(browser, {
      codeServerUrl: server.url,
      folder: sandbox.workspace,
      extensionPath: REPO_ROOT,
      testsPath: join(REPO_ROOT, 'out', 'test', 'integration', 'index'),
      onLog: (level, message) => {
        if (level === 'error' && process.env.ECR_EXPLORER_VERBOSE) {
          process.stderr.write(`[workbench] ${message}\n`);
        }
      },
    });
    bridge.page = run.page;
    const timeout = deadline(SUITE_TIMEOUT_MS, `The suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s.`);
    try {
      const code = await Promise.race([run.exitCode, timeout.promise]);
      if (code !== 0) {
        await saveFailureScreenshot(run.page);
      } else if (process.env.ECR_EXPLORER_UPDATE_SCREENSHOTS) {
        updateReadmeScreenshots();
      }
      return code;
    } catch (error) {
      await saveFailureScreenshot(run.page);
      throw error;
    } finally {
      timeout.cancel();
    }
  } finally {
    await browser?.close();
    await server?.stop();
    await bridge?.close();
    await ecrLocal?.process.stop();
    await docker?.dockerd?.stop();
    sandbox.dispose();
  }
}

/** The developer's docker context or TLS settings would point the CLI away from the private engine. */
function withoutDockerContext(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_TLS']) {
    delete copy[name];
  }
  return copy;
}

async function saveFailureScreenshot(page: import('playwright-core').Page): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, 'integration-failure.png');
  await page.screenshot({ path }).catch(() => undefined);
  process.stderr.write(`Screenshot of the workbench saved to ${path}\n`);
}

function updateReadmeScreenshots(): void {
  const target = join(REPO_ROOT, 'docs', 'images');
  mkdirSync(target, { recursive: true });
  for (const name of README_SCREENSHOTS) {
    copyFileSync(join(SCREENSHOT_DIR, name), join(target, name));
    process.stdout.write(`Updated docs/images/${name}\n`);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`test:integration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
