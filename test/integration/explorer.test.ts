// The ECR view's tree inside VS Code, against the ecr-local the harness started (demo seed plus
// 1,500 bulk repositories, profiles reaching it through endpoint_url): roots, regions, paging,
// nested folders, images and platforms, the filter, problems under faults with Retry, SSO and
// MFA nodes, and the status bar. Children are read through the extension's own TreeDataProvider.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { RepositoryIndexes } from '../../src/ecr/repositoryIndex';
import type { ExtensionApi } from '../../src/extension';
import type { ExplorerNode, ProblemNode, RegionNode, RepositoryNode } from '../../src/views/explorer/explorerNodes';
import { FileIndexStore } from '../../src/views/explorer/indexStore';
import type { Prompts } from '../../src/views/explorer/prompts';
import { snapshotDirectory } from '../../src/views/explorer/repositoryIndexes';
import { EXTENSION_ID, ourExtension } from './extensionInfo';
import { setEcrFaults, testEcr } from './testEcr';
import { waitFor, waitUntil } from './waitFor';

let api: ExtensionApi['explorer'];

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('ecrExplorer');
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await config().update(key, value, vscode.ConfigurationTarget.Global);
}

function item(node: ExplorerNode): vscode.TreeItem {
  return api.tree.getTreeItem(node);
}

function labelOf(node: ExplorerNode): string {
  const label = item(node).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

function contextOf(node: ExplorerNode): string {
  return item(node).contextValue ?? '';
}

async function children(node?: ExplorerNode): Promise<ExplorerNode[]> {
  return api.tree.getChildren(node);
}

/** The region node of `profile` (its only region: the config's). */
async function regionOf(profile: string): Promise<RegionNode> {
  const roots = await children();
  const profileNode = roots.find((node) => node.kind === 'profile' && node.profile === profile);
  assert.ok(profileNode, `profile ${profile} among ${roots.map(labelOf).join(', ')}`);
  const regions = await children(profileNode);
  const region = regions.find((node): node is RegionNode => node.kind === 'region');
  assert.ok(region, `a region under ${profile}: ${regions.map(labelOf).join(', ')}`);
  return region;
}

function answering(inputs: Array<string | undefined>, asked: string[] = []): Prompts {
  const refuse = (): never => {
    throw new Error('This test only answers input boxes.');
  };
  return {
    inputBox: (options) => {
      asked.push(options.title ?? options.prompt ?? '');
      return Promise.resolve(inputs.length > 0 ? inputs.shift() : undefined);
    },
    quickPick: refuse,
    quickPickMany: refuse,
    confirm: refuse,
  };
}

/** Resolves at the next change event of the tree. */
function nextChange(): Promise<void> {
  return new Promise((resolve) => {
    const subscription = api.tree.onDidChangeTreeData(() => {
      subscription.dispose();
      resolve();
    });
  });
}

describe('the ECR explorer tree', function () {
  this.timeout(120_000);
  const env = testEcr();

  before(async () => {
    const exports = (await ourExtension().activate()) as ExtensionApi;
    api = exports.explorer;
    await setSetting('pageSize', 100);
    await setSetting('repositoryLayout', 'flat');
  });

  afterEach(async () => {
    api.replacePrompts(undefined);
    await setEcrFaults('');
    api.tree.setFilter('');
  });

  after(async () => {
    for (const key of ['profiles', 'regions', 'pageSize', 'repositoryLayout']) {
      await setSetting(key, undefined);
    }
  });

  it('shows the chosen profiles with their region, then the first page of repositories and Load more', async () => {
    await setSetting('profiles', [env.profiles.healthy]);
    const [profile] = await children();
    assert.ok(profile);
    assert.equal(contextOf(profile), 'profile');
    assert.equal(labelOf(profile), env.profiles.healthy);
    const region = await regionOf(env.profiles.healthy);
    assert.equal(labelOf(region), env.region);
    assert.equal(contextOf(region), 'region');

    const page = await children(region);
    const repositories = page.filter((node) => node.kind === 'repository');
    assert.equal(repositories.length, 100, 'one page of pageSize repositories');
    const last = page[page.length - 1]!;
    assert.equal(contextOf(last), 'loadMore');
    assert.equal(labelOf(last), 'Load more');
    assert.match(contextOf(repositories[0]!), /^repository scanOnPush(On|Off)$/);

    // Load more appends the next page and keeps the first.
    const command = item(last).command;
    assert.equal(command?.command, 'ecrExplorer.loadMore');
    await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
    const twoPages = (await children(region)).filter((node) => node.kind === 'repository');
    assert.equal(twoPages.length, 200);
    assert.deepEqual(
      twoPages.slice(0, 100).map((node) => node.id),
      repositories.map((node) => node.id),
    );
    assert.equal(new Set(twoPages.map((node) => node.id)).size, 200, 'no repository twice');
  });

  it('shows the account id once it is known, and the status bar names the profile and region', async () => {
    await setSetting('profiles', [env.profiles.healthy]);
    await waitUntil(() => api.statusBarText(), (text) => text === `$(cloud) ECR: ${env.profiles.healthy} · ${env.region}`, 'the status bar');
    const description = await waitUntil(
      async () => {
        const [profile] = await children();
        return profile ? String(item(profile).description ?? '') : '';
      },
      (text) => /^\d{12} · access keys$/.test(text),
      'the account id in the profile description',
    );
    assert.match(description, /^\d{12} · /);
    await setSetting('profiles', []);
    await waitUntil(() => api.statusBarText(), (text) => text === undefined, 'the status bar to hide');
  });

  it('nests namespaces as folders and lists images newest first, tagged and untagged', async () => {
    await setSetting('profiles', [env.profiles.healthy]);
    await setSetting('repositoryLayout', 'nested');
    try {
      api.tree.setFilter('team-a/');
      const region = await regionOf(env.profiles.healthy);
      const top = await children(region);
      const folder = top.find((node) => node.kind === 'namespace' && labelOf(node) === 'team-a');
      assert.ok(folder, `a team-a folder among ${top.map(labelOf).join(', ')}`);
      assert.equal(contextOf(folder), 'namespace');
      const inside = await children(folder);
      assert.deepEqual(inside.map(labelOf).sort(), ['api', 'web']);
      const api_ = inside.find((node): node is RepositoryNode => node.kind === 'repository' && node.repository.name === 'team-a/api');
      assert.ok(api_);

      const images = (await children(api_)).filter((node) => node.kind === 'image');
      assert.ok(images.length >= 6, `six images pushed, saw ${images.length}`);
      const pushed = images.map((node) => (node.kind === 'image' ? (node.image.pushedAt?.getTime() ?? 0) : 0));
      assert.deepEqual(pushed, [...pushed].sort((a, b) => b - a), 'newest first');
      const newest = images[0]!;
      assert.equal(labelOf(newest), 'v1.5.0, latest, main-8c3f2e1');
      assert.equal(contextOf(newest), 'image tagged');
      assert.match(String(item(newest).description), /^sha256:[0-9a-f]{12} · [\d.]+ [KMG]?B · .+ ago|^sha256:[0-9a-f]{12} · [\d.]+ [KMG]?B · (yesterday|just now)/);
      const untagged = images.filter((node) => labelOf(node) === '<untagged>');
      assert.ok(untagged.length >= 2, 'untagged images are shown');
      assert.equal(contextOf(untagged[0]!), 'image untagged');
      const tooltip = item(newest).tooltip;
      assert.ok(tooltip instanceof vscode.MarkdownString);
      assert.match(tooltip.value, /Digest/);
      // All images listed: the repository knows its size.
      assert.match(String(item(api_).description), /B · \$[\d.]+\/mo|B · <\$0\.01\/mo/);
    } finally {
      await setSetting('repositoryLayout', 'flat');
    }
  });

  it('lists a repository\'s images newest first in one request, whatever the repository page size', async () => {
    await setSetting('profiles', [env.profiles.healthy]);
    await setSetting('pageSize', 2);
    try {
      const repository = await api.tree.findRepositoryNode({ profile: env.profiles.healthy, region: env.region }, 'team-a/api');
      assert.ok(repository, 'team-a/api is found');
      const nodes = await children(repository);
      assert.deepEqual(nodes.filter((node) => node.kind !== 'image').map(labelOf), [], 'no Load more: ECR gave them all at once');
      const pushed = nodes.map((node) => (node.kind === 'image' ? (node.image.pushedAt?.getTime() ?? 0) : 0));
      assert.ok(pushed.length >= 6, `six images pushed, saw ${pushed.length}`);
      assert.deepEqual(pushed, [...pushed].sort((a, b) => b - a), 'newest first');
    } finally {
      await setSetting('pageSize', 100);
    }
  });

  it('expands a manifest list to one child per platform', async () => {
    await setSetting('profiles', [env.profiles.healthy]);
    const worker = await api.tree.findRepositoryNode({ profile: env.profiles.healthy, region: env.region }, 'team-b/worker');
    assert.ok(worker, 'team-b/worker is found');
    const images = await children(worker);
    const index = images.find((node) => contextOf(node) === 'image tagged index');
    assert.ok(index, `a manifest list among ${images.map((node) => `${labelOf(node)} (${contextOf(node)})`).join(', ')}`);
    const platforms = await children(index);
    const labels = platforms.map(labelOf);
    assert.ok(labels.includes('linux/amd64'), labels.join(', '));
    assert.ok(labels.includes('linux/arm64/v8'), labels.join(', '));
    assert.ok(platforms.every((node) => contextOf(node) === 'platformImage'));
  });

  it('filters repositories, says so on the view, and says how far it has read', async () => {
    await setSetting('profiles', [env.profiles.healthy]);
    const region = await regionOf(env.profiles.healthy);
    api.replacePrompts(answering(['team-a']));
    await vscode.commands.executeCommand('ecrExplorer.filter');
    assert.equal(api.tree.filter, 'team-a');
    assert.equal(api.treeView.description, 'Filter: team-a');
    assert.match(api.treeView.message ?? '', /team-a/);
    const filtered = await children(region);
    const repositories = filtered.filter((node): node is RepositoryNode => node.kind === 'repository');
    assert.ok(repositories.length > 0);
    assert.ok(repositories.every((node) => node.repository.name.toLowerCase().includes('team-a')));
    // Still reading the region, or all matches shown: never a Load more of unread pages.
    for (const node of filtered.filter((candidate) => candidate.kind === 'loadMore')) {
      assert.match(labelOf(node), /^Searching… [\d,]+ repositories read$|^Load more \([\d,]+ of [\d,]+ matches\)$/);
    }

    await vscode.commands.executeCommand('ecrExplorer.clearFilter');
    assert.equal(api.tree.filter, '');
    assert.equal(api.treeView.description, undefined);
    const all = await children(region);
    assert.ok(all.some((node) => node.kind === 'repository' && !node.repository.name.includes('team-a')));
  });

  it('shows one problem node when ECR fails, and Retry fetches again once it heals', async () => {
    await setSetting('profiles', [env.profiles.healthy]);
    const region = await regionOf(env.profiles.healthy);
    await setEcrFaults('error500:1');
    api.tree.refresh(region);
    const failed = await children(region);
    assert.equal(failed.length, 1, failed.map(labelOf).join(', '));
    const problem = failed[0] as ProblemNode;
    assert.equal(contextOf(problem), 'problem');
    assert.equal(problem.problem.kind, 'service');
    assert.match(labelOf(problem), /ServerException|error/i);
    assert.ok(item(problem).tooltip instanceof vscode.MarkdownString);
    assert.doesNotMatch(labelOf(problem), /\n\s+at /, 'no stack trace');

    await setEcrFaults('');
    await vscode.commands.executeCommand('ecrExplorer.retry', problem);
    const healed = await children(region);
    assert.equal(healed.filter((node) => node.kind === 'repository').length, 100);
  });

  it('says when the credentials have expired', async () => {
    await setSetting('profiles', [env.profiles.healthy]);
    const region = await regionOf(env.profiles.healthy);
    await setEcrFaults('expired-token');
    api.tree.refresh(region);
    const [problem, ...rest] = await children(region);
    assert.equal(rest.length, 0);
    assert.ok(problem?.kind === 'problem');
    assert.equal(problem.problem.kind, 'expired-credentials');
    assert.match(labelOf(problem), /expired/i);
  });

  it('offers to sign in for an SSO profile without a token, in a terminal', async () => {
    await setSetting('profiles', [env.profiles.sso]);
    const region = await regionOf(env.profiles.sso);
    const [problem, ...rest] = await children(region);
    assert.equal(rest.length, 0);
    assert.ok(problem?.kind === 'problem', problem ? labelOf(problem) : 'no child');
    assert.equal(contextOf(problem), 'problem.signIn');
    assert.equal(labelOf(problem), `Sign in: aws sso login --profile ${env.profiles.sso}`);

    const opened = new Promise<vscode.Terminal>((resolve) => {
      const subscription = vscode.window.onDidOpenTerminal((terminal) => {
        subscription.dispose();
        resolve(terminal);
      });
    });
    await vscode.commands.executeCommand('ecrExplorer.signIn', problem);
    const terminal = await opened;
    assert.match(terminal.name, new RegExp(env.profiles.sso));
    const refreshed = nextChange();
    terminal.dispose();
    await refreshed;
  });

  it('asks for an MFA code; a dismissed prompt leaves an "Enter MFA code" node', async () => {
    const asked: string[] = [];
    api.replacePrompts(answering([undefined], asked));
    await setSetting('profiles', [env.profiles.mfa]);
    const region = await regionOf(env.profiles.mfa);
    const [problem] = await children(region);
    assert.ok(problem?.kind === 'problem', problem ? labelOf(problem) : 'no child');
    assert.equal(contextOf(problem), 'problem.mfa');
    assert.equal(labelOf(problem), 'Enter MFA code');
    assert.equal(asked.length, 1, 'asked once');
    assert.match(asked[0] ?? '', /MFA/);

    // Enter MFA Code asks again (a dismissed prompt is not repeated on its own); dismissed again, the node stays.
    await children(region);
    assert.equal(asked.length, 1, 'no new prompt until Enter MFA Code');
    api.replacePrompts(answering([undefined], asked));
    await vscode.commands.executeCommand('ecrExplorer.enterMfaCode', problem);
    const [again] = await children(await regionOf(env.profiles.mfa));
    assert.equal(asked.length, 2);
    assert.ok(again && contextOf(again) === 'problem.mfa');
  });

  it('toggles between nested and flat layouts from the view title commands, keeping the loaded pages', async () => {
    await setSetting('profiles', [env.profiles.healthy]);
    const region = await regionOf(env.profiles.healthy);
    await children(region);
    await vscode.commands.executeCommand('ecrExplorer.showNested');
    assert.equal(config().get('repositoryLayout'), 'nested');
    const nested = await children(await regionOf(env.profiles.healthy));
    assert.ok(nested.some((node) => node.kind === 'namespace'), 'folders in nested layout');
    assert.ok(nested.every((node) => node.kind !== 'repository' || !node.repository.name.includes('/')), 'no slash name at the top');
    await vscode.commands.executeCommand('ecrExplorer.showFlat');
    assert.equal(config().get('repositoryLayout'), 'flat');
    const flat = await children(await regionOf(env.profiles.healthy));
    assert.ok(flat.every((node) => node.kind !== 'namespace'));
  });

  it('chooses the regions of a profile with a multi-select pick of the ECR regions', async () => {
    await setSetting('profiles', [env.profiles.healthy]);
    const [profile] = await children();
    assert.ok(profile?.kind === 'profile');
    let offered: readonly vscode.QuickPickItem[] = [];
    api.replacePrompts({
      ...answering([]),
      quickPickMany: <T extends vscode.QuickPickItem>(items: readonly T[]) => {
        offered = items;
        return Promise.resolve(items.filter((item) => item.label === 'eu-west-1' || item.label === 'us-east-1'));
      },
    });
    try {
      await vscode.commands.executeCommand('ecrExplorer.chooseRegions', profile);
      assert.ok(offered.length > 20, 'every ECR region is offered');
      assert.deepEqual(
        offered.filter((item) => item.picked).map((item) => item.label),
        [env.region],
        'the current region is picked',
      );
      const saved = config().get<Record<string, string[]>>('regions') ?? {};
      assert.deepEqual([...(saved[env.profiles.healthy] ?? [])].sort(), ['eu-west-1', 'us-east-1']);
      const [again] = await children();
      assert.ok(again);
      const regions = await children(again);
      assert.deepEqual(regions.map(labelOf).sort(), ['eu-west-1', 'us-east-1']);
      const usEast = regions.find((node) => labelOf(node) === 'us-east-1')!;
      const usRepositories = await children(usEast);
      assert.ok(usRepositories.some((node) => node.kind === 'repository' && node.repository.name === 'team-b/worker'), 'us-east-1 has its own repositories');
    } finally {
      await setSetting('regions', undefined);
    }
  });

  it('estimates the storage of a region and shows bytes and monthly cost on the region and its repositories', async () => {
    await setSetting('profiles', [env.profiles.healthy]);
    const region = await regionOf(env.profiles.healthy);
    await children(region);
    await vscode.commands.executeCommand('ecrExplorer.estimateStorage', region);
    const description = String(item(await regionOf(env.profiles.healthy)).description ?? '');
    assert.match(description, /^Europe \(Ireland\) · [\d.,]+ [KMGT]?B · (\$[\d.,]+|<\$0\.01)\/mo$/);
    const tooltip = item(region).tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.match(tooltip.value, /per GB-month/);
    assert.match(tooltip.value, /counted once per image/);
    const worker = await api.tree.findRepositoryNode({ profile: env.profiles.healthy, region: env.region }, 'team-b/worker');
    assert.ok(worker);
    assert.match(String(item(worker).description), /B · /, 'each repository got its share');
  });

  it('lists repositories through the assumed role once a valid MFA code is entered', async () => {
    const asked: string[] = [];
    api.replacePrompts(answering(['123456'], asked));
    await setSetting('profiles', [env.profiles.mfa]);
    api.tree.refreshProfile(env.profiles.mfa);
    const listed = await children(await regionOf(env.profiles.mfa));
    assert.ok(
      listed.some((node) => node.kind === 'repository'),
      `repositories after the MFA code: ${listed.map(labelOf).join(', ')}`,
    );
    assert.equal(asked.length, 1, 'one prompt for the profile, whatever asked first');
  });

  it('under a filter, shows matches while the region is read (saying how far), then Load more shows more of them', async () => {
    await setSetting('profiles', [env.profiles.healthy]);
    const region = await regionOf(env.profiles.healthy);
    api.tree.refresh(region);
    // About half the bulk names start with "team-": far more matches than a page shows.
    api.tree.setFilter('team');
    const first = await children(region);
    assert.ok(first.some((node) => node.kind === 'repository'), `matches at once: ${first.map(labelOf).join(', ')}`);
    for (const node of first.filter((candidate) => contextOf(candidate) === 'searching')) {
      assert.match(labelOf(node), /^Searching… [\d,]+ repositories read$/);
      assert.equal(item(node).command, undefined);
    }
    const read = await waitUntil(
      async () => (await children(region)).map((node) => ({ node, context: contextOf(node), label: labelOf(node) })),
      (rows) => !rows.some((row) => row.context === 'searching'),
      'the region read to the end',
    );
    const more = read.find((row) => row.context === 'loadMore');
    assert.ok(more, `more matches than shown: ${read.map((row) => row.label).join(', ')}`);
    const counts = /^Load more \(100 of ([\d,]+) matches\)$/.exec(more.label);
    assert.ok(counts?.[1], more.label);
    const total = Number(counts[1].replace(/,/g, ''));
    assert.ok(total > 200, `about half of ${env.bulkRepositoryCount} bulk repositories: ${total}`);
    assert.equal(read.filter((row) => row.node.kind === 'repository').length, 100);
    await vscode.commands.executeCommand('ecrExplorer.loadMore', more.node);
    const all = await children(region);
    assert.equal(all.filter((node) => node.kind === 'repository').length, 200);
    assert.ok(all.every((node) => node.kind !== 'repository' || node.repository.name.includes('team')));
    assert.match(labelOf(all.find((node) => node.kind === 'loadMore')!), /^Load more \(200 of [\d,]+ matches\)$/);
  });

  it('turns throttling that outlasts the SDK retries into a retryable problem', async () => {
    await setSetting('profiles', [env.profiles.healthy]);
    const region = await regionOf(env.profiles.healthy);
    await setEcrFaults('throttle:1');
    api.tree.refresh(region);
    const [problem, ...rest] = await children(region);
    assert.equal(rest.length, 0);
    assert.ok(problem?.kind === 'problem', problem ? labelOf(problem) : 'no child');
    assert.equal(problem.problem.kind, 'throttled');
    assert.equal(problem.problem.retryable, true);
    const icon = item(problem).iconPath;
    assert.ok(icon instanceof vscode.ThemeIcon);
    assert.equal(icon.id, 'warning');
    // Fresh clients afterwards: the adaptive retry mode's client-side rate limit would slow later tests.
    await setEcrFaults('');
    await vscode.commands.executeCommand('ecrExplorer.refresh');
  });

  it('stores the names of a complete scan, and a new session answers from them before any request', async () => {
    await setSetting('profiles', [env.profiles.healthy]);
    const region = await regionOf(env.profiles.healthy);
    api.tree.refresh(region);
    api.tree.setFilter('team');
    await children(region);
    const read = await waitUntil(
      async () => (await children(region)).map((node) => ({ context: contextOf(node), label: labelOf(node) })),
      (rows) => !rows.some((row) => row.context === 'searching'),
      'the region read to the end',
    );
    const more = read.find((row) => row.context === 'loadMore');
    const total = Number(/of ([\d,]+) matches/.exec(more?.label ?? '')?.[1]?.replace(/,/g, '') ?? Number.NaN);
    assert.ok(total > 0, `the filter's match count: ${read.map((row) => row.label).join(', ')}`);

    // The extension host's global storage, under the user data folder the harness made next to the AWS files.
    const awsConfig = process.env.AWS_CONFIG_FILE;
    assert.ok(awsConfig, 'the harness sets AWS_CONFIG_FILE');
    const globalStorage = join(dirname(dirname(awsConfig)), 'user-data', 'User', 'globalStorage', EXTENSION_ID);
    const store = new FileIndexStore(snapshotDirectory(globalStorage));
    const file = store.fileOf(region.connection);
    await waitUntil(() => existsSync(file), (exists) => exists, `the snapshot ${file}`);

    // A new session: fresh indexes over the same storage, with a pager that only counts (and holds) requests.
    let requests = 0;
    const indexes = new RepositoryIndexes(() => (_request, signal) => {
      requests += 1;
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    }, { store });
    try {
      const index = indexes.get(region.connection);
      let requestsAtFirstAnswer: number | undefined;
      index.onChange(() => {
        if (requestsAtFirstAnswer === undefined && index.search('team', 1).total > 0) {
          requestsAtFirstAnswer = requests;
        }
      });
      index.ensure();
      await index.until(() => index.search('team', 1).total > 0);
      const answer = index.search('team', 100);
      assert.equal(requestsAtFirstAnswer, 0, 'matches before any request');
      assert.equal(answer.total, total, 'the same matches the last session found');
      assert.ok(answer.matches.every((repository) => repository.name.includes('team') && repository.uri.endsWith(`/${repository.name}`)));
      assert.equal(answer.complete, false, 'marked as not fresh');
      assert.equal(answer.scanning, true, 'while the rescan reads ECR');
      await waitFor(() => requests === 1, 'the rescan to start');
    } finally {
      indexes.dispose();
    }
  });
});
