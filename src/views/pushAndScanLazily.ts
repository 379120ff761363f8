// Push and the scan views (the container-CLI driver, the finding-to-line mapper, the findings
// view, the FROM CodeLens) are loaded on first use, like the linter: activation only registers
// their commands. The scan views load with the first Dockerfile (for the CodeLens, hover and the
// diagnostics of a remembered image), the first scan command, Start Scan or a push; push loads
// with its commands. esbuild keeps a dynamically imported module's initialisation lazy.
import * as vscode from 'vscode';
import type { Explorer } from './explorer/registerExplorer';
import { whenDockerfileOpens } from './dockerfileDocuments';
import { ProgressTap } from './push/progress';
import { PUSH_COMMANDS, SCAN_COMMANDS } from './commandIds';
import { setScanPresenterLoader } from './scan/activePresenter';
import type { ScanViews } from './scan/registerScanViews';
import type { PushCommands } from './push/registerPush';

export interface PushAndScanApi {
  /** Every progress report of a build, push or scan wait, with a cancel() (for the integration tests). */
  readonly onDidReportProgress: ProgressTap['onDidReport'];
}

export function registerPushAndScanLazily(context: vscode.ExtensionContext, explorer: Explorer, log: vscode.LogOutputChannel): PushAndScanApi {
  const tap = new ProgressTap();
  let scan: Promise<ScanViews> | undefined;
  const loadScan = (): Promise<ScanViews> =>
    (scan ??= import('./scan/registerScanViews').then(({ registerScanViews }) => registerScanViews(context, { connections: explorer.connections, log })));
  let push: Promise<PushCommands> | undefined;
  const loadPush = (): Promise<PushCommands> =>
    (push ??= Promise.all([loadScan(), import('./push/registerPush'), import('./push/defaultPushServices')]).then(([views, { pushCommands }, { defaultPushServices }]) =>
      pushCommands(context, explorer, log, { services: defaultPushServices, presenter: views.presenter, tap }),
    ));

  setScanPresenterLoader(async () => (await loadScan()).presenter);
  whenDockerfileOpens(context, () => void loadScan());
  context.subscriptions.push(
    tap,
    { dispose: () => setScanPresenterLoader(undefined) },
    ...Object.values(SCAN_COMMANDS).map((id) => vscode.commands.registerCommand(id, async (...args: unknown[]) => (await loadScan()).commands[id](...args))),
    ...Object.values(PUSH_COMMANDS).map((id) => vscode.commands.registerCommand(id, async (argument?: unknown) => (await loadPush())[id](argument))),
  );
  return { onDidReportProgress: tap.onDidReport };
}
