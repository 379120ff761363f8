// Opens VS Code's web workbench on a code-server with a test payload: the extension under
// development and the module whose run() the Node extension host executes. Resolves with the
// exit code the workbench reports through codeAutomationExit when that run() settles.
import type { Browser, Page } from 'playwright-core';

export interface WorkbenchRun {
  readonly page: Page;
  /** Resolves with 0 or 1 once the test module's run() settled. */
  readonly exitCode: Promise<number>;
}

export interface WorkbenchOptions {
  readonly codeServerUrl: string;
  readonly folder: string;
  readonly extensionPath: string;
  /** Compiled module (without .js) that exports run(): Promise<void>. */
  readonly testsPath: string;
  /** Workbench log lines (errors and warnings), for diagnosing a failed start. */
  readonly onLog?: (level: string, message: string) => void;
}

export async function openWorkbench(browser: Browser, options: WorkbenchOptions): Promise<WorkbenchRun> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const authority = new URL(options.codeServerUrl).host;
  let settle: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => {
    settle = resolve;
  });
  await page.exposeFunction('codeAutomationLog', (level: string, message: string) => options.onLog?.(level, message));
  await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${options.extensionPath}`],
    ['extensionTestsPath', `vscode-remote://${authority}${options.testsPath}`],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const url =
    `${options.codeServerUrl}/?folder=${encodeURIComponent(options.folder)}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  return { page, exitCode };
}

/** Rejects after `ms` with `message`; for bounding waits on something that may never come. */
export function deadline(ms: number, message: string): { promise: Promise<never>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}
