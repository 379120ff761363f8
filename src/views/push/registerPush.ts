// Registers "ECR: Push Image…" and "ECR: Build and Push…". Each command resolves to a PushResult
// (pushDeps.ts); the progress tap lets the integration tests follow and cancel a push.
import * as vscode from 'vscode';
import type { Explorer } from '../explorer/registerExplorer';
import { revealImage } from '../explorer/revealImage';
import { buildAndPush } from './buildAndPush';
import { ProgressTap } from './progress';
import type { PushDeps, PushResult } from './pushDeps';
import { pushImage } from './pushImage';
import type { PushScanPresenter, PushServices } from './pushServices';

export interface PushRegistration {
  /** Every progress report of a build, push or scan wait, with a cancel(). */
  readonly onDidReportProgress: ProgressTap['onDidReport'];
}

export function registerPush(
  context: vscode.ExtensionContext,
  explorer: Explorer,
  log: vscode.LogOutputChannel,
  options: { readonly services: PushServices; readonly presenter?: PushScanPresenter },
): PushRegistration {
  const tap = new ProgressTap();
  const deps: PushDeps = {
    services: options.services,
    ecr: (connection) => explorer.connections.ecr(connection),
    tree: explorer.tree,
    revealImage: (connection, repositoryName, digest) => revealImage(explorer.tree, explorer.treeView, connection, repositoryName, digest),
    pickRepository: (title) => explorer.pickRepository(title),
    pickRegion: (title) => explorer.pickRegion(title),
    presenter: options.presenter,
    log,
    workspaceState: context.workspaceState,
    tap,
  };
  /** Nothing throws out of a command: an unexpected error is said with the log. */
  const guarded =
    (command: (argument?: unknown) => Promise<PushResult>) =>
    async (argument?: unknown): Promise<PushResult> => {
      try {
        return await command(argument);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error(message);
        const showLog = vscode.l10n.t('Show Log');
        void vscode.window.showErrorMessage(message, showLog).then((answer) => (answer === showLog ? log.show() : undefined));
        return { outcome: 'failed', reason: 'unknown', message };
      }
    };
  context.subscriptions.push(
    tap,
    vscode.commands.registerCommand('ecrExplorer.pushImage', guarded((node) => pushImage(deps, node))),
    vscode.commands.registerCommand('ecrExplorer.buildAndPush', guarded((resource) => buildAndPush(deps, resource))),
  );
  return { onDidReportProgress: tap.onDidReport };
}
