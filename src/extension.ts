import * as vscode from 'vscode';
import { registerLintingLazily } from './views/lint/lazyLinting';
import { getLog } from './views/log';
import { chooseProfiles } from './views/profileCommands';
import { RegistryTreeProvider } from './views/registryTree';
import { affectsProfiles, SETTINGS_SECTION } from './views/settings';

/** View and command ids, shared with package.json. */
export const VIEW_ID = 'ecrExplorer.registries';
export const COMMANDS = {
  chooseProfiles: 'ecrExplorer.chooseProfiles',
  refresh: 'ecrExplorer.refresh',
  openSettings: 'ecrExplorer.openSettings',
  showLog: 'ecrExplorer.showLog',
} as const;

// Activation registers providers and commands only: no network, no file scans, so that
// opening the view is instant. Work starts when the tree asks for its children.
export function activate(context: vscode.ExtensionContext): void {
  const started = Date.now();
  const log = getLog();
  const tree = new RegistryTreeProvider();

  context.subscriptions.push(
    log,
    tree,
    vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }),
    vscode.commands.registerCommand(COMMANDS.chooseProfiles, () => reportErrors(chooseProfiles)),
    vscode.commands.registerCommand(COMMANDS.refresh, () => tree.refresh()),
    vscode.commands.registerCommand(COMMANDS.openSettings, () =>
      vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${context.extension.id}`),
    ),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsProfiles(event)) {
        tree.refresh();
      }
    }),
  );
  registerLintingLazily(context);
  log.info(`Activated in ${Date.now() - started} ms (settings section "${SETTINGS_SECTION}")`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/** Commands report failures as a message with a way to the log, never as an unhandled rejection. */
async function reportErrors(command: () => Promise<void>): Promise<void> {
  try {
    await command();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    getLog().error(message);
    const showLog = vscode.l10n.t('Show Log');
    if ((await vscode.window.showErrorMessage(message, showLog)) === showLog) {
      getLog().show();
    }
  }
}
