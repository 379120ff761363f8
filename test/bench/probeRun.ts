// One run of a benchmark probe: a fresh page load (so a fresh extension host) whose tests path is
// the probe module, which reports one line through the UI bridge; returns that line's capture.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../harness/sandbox';
import { deadline, openWorkbench } from '../harness/workbench';

export interface ProbeHost {
  readonly browser: Browser;
  readonly codeServerUrl: string;
  readonly workspace: string;
  /** What the bridge logged since the last reset. */
  logged(): string;
  resetLog(): void;
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
