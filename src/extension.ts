import * as vscode from 'vscode';
import { registerLintingLazily } from './views/lint/lazyLinting';
import { getLog } from './views/log';
import { errorMessage, notify } from './views/notify';
import { chooseProfiles } from './views/profileCommands';
import { registerExplorer, VIEW_ID } from './views/explorer/registerExplorer';
import type { ExplorerNode } from './views/explorer/explorerNodes';
import type { ExplorerTree } from './views/explorer/explorerTree';
import { replacePrompts } from './views/explorer/prompts';
import { registerPushAndScanLazily, type PushAndScanApi } from './views/pushAndScanLazily';
import { SETTINGS_SECTION } from './views/settings';

export { VIEW_ID };
/** View and command ids, shared with package.json. */
export const COMMANDS = {
  chooseProfiles: 'ecrExplorer.chooseProfiles',
  refresh: 'ecrExplorer.refresh',
  openSettings: 'ecrExplorer.openSettings',
  showLog: 'ecrExplorer.showLog',
} as const;

/** What activate() hands to the integration tests and benchmarks. */
export interface ExtensionApi {
  readonly explorer: {
    readonly tree: ExplorerTree;
    readonly treeView: vscode.TreeView<ExplorerNode>;
    readonly replacePrompts: typeof replacePrompts;
    /** The status bar item's text; undefined while it is hidden. */
    statusBarText(): string | undefined;
  };
  /** Push Image… and Build and Push…: their progress reports, each with a cancel(). */
  readonly push: PushAndScanApi;
}

// Activation registers providers and commands only: no network, no file scans, so that
// opening the view is instant. Work starts when the tree asks for its children.
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = Date.now();
  const log = getLog();
  const explorer = registerExplorer(context, log);

  context.subscriptions.push(
    log,
    vscode.commands.registerCommand(COMMANDS.chooseProfiles, () => reportErrors(chooseProfiles)),
    vscode.commands.registerCommand(COMMANDS.refresh, () => {
      explorer.connections.forget();
      explorer.tree.refresh();
    }),
    vscode.commands.registerCommand(COMMANDS.openSettings, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${context.extension.id}`),
    ),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
  );
  registerLintingLazily(context);
  // Push and scan findings (diagnostics, findings view, FROM CodeLens) load on first use.
  const push = registerPushAndScanLazily(context, explorer, log);
  log.info(`Activated in ${Date.now() - started} ms (settings section "${SETTINGS_SECTION}")`);
  return {
    explorer: {
      tree: explorer.tree,
      treeView: explorer.treeView,
      replacePrompts,
      statusBarText: () => explorer.statusBar.text,
    },
    push,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/** Commands report failures as a message with a way to the log, never as an unhandled rejection. */
async function reportErrors(command: () => Promise<void>): Promise<void> {
  try {
    await command();
  } catch (error) {
    const message = errorMessage(error);
    getLog().error(message);
    notify(getLog(), 'error', message);
  }
}
