// A compact, per-connection index of repository names for "Find Repository" and the tree filter.
// ECR has no server-side name filter, so one background scan pages through DescribeRepositories
// (1,000 per page) once, and every query after that is answered at once from memory, however
// often the text changes. Only what a Repository cannot be rebuilt from is kept per entry: the
// name, the creation time and a byte of settings; the URI, ARN and registry id come from one
// template per connection. A KMS key or exclusion filters are kept by slot, shared between the
// repositories that use the same ones (many use one key); only an entry whose URI does not fit the
// template keeps its full object. 100,000 repositories cost a few MiB, not 60.
// With a store (indexSnapshot.ts), a complete scan is kept for the next session, which answers
// from it at once (not complete, still scanning) until its own rescan replaces it.
import { describeAwsProblem } from './awsProblems';
import {
  checkSnapshot,
  DEFAULT_SNAPSHOT_MAX_AGE_MS,
  ENCRYPTIONS,
  fromSnapshotRepository,
  MUTABILITIES,
  SNAPSHOT_VERSION,
  toSnapshotRepository,
  type IndexSnapshot,
  type IndexStore,
} from './indexSnapshot';
import type { AwsProblem, Connection, Page, Repository } from './model';

/** Reads one page of repositories; the index asks for `maxResults` 1,000 and aborts through `signal`. */
export type RepositoryPager = (request: { nextToken?: string; maxResults: number }, signal: AbortSignal) => Promise<Page<Repository>>;

export interface RepositoryIndexOptions {
  /** Entries older than this are rescanned in the background on next use (the old ones answer meanwhile). */
  readonly maxAgeMs?: number;
  readonly pageSize?: number;
  /** The clock, for tests of staleness. */
  readonly now?: () => number;
  /**
   * Where the last complete scan is kept between sessions: loaded on first use (answering at once,
   * marked not complete while the rescan runs), saved when a scan completes.
   */
  readonly store?: IndexStore;
  /** A stored snapshot older than this is ignored. */
  readonly snapshotMaxAgeMs?: number;
  /** Told about a snapshot that could not be read or saved (never fatal: the index scans as usual). */
  readonly log?: (message: string) => void;
}

export interface IndexSearchResult {
  /** The first `limit` matches, in the order ECR listed them. */
  readonly matches: Repository[];
  /** How many entries match in all (may exceed matches.length). */
  readonly total: number;
  readonly scanned: number;
  /** True once every page was read (and no failure stopped the scan). */
  readonly complete: boolean;
  /** True while a scan (the first one, or a rescan) is running. */
  readonly scanning: boolean;
  readonly problem?: AwsProblem;
}

export const DEFAULT_MAX_AGE_MS = 5 * 60_000;


/** How a Repository's URI, ARN and registry id follow from its name in one connection. */
interface Template {
  readonly uriPrefix: string;
  readonly arnPrefix: string;
  readonly registryId: string;
}

/** The entries of one scan: parallel arrays, one slot per repository. */
class Entries {
  readonly names: string[] = [];
  /** createdAt in ms, NaN when ECR gave none. */
  readonly created: number[] = [];
  /** mutability (2 bits) | encryption << 2 (2 bits) | scanOnPush << 4. */
  readonly flags: number[] = [];
  /** KMS keys by slot; equal keys are one string (see `shared`). */
  readonly kmsKeys = new Map<number, string>();
  /** Exclusion filters by slot; equal lists are one array. */
  readonly exclusions = new Map<number, readonly string[]>();
  /** Entries the template and flags cannot rebuild exactly, by slot. */
  readonly odd = new Map<number, Repository>();
  template: Template | undefined;
  private readonly sharedKeys = new Map<string, string>();
  private readonly sharedExclusions = new Map<string, readonly string[]>();

  get size(): number {
    return this.names.length;
  }

  add(repository: Repository): void {
    this.template ??= templateOf(repository);
    const slot = this.names.length;
    this.names.push(repository.name);
    this.created.push(repository.createdAt?.getTime() ?? Number.NaN);
    this.flags.push(flagsOf(repository));
    this.keepExtras(slot, repository);
  }

  /** What the flags cannot hold: the KMS key and exclusion filters, or the whole odd entry. */
  private keepExtras(slot: number, repository: Repository): void {
    this.kmsKeys.delete(slot);
    this.exclusions.delete(slot);
    this.odd.delete(slot);
    if (!this.rebuildsExactly(repository)) {
      this.odd.set(slot, repository);
      return;
    }
    const kmsKey = repository.encryption.kmsKey;
    if (kmsKey !== undefined) {
      const shared = this.sharedKeys.get(kmsKey) ?? kmsKey;
      this.sharedKeys.set(shared, shared);
      this.kmsKeys.set(slot, shared);
    }
    if (repository.tagMutabilityExclusions.length > 0) {
      const key = repository.tagMutabilityExclusions.join('\n');
      const shared = this.sharedExclusions.get(key) ?? [...repository.tagMutabilityExclusions];
      this.sharedExclusions.set(key, shared);
      this.exclusions.set(slot, shared);
    }
  }

  repositoryAt(slot: number): Repository {
    const odd = this.odd.get(slot);
    if (odd) {
      return odd;
    }
    const name = this.names[slot] ?? '';
    const flags = this.flags[slot] ?? 0;
    const created = this.created[slot] ?? Number.NaN;
    const template = this.template ?? { uriPrefix: '', arnPrefix: '', registryId: '' };
    const kmsKey = this.kmsKeys.get(slot);
    return {
      name,
      uri: template.uriPrefix + name,
      arn: template.arnPrefix + name,
      registryId: template.registryId,
      ...(Number.isNaN(created) ? {} : { createdAt: new Date(created) }),
      tagMutability: MUTABILITIES[flags & 3] ?? 'MUTABLE',
      tagMutabilityExclusions: [...(this.exclusions.get(slot) ?? [])],
      scanOnPush: (flags & 16) !== 0,
      encryption: { type: ENCRYPTIONS[(flags >> 2) & 3] ?? 'AES256', ...(kmsKey !== undefined ? { kmsKey } : {}) },
    };
  }

  /** The arrays as they are, with the keys and exclusion lists each written once. */
  toSnapshot(connection: Connection, savedAt: number): IndexSnapshot {
    const keyTable: string[] = [];
    const keyAt = new Map<string, number>();
    const kmsKeys: Array<[number, number]> = [];
    for (const [slot, key] of this.kmsKeys) {
      let at = keyAt.get(key);
      if (at === undefined) {
        at = keyTable.push(key) - 1;
        keyAt.set(key, at);
      }
      kmsKeys.push([slot, at]);
    }
    const exclusionTable: Array<readonly string[]> = [];
    const listAt = new Map<readonly string[], number>();
    const exclusions: Array<[number, number]> = [];
    for (const [slot, list] of this.exclusions) {
      let at = listAt.get(list);
      if (at === undefined) {
        at = exclusionTable.push(list) - 1;
        listAt.set(list, at);
      }
      exclusions.push([slot, at]);
    }
    return {
      version: SNAPSHOT_VERSION,
      profile: connection.profile,
      region: connection.region,
      savedAt,
      template: this.template ?? null,
      names: [...this.names],
      created: this.created.map((time) => (Number.isNaN(time) ? null : time)),
      flags: [...this.flags],
      keyTable,
      kmsKeys,
      exclusionTable,
      exclusions,
      odd: [...this.odd].map(([slot, repository]) => [slot, toSnapshotRepository(repository)] as const),
    };
  }

  /** Rebuilds the arrays of a checked snapshot (checkSnapshot), sharing keys and lists as add() does. */
  static fromSnapshot(snapshot: IndexSnapshot): Entries {
    const entries = new Entries();
    entries.template = snapshot.template ?? undefined;
    entries.names.push(...snapshot.names);
    entries.created.push(...snapshot.created.map((time) => time ?? Number.NaN));
    entries.flags.push(...snapshot.flags);
    for (const [slot, at] of snapshot.kmsKeys) {
      const key = snapshot.keyTable[at]!;
      const shared = entries.sharedKeys.get(key) ?? key;
      entries.sharedKeys.set(shared, shared);
      entries.kmsKeys.set(slot, shared);
    }
    for (const [slot, at] of snapshot.exclusions) {
      const list = snapshot.exclusionTable[at]!;
      const key = list.join('\n');
      const shared = entries.sharedExclusions.get(key) ?? [...list];
      entries.sharedExclusions.set(key, shared);
      entries.exclusions.set(slot, shared);
    }
    for (const [slot, stored] of snapshot.odd) {
      entries.odd.set(slot, fromSnapshotRepository(stored));
    }
    return entries;
  }

  /** Replaces (or with undefined removes) the entry of `name`; adds it when absent. */
  replace(name: string, repository: Repository | undefined): void {
    const slot = this.names.indexOf(name);
    if (slot < 0) {
      if (repository) {
        this.add(repository);
      }
      return;
    }
    if (!repository) {
      this.names.splice(slot, 1);
      this.created.splice(slot, 1);
      this.flags.splice(slot, 1);
      shiftSlots(this.odd, slot);
      shiftSlots(this.kmsKeys, slot);
      shiftSlots(this.exclusions, slot);
      return;
    }
    this.names[slot] = repository.name;
    this.created[slot] = repository.createdAt?.getTime() ?? Number.NaN;
    this.flags[slot] = flagsOf(repository);
    this.keepExtras(slot, repository);
  }

  private rebuildsExactly(repository: Repository): boolean {
    const template = this.template;
    return (
      template !== undefined &&
      repository.uri === template.uriPrefix + repository.name &&
      repository.arn === template.arnPrefix + repository.name &&
      repository.registryId === template.registryId &&
      MUTABILITIES.includes(repository.tagMutability) &&
      ENCRYPTIONS.includes(repository.encryption.type) &&
      (repository.createdAt === undefined || !Number.isNaN(repository.createdAt.getTime()))
    );
  }
}

/** After the entry at `removed` goes, the entries keyed by later slots move down by one. */
function shiftSlots<T>(bySlot: Map<number, T>, removed: number): void {
  const kept = [...bySlot].filter(([slot]) => slot !== removed);
  bySlot.clear();
  for (const [slot, value] of kept) {
    bySlot.set(slot > removed ? slot - 1 : slot, value);
  }
}

function templateOf(repository: Repository): Template {
  const cut = (text: string): string => (text.endsWith(repository.name) ? text.slice(0, text.length - repository.name.length) : '');
  return { uriPrefix: cut(repository.uri), arnPrefix: cut(repository.arn), registryId: repository.registryId };
}

function flagsOf(repository: Repository): number {
  return (
    Math.max(0, MUTABILITIES.indexOf(repository.tagMutability)) |
    (Math.max(0, ENCRYPTIONS.indexOf(repository.encryption.type)) << 2) |
    (repository.scanOnPush ? 16 : 0)
  );
}

/** The names of one profile/region, filled by one background scan at a time. */
export class RepositoryIndex {
  /** What searches read: the last complete scan, or the first scan while it runs. */
  private entries = new Entries();
  /** A rescan's entries, swapped in when it completes. */
  private next: Entries | undefined;
  private complete = false;
  /** The entries came from the last session's snapshot: a scan must start over (rescan), never append. */
  private fromSnapshot = false;
  /** The snapshot is read once, on first use; invalidate() gives it up too. */
  private snapshotTried = false;
  private scannedAt: number | undefined;
  private failure: AwsProblem | undefined;
  private controller: AbortController | undefined;
  /** Where the scan that failed stopped: a retry goes on from there. */
  private resumeToken: string | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly maxAgeMs: number;
  private readonly pageSize: number;
  private readonly now: () => number;
  private readonly store: IndexStore | undefined;
  private readonly snapshotMaxAgeMs: number;
  private readonly log: (message: string) => void;

  constructor(
    readonly connection: Connection,
    private readonly pager: RepositoryPager,
    options: RepositoryIndexOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.pageSize = options.pageSize ?? 1000;
    this.now = options.now ?? Date.now;
    this.store = options.store;
    this.snapshotMaxAgeMs = options.snapshotMaxAgeMs ?? DEFAULT_SNAPSHOT_MAX_AGE_MS;
    this.log = options.log ?? (() => undefined);
  }

  get scanning(): boolean {
    return this.controller !== undefined;
  }

  get scanned(): number {
    return this.entries.size;
  }

  get isComplete(): boolean {
    return this.complete;
  }

  get problem(): AwsProblem | undefined {
    return this.failure;
  }

  /**
   * Starts the scan when there is none yet, when the entries are older than maxAgeMs (a rescan
   * that keeps the old names until it completes), or, with `retryFailed`, after a failure (going
   * on from the page that failed). Does nothing while a scan runs. Never throws.
   */
  ensure(options: { retryFailed?: boolean } = {}): void {
    if (this.controller) {
      return;
    }
    if (this.failure) {
      if (options.retryFailed) {
        this.start(this.complete || this.fromSnapshot ? 'rescan' : 'resume');
      }
      return;
    }
    if (!this.complete) {
      this.start(this.fromSnapshot || (this.store !== undefined && !this.snapshotTried) ? 'rescan' : 'resume');
    } else if (this.scannedAt !== undefined && this.now() - this.scannedAt > this.maxAgeMs) {
      this.start('rescan');
    }
  }

  /** Answers from what has been read so far; matched as matchesRepositoryQuery does (every word, any case). */
  search(query: string, limit: number): IndexSearchResult {
    const entries = this.entries;
    const matches: Repository[] = [];
    let total = 0;
    const words = query.toLowerCase().split(/\s+/).filter((word) => word !== '');
    const names = entries.names;
    for (let slot = 0; slot < names.length; slot++) {
      const name = names[slot]!;
      if (matchesWords(name, words)) {
        if (total < limit) {
          matches.push(entries.repositoryAt(slot));
        }
        total += 1;
      }
    }
    return {
      matches,
      total,
      scanned: entries.size,
      complete: this.complete,
      scanning: this.scanning,
      ...(this.failure ? { problem: this.failure } : {}),
    };
  }

  /** The entry named exactly `name`, if read so far. */
  find(name: string): Repository | undefined {
    const slot = this.entries.names.indexOf(name);
    return slot < 0 ? undefined : this.entries.repositoryAt(slot);
  }

  /** After a change made elsewhere (settings changed, deleted, created): keeps the index true without a rescan. */
  replace(name: string, repository: Repository | undefined): void {
    this.entries.replace(name, repository);
    this.next?.replace(name, repository);
    this.notify();
  }

  /** Called after every page, failure and completion; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves once `ready()` holds or no scan runs any more (complete, failed or aborted):
   * e.g. "a match was read" or "this name was read".
   */
  until(ready: () => boolean): Promise<void> {
    if (ready() || !this.scanning) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const stop = this.onChange(() => {
        if (ready() || !this.scanning) {
          stop();
          resolve();
        }
      });
    });
  }

  /** Forgets everything (a Refresh of the view): the next ensure() scans from the start. */
  invalidate(): void {
    this.abort();
    this.entries = new Entries();
    this.next = undefined;
    this.complete = false;
    // What was stored may be what the user refreshes to get rid of: only the rescan's names count now.
    this.fromSnapshot = false;
    this.snapshotTried = true;
    this.scannedAt = undefined;
    this.failure = undefined;
    this.resumeToken = undefined;
    this.notify();
  }

  /** Stops the scan in flight; what was read stays, and ensure() goes on from there. */
  abort(): void {
    const controller = this.controller;
    if (controller) {
      this.controller = undefined;
      controller.abort();
      this.notify();
    }
  }

  dispose(): void {
    this.abort();
    this.listeners.clear();
  }

  private start(mode: 'resume' | 'rescan'): void {
    const controller = new AbortController();
    this.controller = controller;
    this.failure = undefined;
    void this.scan(controller, mode);
  }

  private async scan(controller: AbortController, mode: 'resume' | 'rescan'): Promise<void> {
    if (this.store && !this.snapshotTried) {
      this.snapshotTried = true;
      await this.loadSnapshot(this.store, controller.signal);
      if (controller.signal.aborted) {
        return;
      }
      if (!this.fromSnapshot) {
        // Nothing usable was stored: read the region as a first scan does, answering page by page.
        mode = 'resume';
      }
    }
    const target = mode === 'rescan' ? (this.next ??= new Entries()) : this.entries;
    let token = mode === 'rescan' ? undefined : this.resumeToken;
    try {
      do {
        const page = await this.pager({ ...(token ? { nextToken: token } : {}), maxResults: this.pageSize }, controller.signal);
        if (controller.signal.aborted) {
          return;
        }
        for (const repository of page.items) {
          target.add(repository);
        }
        token = page.nextToken;
        if (mode === 'resume') {
          this.resumeToken = token;
        }
        if (token === undefined) {
          break;
        }
        this.notify();
      } while (!controller.signal.aborted);
      if (controller.signal.aborted) {
        return;
      }
      if (mode === 'rescan') {
        this.entries = target;
        this.next = undefined;
      }
      this.complete = true;
      this.fromSnapshot = false;
      this.scannedAt = this.now();
      this.resumeToken = undefined;
      if (this.store) {
        void this.saveSnapshot(this.store, target, this.scannedAt);
      }
    } catch (error) {
      if (controller.signal.aborted) {
        return;
      }
      this.failure = describeAwsProblem(error, this.connection);
      if (mode === 'rescan') {
        // The old names still answer; a retry rescans from the start.
        this.next = undefined;
      }
    } finally {
      if (this.controller === controller) {
        this.controller = undefined;
        this.notify();
      }
    }
  }

  /** Takes the stored names as the entries to answer from until the rescan completes; a bad snapshot is logged and ignored. */
  private async loadSnapshot(store: IndexStore, signal: AbortSignal): Promise<void> {
    const where = `${this.connection.profile} in ${this.connection.region}`;
    try {
      const stored = await store.load(this.connection);
      if (stored === undefined) {
        return;
      }
      const snapshot = checkSnapshot(stored, this.connection, this.now(), this.snapshotMaxAgeMs);
      // A Refresh (or an abort) while the file was read wins over the old names.
      if (!signal.aborted) {
        this.entries = Entries.fromSnapshot(snapshot);
        this.fromSnapshot = true;
        this.notify();
      }
    } catch (error) {
      this.log(`The stored repository names of ${where} were not used (${messageOf(error)}); reading them from ECR.`);
    }
  }

  private async saveSnapshot(store: IndexStore, entries: Entries, savedAt: number): Promise<void> {
    try {
      await store.save(this.connection, entries.toSnapshot(this.connection, savedAt));
    } catch (error) {
      this.log(`The repository names of ${this.connection.profile} in ${this.connection.region} could not be stored for the next session (${messageOf(error)}).`);
    }
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A listener's failure is its own: the scan and the other listeners go on.
      }
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function matchesWords(name: string, words: readonly string[]): boolean {
  if (words.length === 0) {
    return true;
  }
  // ECR names are lower case already; toLowerCase() then returns the same string without copying.
  const lower = name.toLowerCase();
  for (const word of words) {
    if (!lower.includes(word)) {
      return false;
    }
  }
  return true;
}

/** The indexes of every connection, made on first use; what Find Repository and the tree share. */
export class RepositoryIndexes {
  private readonly indexes = new Map<string, RepositoryIndex>();

  constructor(
    private readonly pagerFor: (connection: Connection) => RepositoryPager,
    private readonly options: RepositoryIndexOptions = {},
  ) {}

  get(connection: Connection): RepositoryIndex {
    const key = keyOf(connection);
    let index = this.indexes.get(key);
    if (!index) {
      const pager = this.pagerFor(connection);
      index = new RepositoryIndex(connection, pager, this.options);
      this.indexes.set(key, index);
    }
    return index;
  }

  /** The index of `connection` if one was made. */
  peek(connection: Connection): RepositoryIndex | undefined {
    return this.indexes.get(keyOf(connection));
  }

  /** Invalidates one connection, all connections of a profile, or (without arguments) all. */
  invalidate(which?: Connection | { profile: string }): void {
    for (const index of this.indexes.values()) {
      const connection = index.connection;
      if (which === undefined || (connection.profile === which.profile && (!('region' in which) || which.region === connection.region))) {
        index.invalidate();
      }
    }
  }

  dispose(): void {
    for (const index of this.indexes.values()) {
      index.dispose();
    }
    this.indexes.clear();
  }
}

function keyOf(connection: Connection): string {
  return `${connection.profile}|${connection.region}`;
}
