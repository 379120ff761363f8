// The ECR view's TreeDataProvider: profiles > regions > repositories (flat, or nested by
// namespace) > images > platforms. Lists are fetched a page at a time and kept between renders,
// so "Load more" appends without refetching and a filter or layout change costs no request.
// Any failure becomes one problem node under the parent whose children failed.
import * as vscode from 'vscode';
import { describeAwsProblem } from '../../ecr/awsProblems';
import { ENVIRONMENT_PROFILE, type AwsProblem, type Connection, type Image, type PlatformImage, type Repository, type StorageEstimate } from '../../ecr/model';
import { listNamespace } from '../../ecr/namespaces';
import type { AwsProfile } from '../../ecr/profiles';
import { monthlyCost } from '../../ecr/storage';
import { getRepository, listAwsProfiles, listImagesPage, listPlatforms, listRepositoriesPage } from '../lazyEcr';
import { configuredProfiles, configuredRegions, indexRepositoriesInBackground, pageSize, repositoryLayout, storagePrice } from '../settings';
import type { ExplorerConnections } from './connections';
import { regionsOfProfile } from './connectionsModel';
import {
  connectionKey,
  makeImageNode,
  makeNamespaceNode,
  makePlatformNode,
  makeProblemNode,
  makeProfileNode,
  makeRegionNode,
  makeRepositoryNode,
  repositoryKey,
  type ExplorerNode,
  type ImageNode,
  type ListOwner,
  type LoadMoreNode,
  type NamespaceNode,
  type ProblemNode,
  type ProfileNode,
  type RegionNode,
  type RepositoryNode,
} from './explorerNodes';
import { newestFirst, storageOfImages } from './imageModel';
import type { RegionNodeData, RepositoryNodeData, TreeRefresher } from './nodeTypes';
import { PagedList } from './pagedListModel';
import { ThrottledRedraw } from './throttledRedraw';
import { repositoryIndexes } from './repositoryIndexes';
import { treeItemOf, type ItemContext } from './treeItems';

/** DescribeImages' largest maxResults. */
const IMAGES_PER_REQUEST = 1000;
/** When finding one repository's node without a filter, pages are read this big. */
const SEARCH_PAGE_SIZE = 1000;
/** Under a filter, a region redraws at most this often while its index is read. */
const FILTER_REDRAW_MS = 500;
/** Under a filter, a region's first render waits this long for a match (or the end) before saying "Searching…". */
const FILTER_FIRST_WAIT_MS = 1000;

type PlatformsState = { platforms: PlatformImage[] } | { error: unknown };

export class ExplorerTree implements vscode.TreeDataProvider<ExplorerNode>, TreeRefresher, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly filterChanged = new vscode.EventEmitter<string>();
  /** Fires the new filter text ('' when cleared). */
  readonly onDidChangeFilter = this.filterChanged.event;

  private readonly repositoryLists = new Map<string, PagedList<Repository>>();
  /** Under a filter: how many matches each region shows (Load more adds a page worth). */
  private readonly shownMatches = new Map<string, number>();
  /** Under a filter: the matching repositories each region shows, for its namespace folders. */
  private readonly filteredRepositories = new Map<string, readonly Repository[]>();
  /** Regions whose index the tree follows (redraws as pages arrive), and when each last redrew. */
  /** Under a filter, regions redraw as their index grows (throttled). */
  private readonly redraws = new ThrottledRedraw(FILTER_REDRAW_MS, (key) => this.fire(key), () => this.filterText !== '');
  private readonly imageLists = new Map<string, PagedList<Image>>();
  private readonly platforms = new Map<string, PlatformsState>();
  /** Account ids by profile; null while asked or after a failure (the description then omits it). */
  private readonly accountIds = new Map<string, string | null>();
  /** Storage estimates by node id (region or repository): bytes and image count. */
  private readonly estimates = new Map<string, { bytes: number; imageCount: number }>();
  /** Nodes VS Code was given, by id: refresh(target) fires the instance it knows. */
  private readonly known = new Map<string, ExplorerNode>();
  private profileInfo = new Map<string, AwsProfile>();
  private filterText = '';

  constructor(
    private readonly connections: ExplorerConnections,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    const trimmed = text.trim();
    if (trimmed === this.filterText) {
      return;
    }
    this.filterText = trimmed;
    this.shownMatches.clear();
    this.filteredRepositories.clear();
    this.filterChanged.fire(trimmed);
    this.changed.fire(undefined);
  }

  // ---- TreeDataProvider ----

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    if (node.kind === 'profile') {
      this.lookUpAccount(node);
    }
    return treeItemOf(node, this.itemContext());
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const children = await this.childrenOf(node);
    for (const child of children) {
      this.known.set(child.id, child);
    }
    return children;
  }

  private async childrenOf(node: ExplorerNode | undefined): Promise<ExplorerNode[]> {
    if (!node) {
      return this.profiles();
    }
    switch (node.kind) {
      case 'profile':
        if (node.regions.length === 0) {
          return node.info || node.profile === ENVIRONMENT_PROFILE ? [{ kind: 'chooseRegion', id: `${node.id}|chooseRegion`, parent: node }] : [];
        }
        return node.regions.map((region) => makeRegionNode(node, region));
      case 'region':
        return this.regionChildren(node);
      case 'namespace':
        return this.namespaceChildren(node);
      case 'repository':
        return this.repositoryChildren(node);
      case 'image':
        return node.image.isIndex ? this.platformChildren(node) : [];
      default:
        return [];
    }
  }

  private async profiles(): Promise<ProfileNode[]> {
    const chosen = configuredProfiles();
    if (chosen.length === 0) {
      return [];
    }
    try {
      this.profileInfo = new Map((await listAwsProfiles()).map((profile) => [profile.name, profile]));
    } catch (error) {
      this.log.error(`Could not read the AWS config files: ${error instanceof Error ? error.message : String(error)}`);
    }
    const regions = configuredRegions();
    const missing = chosen.filter((name) => name !== ENVIRONMENT_PROFILE && !this.profileInfo.has(name));
    if (missing.length > 0) {
      this.log.warn(`Profiles chosen in settings but absent from the AWS config files: ${missing.join(', ')}`);
    }
    return chosen.map((name) => {
      const info = this.profileInfo.get(name);
      const configRegion = name === ENVIRONMENT_PROFILE ? environmentRegion() : info?.region;
      return makeProfileNode(name, info, info || name === ENVIRONMENT_PROFILE ? regionsOfProfile(name, regions, configRegion) : []);
    });
  }

  private async regionChildren(region: RegionNode): Promise<ExplorerNode[]> {
    if (this.filterText !== '') {
      return this.filteredRegionChildren(region);
    }
    const list = this.repositoryList(region.connection);
    if (!list.loadedOnce) {
      await list.loadMore();
      if (!list.complete && !list.error && indexRepositoriesInBackground()) {
        // ECR pages are read one after another (~30 ms per 1,000 names): reading a big region's
        // names while the user looks at its first page is what lets Find Repository and the filter
        // answer their first keystroke at once instead of seconds later.
        repositoryIndexes(this.connections).get(region.connection).ensure();
      }
    }
    const problem = this.problemOf(list, region, region.connection, 'DescribeRepositories');
    if (problem && list.items.length === 0) {
      return [problem];
    }
    const nodes = this.repositoryNodes(region, list.items);
    if (problem) {
      nodes.push(problem);
    } else if (!list.complete) {
      nodes.push(this.loadMoreNode(region));
    }
    return nodes;
  }

  /**
   * Under a filter, a region shows the matches its repository index has found so far (a page
   * worth, Load more for more), built only for the ones shown; while the index is read, a
   * "Searching… N read" node says so, and the region redraws as pages arrive. The paged list of
   * the unfiltered view is left as it was: clearing the filter shows it again.
   */
  private async filteredRegionChildren(region: RegionNode): Promise<ExplorerNode[]> {
    const key = connectionKey(region.connection);
    const query = this.filterText;
    const index = repositoryIndexes(this.connections).get(region.connection);
    this.redraws.follow(key, index);
    index.ensure();
    if (index.search(query, 1).total === 0 && index.scanning) {
      // The first render waits a moment for a match rather than flash an empty "Searching…".
      await withDeadline(
        index.until(() => index.search(query, 1).total > 0),
        FILTER_FIRST_WAIT_MS,
      );
    }
    if (this.filterText !== query) {
      return [];
    }
    const limit = this.shownMatches.get(key) ?? pageSize();
    const result = index.search(query, limit);
    this.filteredRepositories.set(key, result.matches);
    const problem = result.problem ? makeProblemNode(region, region.connection, this.logProblem(result.problem, region.connection, 'DescribeRepositories')) : undefined;
    if (problem && result.total === 0) {
      return [problem];
    }
    const nodes = this.repositoryNodes(region, result.matches);
    if (problem) {
      nodes.push(problem);
    } else if (result.scanning || !result.complete) {
      nodes.push({ kind: 'loadMore', id: `${region.id}|loadMore`, parent: region, searched: result.scanned });
    }
    if (!problem && result.total > result.matches.length) {
      // After "Searching…" (a different id) while the index is read: more matches than shown.
      nodes.push({ kind: 'loadMore', id: `${region.id}|moreMatches`, parent: region, matches: { shown: result.matches.length, total: result.total } });
    }
    return nodes;
  }

  private repositoryNodes(region: RegionNode, repositories: readonly Repository[]): ExplorerNode[] {
    const nodes: ExplorerNode[] = [];
    if (repositoryLayout() === 'nested') {
      const listing = listNamespace(repositories, '');
      nodes.push(...listing.folders.map((folder) => makeNamespaceNode(region, region, folder)));
      nodes.push(...listing.repositories.map((repository) => makeRepositoryNode(region, region, repository)));
    } else {
      nodes.push(...repositories.map((repository) => makeRepositoryNode(region, region, repository)));
    }
    return nodes;
  }

  private namespaceChildren(namespace: NamespaceNode): ExplorerNode[] {
    const key = connectionKey(namespace.connection);
    const repositories = this.filterText !== '' ? this.filteredRepositories.get(key) : this.repositoryLists.get(key)?.items;
    if (!repositories) {
      return [];
    }
    const listing = listNamespace(repositories, namespace.path);
    return [
      ...listing.folders.map((folder) => makeNamespaceNode(namespace, namespace.region, folder)),
      ...listing.repositories.map((repository) => makeRepositoryNode(namespace, namespace.region, repository)),
    ];
  }

  private async repositoryChildren(repository: RepositoryNode): Promise<ExplorerNode[]> {
    const list = this.imageList(repository.connection, repository.repository.name);
    if (!list.loadedOnce) {
      await list.loadMore();
    }
    const problem = this.problemOf(list, repository, repository.connection, 'DescribeImages');
    if (problem && list.items.length === 0) {
      return [problem];
    }
    const nodes: ExplorerNode[] = newestFirst(list.items).map((image) => makeImageNode(repository, image));
    if (problem) {
      nodes.push(problem);
    } else if (!list.complete) {
      nodes.push(this.loadMoreNode(repository));
    }
    return nodes;
  }

  private async platformChildren(image: ImageNode): Promise<ExplorerNode[]> {
    let state = this.platforms.get(image.id);
    if (!state) {
      try {
        const client = await this.connections.ecr(image.connection);
        state = { platforms: await listPlatforms(client, image.repository.name, image.image.digest) };
      } catch (error) {
        state = { error };
      }
      this.platforms.set(image.id, state);
    }
    if ('error' in state) {
      return [makeProblemNode(image, image.connection, this.describe(state.error, image.connection, 'BatchGetImage'))];
    }
    return state.platforms.map((platform) => makePlatformNode(image, platform));
  }

  private loadMoreNode(parent: ListOwner): LoadMoreNode {
    return { kind: 'loadMore', id: `${parent.id}|loadMore`, parent };
  }

  private problemOf(list: PagedList<unknown>, parent: ProblemNode['parent'], connection: Connection, operation: string): ProblemNode | undefined {
    if (!list.error) {
      return undefined;
    }
    return makeProblemNode(parent, connection, this.describe(list.error, connection, operation));
  }

  private describe(error: unknown, connection: Connection, operation: string): AwsProblem {
    return this.logProblem(describeAwsProblem(error, connection, this.profileInfo.get(connection.profile)?.credentialKind), connection, operation);
  }

  private logProblem(problem: AwsProblem, connection: Connection, operation: string): AwsProblem {
    this.log.error(`${operation} ${connection.profile}/${connection.region}: ${problem.kind}${problem.errorName ? ` (${problem.errorName})` : ''}: ${problem.message}`);
    return problem;
  }

  private repositoryList(connection: Connection): PagedList<Repository> {
    const key = connectionKey(connection);
    let list = this.repositoryLists.get(key);
    if (!list) {
      list = new PagedList(async (request) => listRepositoriesPage(await this.connections.ecr(connection), request), pageSize());
      this.repositoryLists.set(key, list);
    }
    return list;
  }

  private imageList(connection: Connection, repositoryName: string): PagedList<Image> {
    const key = repositoryKey(connection, repositoryName);
    let list = this.imageLists.get(key);
    if (!list) {
      // ECR lists images in no particular order: reading as many as it allows per request (1,000)
      // makes "newest first" exact for every repository of up to 1,000 images, still in one request.
      list = new PagedList(async (request) => listImagesPage(await this.connections.ecr(connection), repositoryName, request), IMAGES_PER_REQUEST);
      this.imageLists.set(key, list);
    }
    return list;
  }

  // ---- what the rendering needs ----

  private itemContext(): ItemContext {
    const price = storagePrice();
    return {
      layout: repositoryLayout(),
      now: new Date(),
      pricePerGbMonth: price,
      accountId: (profile) => this.accountIds.get(profile) ?? undefined,
      storage: (node) => this.storageOf(node, price),
    };
  }

  private storageOf(node: RegionNode | RepositoryNode, price: number): (StorageEstimate & { estimated: boolean }) | undefined {
    const estimate = this.estimates.get(node.id);
    if (estimate) {
      return { ...estimate, monthlyCostUsd: monthlyCost(estimate.bytes, price), estimated: true };
    }
    if (node.kind === 'repository') {
      const list = this.imageLists.get(repositoryKey(node.connection, node.repository.name));
      if (list?.complete) {
        const known = storageOfImages(list.items);
        return { ...known, monthlyCostUsd: monthlyCost(known.bytes, price), estimated: false };
      }
    }
    return undefined;
  }

  private lookUpAccount(node: ProfileNode): void {
    const region = node.regions[0];
    if (this.accountIds.has(node.profile) || region === undefined || (!node.info && node.profile !== ENVIRONMENT_PROFILE)) {
      return;
    }
    this.accountIds.set(node.profile, null);
    const connection = { profile: node.profile, region };
    const account = this.connections.clients().then((clients) => clients.accountId(connection));
    account.then(
      (id) => {
        this.accountIds.set(node.profile, id);
        this.changed.fire(this.known.get(node.id) ?? node);
      },
      (error: unknown) => {
        // The regions show what went wrong; the profile just goes without its account id.
        this.log.debug(`No account id for ${node.profile}: ${error instanceof Error ? error.name : String(error)}`);
      },
    );
  }

  // ---- commands the tree serves ----

  /** TreeRefresher: refetches a region's repositories or a repository's images and settings; everything without a target. */
  refresh(target?: RegionNodeData | RepositoryNodeData): void {
    if (!target) {
      this.clear();
      this.changed.fire(undefined);
      return;
    }
    const regionId = connectionKey(target.connection);
    if (target.kind === 'region') {
      this.repositoryLists.delete(regionId);
      this.shownMatches.delete(regionId);
      repositoryIndexes(this.connections).invalidate(target.connection);
      this.estimates.delete(regionId);
      this.fire(regionId);
      return;
    }
    const id = repositoryKey(target.connection, target.repository.name);
    this.imageLists.delete(id);
    this.estimates.delete(id);
    this.dropPlatforms(`${id}|`);
    void this.reloadRepository(target);
    this.fire(id);
  }

  /** Fetches one repository's settings again (scan on push, mutability…) and redraws its parent; removes it when it is gone. */
  private async reloadRepository(target: RepositoryNodeData): Promise<void> {
    const list = this.repositoryLists.get(connectionKey(target.connection));
    const index = repositoryIndexes(this.connections).peek(target.connection);
    if (!list && !index) {
      return;
    }
    const name = target.repository.name;
    let fresh: Repository | undefined;
    try {
      fresh = await getRepository(await this.connections.ecr(target.connection), name);
    } catch (error) {
      const problem = describeAwsProblem(error, target.connection);
      if (problem.kind !== 'not-found') {
        this.log.warn(`DescribeRepositories ${name}: ${problem.message}`);
        return;
      }
    }
    list?.replace((repository) => repository.name === name, fresh);
    index?.replace(name, fresh);
    const node = this.known.get(repositoryKey(target.connection, name));
    this.changed.fire(node?.parent ?? this.known.get(connectionKey(target.connection)));
  }

  /** Draws again what is loaded (layout or price changed): no request. */
  redraw(): void {
    this.changed.fire(undefined);
  }

  /** Drops everything fetched for one profile (after sign-in, MFA, settings) and redraws. */
  refreshProfile(profile: string): void {
    const prefix = `${profile}|`;
    repositoryIndexes(this.connections).invalidate({ profile });
    for (const map of [this.repositoryLists, this.shownMatches, this.imageLists, this.platforms, this.estimates] as Array<Map<string, unknown>>) {
      for (const key of [...map.keys()]) {
        if (key.startsWith(prefix)) {
          map.delete(key);
        }
      }
    }
    this.accountIds.delete(profile);
    this.changed.fire(undefined);
  }

  async loadMore(node: LoadMoreNode): Promise<void> {
    const parent = node.parent;
    if (parent.kind === 'region' && node.matches) {
      // Under a filter: the matches are read already; show a page worth more.
      const key = connectionKey(parent.connection);
      this.shownMatches.set(key, (this.shownMatches.get(key) ?? pageSize()) + pageSize());
    } else if (parent.kind === 'region') {
      await this.repositoryList(parent.connection).loadMore();
    } else {
      await this.imageList(parent.connection, parent.repository.name).loadMore();
    }
    this.changed.fire(this.known.get(parent.id) ?? parent);
  }

  /** Retry on a problem node: goes on from where the list failed (or starts again when nothing loaded). */
  retry(node: ProblemNode): void {
    const parent = node.parent;
    if (['expired-credentials', 'no-credentials', 'sso-login', 'mfa-required'].includes(node.problem.kind)) {
      this.connections.forget(node.connection.profile);
      this.refreshProfile(node.connection.profile);
      return;
    }
    if (parent.kind === 'region' && this.filterText !== '') {
      repositoryIndexes(this.connections).get(parent.connection).ensure({ retryFailed: true });
    } else if (parent.kind === 'region') {
      this.retryList(this.repositoryLists, connectionKey(parent.connection));
    } else if (parent.kind === 'repository') {
      this.retryList(this.imageLists, repositoryKey(parent.connection, parent.repository.name));
    } else if (parent.kind === 'image') {
      this.platforms.delete(parent.id);
    } else {
      this.refreshProfile(node.connection.profile);
      return;
    }
    this.changed.fire(this.known.get(parent.id) ?? parent);
  }

  private retryList(lists: Map<string, PagedList<unknown>>, key: string): void {
    const list = lists.get(key);
    if (list && list.items.length === 0) {
      lists.delete(key);
    } else if (list) {
      void list.loadMore().then(() => this.fire(key));
    }
  }

  /** Keeps a storage estimate; a region's estimate also gives each repository its own. */
  setEstimate(node: RegionNodeData | RepositoryNodeData, estimate: { bytes: number; imageCount: number }, perRepository?: ReadonlyMap<string, { bytes: number; imageCount: number }>): void {
    if (node.kind === 'region') {
      const id = connectionKey(node.connection);
      this.estimates.set(id, { bytes: estimate.bytes, imageCount: estimate.imageCount });
      for (const [name, repositoryEstimate] of perRepository ?? []) {
        this.estimates.set(repositoryKey(node.connection, name), { bytes: repositoryEstimate.bytes, imageCount: repositoryEstimate.imageCount });
      }
      this.fire(id);
    } else {
      const id = repositoryKey(node.connection, node.repository.name);
      this.estimates.set(id, { bytes: estimate.bytes, imageCount: estimate.imageCount });
      const known = this.known.get(id);
      this.changed.fire(known?.parent ?? undefined);
    }
  }

  /**
   * The repository node of `name`, found the way the tree shows it (the profile and region must
   * be chosen), loading pages until it is there; undefined when the region has no such repository.
   */
  async findRepositoryNode(connection: Connection, name: string): Promise<RepositoryNode | undefined> {
    const profile = (await this.getChildren()).find((node): node is ProfileNode => node.kind === 'profile' && node.profile === connection.profile);
    if (!profile) {
      return undefined;
    }
    const region = (await this.getChildren(profile)).find((node): node is RegionNode => node.kind === 'region' && node.connection.region === connection.region);
    if (!region) {
      return undefined;
    }
    if (this.filterText !== '') {
      // Under a filter the region shows what its index read: wait until the name is read (or the scan ends).
      const index = repositoryIndexes(this.connections).get(connection);
      index.ensure();
      await index.until(() => index.find(name) !== undefined);
      if (!index.find(name)) {
        return undefined;
      }
    } else {
      const list = this.repositoryList(connection);
      const exact = (repository: Repository): boolean => repository.name === name;
      while (!list.items.some(exact) && !list.complete) {
        await list.loadMore(exact, 1, SEARCH_PAGE_SIZE);
        if (list.error) {
          return undefined;
        }
      }
      if (!list.items.some(exact)) {
        return undefined;
      }
    }
    let parent: RegionNode | NamespaceNode = region;
    for (;;) {
      const children: ExplorerNode[] = await this.getChildren(parent);
      const repository = children.find((node): node is RepositoryNode => node.kind === 'repository' && node.repository.name === name);
      if (repository) {
        return repository;
      }
      const folder = children.find((node): node is NamespaceNode => node.kind === 'namespace' && name.startsWith(node.path));
      if (!folder) {
        return undefined;
      }
      parent = folder;
    }
  }

  private fire(id: string): void {
    this.changed.fire(this.known.get(id));
  }

  private dropPlatforms(prefix: string): void {
    for (const key of [...this.platforms.keys()]) {
      if (key.startsWith(prefix)) {
        this.platforms.delete(key);
      }
    }
  }

  private clear(): void {
    this.repositoryLists.clear();
    this.shownMatches.clear();
    this.filteredRepositories.clear();
    this.redraws.stopAll();
    repositoryIndexes(this.connections).invalidate();
    this.imageLists.clear();
    this.platforms.clear();
    this.accountIds.clear();
    this.estimates.clear();
    this.known.clear();
  }

  dispose(): void {
    this.redraws.stopAll();
    this.changed.dispose();
    this.filterChanged.dispose();
  }
}

/** Waits for `work`, but no longer than `ms`. */
async function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** The region environment credentials use, as the SDK and CLI read it. */
function environmentRegion(): string | undefined {
  return process.env.AWS_REGION?.trim() || process.env.AWS_DEFAULT_REGION?.trim() || undefined;
}
