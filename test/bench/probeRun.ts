// Benchmark probes run in a real VS Code: a UI bridge that collects what the probe reports,
// code-server serving the sandbox, and Chromium. Each run is a fresh page load (so a fresh
// extension host) whose tests path is the probe module, which reports one line through the bridge.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../harness/chromium';
import { startCodeServer } from '../harness/codeServer';
import { REPO_ROOT, type Sandbox } from '../harness/sandbox';
import { BRIDGE_ENV, startUiBridge } from '../harness/uiBridge';
import { deadline, openWorkbench } from '../harness/workbench';

export interface ProbeHost {
  readonly browser: Browser;
  readonly codeServerUrl: string;
  readonly workspace: string;
  /** What the bridge logged since the last reset. */
  logged(): string;
  resetLog(): void;
  close(): Promise<void>;
}

/** Starts the bridge, code-server (with `env` besides the bridge's) and Chromium for `sandbox`. */
export async function startProbeHost(packageRoot: string, sandbox: Sandbox, env: NodeJS.ProcessEnv = {}): Promise<ProbeHost> {
  let logged = '';
  const bridge = await startUiBridge(join(REPO_ROOT, 'test-results', 'screenshots'), (text) => {
    logged += text;
  });
  const server = await startCodeServer({
    packageRoot,
    userDataDir: sandbox.userDataDir,
    extensionsDir: sandbox.extensionsDir,
    folder: sandbox.workspace,
    env: { ...process.env, ...env, [BRIDGE_ENV]: bridge.url },
  });
  const browser = await launchChromium();
  return {
    browser,
    codeServerUrl: server.url,
    workspace: sandbox.workspace,
    logged: () => logged,
    resetLog: () => {
      logged = '';
    },
    close: async () => {
      await browser.close();
      await server.stop();
      await bridge.close();
    },
  };
}

export async function runProbe(host: ProbeHost, probe: string, run: number, timeoutMs: number, line: RegExp): Promise<string> {
  host.resetLog();
  const workbench = await openWorkbench(host.browser, {
    codeServerUrl: host.codeServerUrl,
    folder: host.workspace,
    extensionPath: REPO_ROOT,
    testsPath: join(REPO_ROOT, 'out', 'test', 'bench', probe),
  });
  const limit = deadline(timeoutMs, `Run ${run}: the workbench did not report within ${timeoutMs / 1000} s.`);
  const code = await Promise.race([workbench.exitCode, limit.promise]).finally(() => limit.cancel());
  await workbench.page.close();
  const match = line.exec(host.logged());
  if (code !== 0 || !match?.[1]) {
    throw new Error(`Run ${run} failed (exit ${code}): ${host.logged().trim() || 'no measurement'}`);
  }
  return match[1];
}
