// Runs inside a fresh extension host for the explorer benchmark (explorerBench.ts): through the
// tree provider the ECR view uses, it times the first page of repositories of a profile whose
// region holds 100,000 of them, then a filter that must page through all of them, and reports
// the extension host's memory at each step through the harness's UI bridge.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { Prompts } from '../../src/views/explorer/prompts';
import { postLog } from '../integration/uiBridge';
import { explorerLine, type ExplorerSample } from './protocol';

interface ExplorerApi {
  readonly explorer: {
    readonly tree: vscode.TreeDataProvider<unknown>;
    replacePrompts(prompts: Prompts | undefined): void;
  };
}

/** A filter no repository name contains: the view must look at every repository to say so. */
const NO_MATCH = 'zz-no-such-repository-zz';

export async function run(): Promise<void> {
  const profile = process.env.ECR_EXPLORER_BENCH_PROFILE ?? 'ecr-local';
  const extension = vscode.extensions.getExtension<ExplorerApi>('ecr-explorer.ecr-explorer');
  if (!extension) {
    throw new Error('ecr-explorer.ecr-explorer is not loaded');
  }
  const api = await extension.activate();
  const { tree } = api.explorer;
  const config = vscode.workspace.getConfiguration('ecrExplorer');
  await config.update('repositoryLayout', 'flat', vscode.ConfigurationTarget.Global);
  const baseline = process.memoryUsage();

  const started = performance.now();
  await config.update('profiles', [profile], vscode.ConfigurationTarget.Global);
  const region = await onlyChild(tree, await onlyChild(tree, undefined, 'profile'), 'region');
  const firstPage = await tree.getChildren(region);
  const firstPageMs = performance.now() - started;
  const repositories = (firstPage ?? []).filter((node) => contextOf(tree, node).startsWith('repository'));
  if (repositories.length === 0) {
    throw new Error(`The first page had no repository: ${(firstPage ?? []).map((node) => labelOf(tree, node)).join(', ')}`);
  }
  const afterFirstPage = process.memoryUsage();

  api.explorer.replacePrompts(answeringInputBox(NO_MATCH));
  const filterStarted = performance.now();
  await vscode.commands.executeCommand('ecrExplorer.filter');
  const scanned = await childrenUntilNoLoadMore(tree, region);
  const filterAllMs = performance.now() - filterStarted;
  const afterFilter = process.memoryUsage();
  api.explorer.replacePrompts(undefined);
  await vscode.commands.executeCommand('ecrExplorer.clearFilter');
  await config.update('profiles', undefined, vscode.ConfigurationTarget.Global);
  await config.update('repositoryLayout', undefined, vscode.ConfigurationTarget.Global);

  const sample: ExplorerSample = {
    firstPageMs,
    firstPageCount: repositories.length,
    filterAllMs,
    filterLoadMoreClicks: scanned.clicks,
    heapMiB: { baseline: mib(baseline.heapUsed), firstPage: mib(afterFirstPage.heapUsed), filterAll: mib(afterFilter.heapUsed) },
    rssMiB: { baseline: mib(baseline.rss), firstPage: mib(afterFirstPage.rss), filterAll: mib(afterFilter.rss) },
  };
  await postLog(explorerLine(sample));
}

function mib(bytes: number): number {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}

function itemOf(tree: vscode.TreeDataProvider<unknown>, node: unknown): vscode.TreeItem {
  const item = tree.getTreeItem(node);
  if (item instanceof Promise || 'then' in item) {
    throw new Error('The tree returned a thenable TreeItem; the probe expects TreeItems at once.');
  }
  return item;
}

function contextOf(tree: vscode.TreeDataProvider<unknown>, node: unknown): string {
  return itemOf(tree, node).contextValue ?? '';
}

function labelOf(tree: vscode.TreeDataProvider<unknown>, node: unknown): string {
  const label = itemOf(tree, node).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

async function onlyChild(tree: vscode.TreeDataProvider<unknown>, parent: unknown, context: string): Promise<unknown> {
  const children = (await tree.getChildren(parent)) ?? [];
  const match = children.find((node) => contextOf(tree, node) === context);
  if (match === undefined) {
    throw new Error(`No ${context} node among: ${children.map((node) => `${labelOf(tree, node)} (${contextOf(tree, node)})`).join(', ')}`);
  }
  return match;
}

/** Children of `parent`, pressing Load more (the node's own command) until there is none. */
async function childrenUntilNoLoadMore(tree: vscode.TreeDataProvider<unknown>, parent: unknown): Promise<{ clicks: number }> {
  for (let clicks = 0; clicks < 10_000; clicks++) {
    const children = (await tree.getChildren(parent)) ?? [];
    const loadMore = children.find((node) => contextOf(tree, node) === 'loadMore');
    if (loadMore === undefined) {
      const problems = children.filter((node) => contextOf(tree, node).startsWith('problem'));
      if (problems.length > 0) {
        throw new Error(`The filter failed: ${problems.map((node) => labelOf(tree, node)).join('; ')}`);
      }
      return { clicks };
    }
    const command = itemOf(tree, loadMore).command;
    if (!command) {
      throw new Error('The Load more node has no command.');
    }
    await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
  }
  throw new Error('Load more never ended.');
}

function answeringInputBox(answer: string): Prompts {
  const refuse = (): never => {
    throw new Error('The benchmark only answers the filter input box.');
  };
  return { inputBox: () => Promise.resolve(answer), quickPick: refuse, quickPickMany: refuse, confirm: refuse };
}
