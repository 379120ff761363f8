// Wires the ECR view: the tree, its TreeView, the status bar, the commands the tree serves
// (navigation, paging, filter, find, problems, storage) and the actions (actions/).
import * as vscode from 'vscode';
import { ENVIRONMENT_PROFILE } from '../../ecr/model';
import { errorMessage, notify } from '../notify';
import { chooseRegions } from '../profileCommands';
import { registerExplorerActions } from './actions/registerActions';
import { affectsConnections, affectsDrawing, repositoryLayout, setRepositoryLayout } from '../settings';
import { pickRegion } from './chosenConnections';
import { ExplorerConnections } from './connections';
import { estimateStorage } from './estimateStorage';
import type { ExplorerNode, LoadMoreNode, ProblemNode, ProfileNode } from './explorerNodes';
import { ExplorerTree } from './explorerTree';
import { findRepository, pickRepository } from './findRepository';
import type { RegionNodeData, RepositoryNodeData } from './nodeTypes';
import { prompts } from './prompts';
import { persistRepositoryIndexes } from './repositoryIndexes';
import { ExplorerStatusBar } from './statusBar';

export const VIEW_ID = 'ecrExplorer.registries';

export interface Explorer {
  readonly tree: ExplorerTree;
  readonly treeView: vscode.TreeView<ExplorerNode>;
  readonly connections: ExplorerConnections;
  readonly statusBar: ExplorerStatusBar;
  pickRepository(title: string): Promise<RepositoryNodeData | undefined>;
  pickRegion(title: string): Promise<RegionNodeData | undefined>;
}

export function registerExplorer(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Explorer {
  const connections = new ExplorerConnections(log);
  // Find Repository answers at once in a new session too, from the names the last one read.
  persistRepositoryIndexes(connections, context.globalStorageUri.fsPath, (message) => log.warn(message));
  const tree = new ExplorerTree(connections, log);
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const statusBar = new ExplorerStatusBar();
  void statusBar.update();
  void syncLayoutContext();

  const showFilter = (text: string): void => {
    void vscode.commands.executeCommand('setContext', 'ecrExplorer.filtered', text !== '');
    treeView.description = text ? vscode.l10n.t('Filter: {0}', text) : undefined;
    treeView.message = text
      ? vscode.l10n.t('Showing only repositories whose name contains "{0}". Clear the filter from the view title to see all.', text)
      : undefined;
  };

  const reveal = async (found: RepositoryNodeData): Promise<void> => {
    tree.setFilter(found.repository.name);
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    const node = await tree.findRepositoryNode(found.connection, found.repository.name);
    if (!node) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('{0} is not in the ECR view: its profile and region must be among the chosen ones.', found.repository.name),
      );
      return;
    }
    await treeView.reveal(node, { select: true, focus: true, expand: false });
  };

  const run =
    <A extends unknown[]>(command: (...args: A) => unknown) =>
    async (...args: A): Promise<void> => {
      try {
        await command(...args);
      } catch (error) {
        const message = errorMessage(error);
        log.error(message);
        notify(log, 'error', message);
      }
    };

  context.subscriptions.push(
    connections,
    tree,
    treeView,
    statusBar,
    tree.onDidChangeFilter(showFilter),
    vscode.commands.registerCommand(
      'ecrExplorer.chooseRegions',
      run((node?: ProfileNode) => chooseRegions(node?.kind === 'profile' ? node.profile : undefined)),
    ),
    vscode.commands.registerCommand(
      'ecrExplorer.filter',
      run(async () => {
        const text = await prompts().inputBox({
          title: vscode.l10n.t('Filter Repositories'),
          prompt: vscode.l10n.t('Show only repositories whose name contains every word typed (case-insensitive)'),
          value: tree.filter,
          placeHolder: 'team-a api',
        });
        if (text !== undefined) {
          tree.setFilter(text);
        }
      }),
    ),
    vscode.commands.registerCommand('ecrExplorer.clearFilter', () => tree.setFilter('')),
    vscode.commands.registerCommand('ecrExplorer.findRepository', run(() => findRepository(connections, reveal))),
    vscode.commands.registerCommand('ecrExplorer.showFlat', run(() => setRepositoryLayout('flat'))),
    vscode.commands.registerCommand('ecrExplorer.showNested', run(() => setRepositoryLayout('nested'))),
    vscode.commands.registerCommand('ecrExplorer.loadMore', run((node: LoadMoreNode) => tree.loadMore(node))),
    vscode.commands.registerCommand('ecrExplorer.retry', (node?: ProblemNode) => (node?.kind === 'problem' ? tree.retry(node) : tree.refresh())),
    vscode.commands.registerCommand('ecrExplorer.signIn', run((node: ProblemNode) => signIn(node, connections, tree, log))),
    vscode.commands.registerCommand('ecrExplorer.enterMfaCode', (node?: ProblemNode) => {
      const profile = node?.connection.profile;
      connections.forget(profile);
      if (profile === undefined) {
        tree.refresh();
      } else {
        tree.refreshProfile(profile);
      }
    }),
    vscode.commands.registerCommand('ecrExplorer.refreshNode', (node?: ExplorerNode) => {
      if (node?.kind === 'region' || node?.kind === 'repository') {
        tree.refresh(node);
      } else if (node?.kind === 'namespace') {
        tree.refresh(node.region);
      } else {
        tree.refresh();
      }
    }),
    vscode.commands.registerCommand(
      'ecrExplorer.estimateStorage',
      run(async (node?: ExplorerNode) => {
        const target =
          node?.kind === 'region' || node?.kind === 'repository'
            ? node
            : await pickRepository(connections, vscode.l10n.t('Estimate the Storage of Which Repository?'));
        if (target) {
          await estimateStorage(target, connections, tree, log);
        }
      }),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsConnections(event)) {
        connections.forget();
        tree.refresh();
        void statusBar.update();
      } else if (affectsDrawing(event)) {
        void syncLayoutContext();
        tree.redraw();
      }
    }),
  );

  const explorer: Explorer = {
    tree,
    treeView,
    connections,
    statusBar,
    pickRepository: (title) => pickRepository(connections, title),
    pickRegion,
  };
  registerExplorerActions(context, {
    ecr: (connection) => connections.ecr(connection),
    tree,
    log,
    pickRepository: (title) => pickRepository(connections, title),
    pickRegion,
  });
  return explorer;
}

async function syncLayoutContext(): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'ecrExplorer.repositoryLayout', repositoryLayout());
}

/** Runs the problem's fix (`aws sso login --profile X`) in a terminal; when it closes, credentials are read again. */
function signIn(node: ProblemNode, connections: ExplorerConnections, tree: ExplorerTree, log: vscode.LogOutputChannel): void {
  const command = node.problem.fixCommand;
  if (!command) {
    return;
  }
  const profile = node.connection.profile;
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('AWS Sign-in ({0})', profile === ENVIRONMENT_PROFILE ? 'environment' : profile) });
  const reread = (why: string): void => {
    log.info(`${why}: reading the credentials of ${profile} again`);
    connections.forget(profile);
    tree.refreshProfile(profile);
  };
  const listeners: vscode.Disposable[] = [];
  listeners.push(
    vscode.window.onDidCloseTerminal((closedTerminal) => {
      if (closedTerminal === terminal) {
        for (const listener of listeners) {
          listener.dispose();
        }
        reread('Sign-in terminal closed');
      }
    }),
    // With shell integration, a successful sign-in refreshes at once; the terminal stays open so its output can be read.
    vscode.window.onDidEndTerminalShellExecution((event) => {
      if (event.terminal === terminal && event.exitCode === 0) {
        reread('Sign-in finished');
      }
    }),
  );
  terminal.show();
  terminal.sendText(command);
  log.info(`Running "${command}" in a terminal`);
}
