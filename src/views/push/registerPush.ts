// The handlers of "ECR: Push Image…" and "ECR: Build and Push…", loaded on first use by
// src/views/pushAndScanLazily.ts (which registers the commands at activation). Each resolves to a
// PushResult (pushDeps.ts); the progress tap lets the integration tests follow and cancel a push.
import * as vscode from 'vscode';
import { errorMessage, notify } from '../notify';
import { PUSH_COMMANDS, type PushCommandId } from '../commandIds';
import type { Explorer } from '../explorer/registerExplorer';
import { revealImage } from '../explorer/revealImage';
import { buildAndPush } from './buildAndPush';
import type { ProgressTap } from './progress';
import type { PushDeps, PushResult } from './pushDeps';
import { pushImage } from './pushImage';
import type { PushScanPresenter, PushServices } from './pushServices';

export type PushCommands = Record<PushCommandId, (argument?: unknown) => Promise<PushResult>>;

export function pushCommands(
  context: vscode.ExtensionContext,
  explorer: Explorer,
  log: vscode.LogOutputChannel,
  options: { readonly services: PushServices; readonly presenter?: PushScanPresenter; readonly tap: ProgressTap },
): PushCommands {
  const { tap } = options;
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
        const message = errorMessage(error);
        log.error(message);
        notify(log, 'error', message);
        return { outcome: 'failed', reason: 'unknown', message };
      }
    };
  return {
    [PUSH_COMMANDS.pushImage]: guarded((node) => pushImage(deps, node)),
    [PUSH_COMMANDS.buildAndPush]: guarded((resource) => buildAndPush(deps, resource)),
  };
}
