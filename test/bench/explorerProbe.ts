// Runs inside a fresh extension host for the explorer benchmark (explorerBench.ts): through the
// tree provider the ECR view uses, it times the first page of repositories of a profile whose
// region holds 100,000 of them, then a filter (on a fresh region index): its first matching node
// and the end of the read of all 100,000, then a filter nothing matches, answered from the index;
// and reports the extension host's memory at each step through the harness's UI bridge.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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
/** A filter that matches about one repository in a thousand, spread over the whole alphabet. */
const SOME_MATCHES = 'service-042';

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
  const baselineSettled = settledHeap();

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
  const afterFirstPageSettled = settledHeap();

  api.explorer.replacePrompts(answeringInputBox(SOME_MATCHES));
  const filterStarted = performance.now();
  await vscode.commands.executeCommand('ecrExplorer.filter');
  let filterFirstMatchesMs = Number.NaN;
  const renders = await childrenUntil(tree, region, (children) => {
    if (Number.isNaN(filterFirstMatchesMs) && children.some((node) => contextOf(tree, node).startsWith('repository'))) {
      filterFirstMatchesMs = performance.now() - filterStarted;
    }
    return !children.some((node) => contextOf(tree, node) === 'searching');
  });
  const filterAllMs = performance.now() - filterStarted;
  // Every name is read now: a filter that matches nothing is answered from the index, with no "Load more".
  api.explorer.replacePrompts(answeringInputBox(NO_MATCH));
  await vscode.commands.executeCommand('ecrExplorer.clearFilter');
  await vscode.commands.executeCommand('ecrExplorer.filter');
  const none = (await tree.getChildren(region)) ?? [];
  if (none.length > 0) {
    throw new Error(`A filter nothing matches still shows: ${none.map((node) => labelOf(tree, node)).join(', ')}`);
  }
  // Once every name is read, the index saves them for the next session (an asynchronous write):
  // measure what is kept after that, not the snapshot text on its way to disk.
  await snapshotWritten();
  const afterFilter = process.memoryUsage();
  const afterFilterSettled = settledHeap();
  api.explorer.replacePrompts(undefined);
  await vscode.commands.executeCommand('ecrExplorer.clearFilter');
  await config.update('profiles', undefined, vscode.ConfigurationTarget.Global);
  await config.update('repositoryLayout', undefined, vscode.ConfigurationTarget.Global);

  const sample: ExplorerSample = {
    firstPageMs,
    firstPageCount: repositories.length,
    filterAllMs,
    filterFirstMatchesMs,
    filterLoadMoreClicks: renders,
    heapMiB: { baseline: mib(baseline.heapUsed), firstPage: mib(afterFirstPage.heapUsed), filterAll: mib(afterFilter.heapUsed) },
    settledHeapMiB: { baseline: mib(baselineSettled), firstPage: mib(afterFirstPageSettled), filterAll: mib(afterFilterSettled) },
    rssMiB: { baseline: mib(baseline.rss), firstPage: mib(afterFirstPage.rss), filterAll: mib(afterFilter.rss) },
  };
  await postLog(explorerLine(sample));
}

/**
 * The heap after a full garbage collection: what is kept, not what is merely not yet collected
 * (heapUsed right after reading 100 pages is mostly the SDK's parsed pages, garbage already).
 */
function settledHeap(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
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

/** Reads the children of `parent` at each change of the tree until `done` holds for them; returns how many reads it took. */
async function childrenUntil(tree: vscode.TreeDataProvider<unknown>, parent: unknown, done: (children: unknown[]) => boolean): Promise<number> {
  const changed = tree.onDidChangeTreeData;
  if (!changed) {
    throw new Error('The tree has no change event.');
  }
  const deadline = performance.now() + 120_000;
  for (let reads = 1; performance.now() < deadline; reads++) {
    // Listen before reading, so that a change during the read is not missed.
    let subscription: vscode.Disposable | undefined;
    const next = new Promise<void>((resolve) => {
      subscription = changed(() => resolve());
    });
    const children = (await tree.getChildren(parent)) ?? [];
    const problems = children.filter((node) => contextOf(tree, node).startsWith('problem'));
    if (problems.length > 0) {
      subscription?.dispose();
      throw new Error(`The filter failed: ${problems.map((node) => labelOf(tree, node)).join('; ')}`);
    }
    if (done(children)) {
      subscription?.dispose();
      return reads;
    }
    await Promise.race([next, new Promise((resolve) => setTimeout(resolve, 2000))]);
    subscription?.dispose();
  }
  throw new Error('The filter never finished reading the region.');
}

function answeringInputBox(answer: string): Prompts {
  const refuse = (): never => {
    throw new Error('The benchmark only answers the filter input box.');
  };
  return { inputBox: () => Promise.resolve(answer), quickPick: refuse, quickPickMany: refuse, confirm: refuse };
}

/** The saved names of the region, in the extension's global storage next to the harness's AWS files. */
async function snapshotWritten(): Promise<void> {
  const awsConfig = process.env.AWS_CONFIG_FILE;
  if (!awsConfig) {
    throw new Error('The harness sets AWS_CONFIG_FILE; it is missing.');
  }
  const folder = join(dirname(dirname(awsConfig)), 'user-data', 'User', 'globalStorage', 'ecr-explorer.ecr-explorer', 'repository-index');
  const deadline = performance.now() + 60_000;
  // Polls the folder: no event says the write is done. A finished write leaves only *.json (no temporary file).
  while (performance.now() < deadline) {
    const names = existsSync(folder) ? readdirSync(folder) : [];
    if (names.some((name) => name.endsWith('.json')) && names.every((name) => name.endsWith('.json'))) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The repository names were not saved in ${folder} within 60 s.`);
}
