// "Find Repository…": a quick pick over the repository indexes of every chosen profile and
// region (repositoryIndexes.ts). Opening it starts or reuses their background scans; each
// keystroke filters what is read so far at once, and matches appear as pages arrive. Choosing one
// offers to reveal it in the view or copy its URI or pull command. pickRepository() is the same
// picker for commands run from the palette.
import * as vscode from 'vscode';
import { pullCommand } from '../../ecr/images';
import type { Connection } from '../../ecr/model';
import { chosenConnections } from './chosenConnections';
import type { ExplorerConnections } from './connections';
import { RepositoryFinder, type FinderState, type FoundRepository } from './findModel';
import type { RepositoryNodeData } from './nodeTypes';
import { prompts } from './prompts';
import { repositoryIndexes } from './repositoryIndexes';

const MAX_ITEMS = 300;

type FoundItem = vscode.QuickPickItem & { found?: FoundRepository };

/** Shows the streaming picker; resolves with the choice, or undefined when dismissed. */
export async function pickRepository(connections: ExplorerConnections, title: string, initialQuery = ''): Promise<RepositoryNodeData | undefined> {
  const sources = await chosenConnections();
  if (sources.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose an AWS profile and region first ("ECR: Choose AWS Profiles…").'));
    return undefined;
  }
  const indexes = repositoryIndexes(connections);
  const quickPick = vscode.window.createQuickPick<FoundItem>();
  quickPick.title = title;
  quickPick.placeholder = vscode.l10n.t('Type part of a repository name (searches {0} profile/region pairs)', sources.length);
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  const shown = { key: '' };
  const finder = new RepositoryFinder(
    sources.map((connection) => indexes.get(connection)),
    (state) => render(quickPick, state, sources.length, shown),
    MAX_ITEMS,
  );
  // No debounce: filtering what is read costs milliseconds and sends no request.
  const disposables: vscode.Disposable[] = [quickPick.onDidChangeValue((value) => finder.setQuery(value))];
  try {
    return await new Promise<RepositoryNodeData | undefined>((resolve) => {
      disposables.push(
        quickPick.onDidAccept(() => {
          const found = quickPick.selectedItems[0]?.found;
          if (found) {
            resolve({ kind: 'repository', connection: found.connection, repository: found.repository });
            quickPick.hide();
          }
        }),
        quickPick.onDidHide(() => resolve(undefined)),
      );
      quickPick.value = initialQuery;
      quickPick.show();
      finder.setQuery(initialQuery);
      finder.start();
    });
  } finally {
    // The scans go on: the tree filter and the next Find Repository use what they read.
    finder.dispose();
    for (const disposable of disposables) {
      disposable.dispose();
    }
    quickPick.dispose();
  }
}

function render(quickPick: vscode.QuickPick<FoundItem>, state: FinderState, sourceCount: number, shown: { key: string }): void {
  quickPick.busy = state.busy;
  // A page that changes no match only updates the title: new items would move the user's selection.
  const key = [
    state.query,
    state.capped,
    ...state.matches.map((found) => `${found.connection.profile}|${found.connection.region}|${found.repository.name}`),
    ...state.problems.map(({ connection, problem }) => `${connection.profile}|${connection.region}|${problem.message}`),
  ].join('\n');
  const itemsChanged = key !== shown.key;
  shown.key = key;
  const items: FoundItem[] = state.matches.map((found) => ({
    label: found.repository.name,
    description: describe(found.connection),
    detail: found.repository.uri,
    found,
    // The search already matched: keep VS Code's own fuzzy filter from hiding any of them.
    alwaysShow: true,
  }));
  for (const { connection, problem } of state.problems) {
    items.push({ label: `${connection.profile ? describe(connection) : ''}: ${problem.message}`, kind: vscode.QuickPickItemKind.Separator });
  }
  if (state.capped) {
    items.push({ label: vscode.l10n.t('Showing the first {0} matches: type more to narrow the search', MAX_ITEMS), kind: vscode.QuickPickItemKind.Separator });
  }
  if (itemsChanged) {
    quickPick.items = items;
  }
  if (state.query === '') {
    quickPick.title = undefined;
    return;
  }
  const scanned = state.scanned.toLocaleString(vscode.env.language || 'en');
  quickPick.title = state.busy
    ? vscode.l10n.t('Searching… {0} repositories read in {1} profile/region pairs', scanned, sourceCount)
    : vscode.l10n.t('{0} matches among {1} repositories', state.matches.length, scanned);
}

function describe(connection: Connection): string {
  return `${connection.profile} · ${connection.region}`;
}

/** The command: find, then offer what to do with the repository found. */
export async function findRepository(connections: ExplorerConnections, reveal: (found: RepositoryNodeData) => Promise<void>): Promise<void> {
  const found = await pickRepository(connections, vscode.l10n.t('Find Repository'));
  if (!found) {
    return;
  }
  const revealItem = { label: vscode.l10n.t('$(eye) Reveal in ECR View'), action: 'reveal' as const };
  const copyUri = { label: vscode.l10n.t('$(copy) Copy Repository URI'), action: 'uri' as const, detail: found.repository.uri };
  const copyPull = {
    label: vscode.l10n.t('$(terminal) Copy docker pull Command'),
    action: 'pull' as const,
    detail: pullCommand(found.repository.uri, { tag: 'latest' }),
  };
  const choice = await prompts().quickPick([revealItem, copyUri, copyPull], { title: found.repository.name });
  switch (choice?.action) {
    case 'reveal':
      await reveal(found);
      break;
    case 'uri':
      await vscode.env.clipboard.writeText(found.repository.uri);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', found.repository.uri), 3000);
      break;
    case 'pull':
      await vscode.env.clipboard.writeText(copyPull.detail);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', copyPull.detail), 3000);
      break;
    case undefined:
      break;
  }
}
