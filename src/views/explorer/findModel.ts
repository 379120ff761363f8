// The state behind "Find Repository": the matches of one query over the repository indexes of
// every chosen profile/region. Opening the picker starts (or reuses) their background scans; a
// keystroke only re-filters what is read (no request, no restart), and each page the scans read
// updates the matches. Capped so the quick pick stays quick. Pure: the indexes are injected.
import type { AwsProblem, Connection, Repository } from '../../ecr/model';
import type { IndexSearchResult } from '../../ecr/repositoryIndex';

export interface FoundRepository {
  readonly connection: Connection;
  readonly repository: Repository;
}

/** What the finder needs of a RepositoryIndex. */
export interface SearchableIndex {
  readonly connection: Connection;
  ensure(options?: { retryFailed?: boolean }): void;
  search(query: string, limit: number): IndexSearchResult;
  onChange(listener: () => void): () => void;
}

export interface FinderState {
  readonly query: string;
  readonly matches: readonly FoundRepository[];
  /** True when more matched than the cap: the list says so. */
  readonly capped: boolean;
  /** Repositories read so far, over all sources. */
  readonly scanned: number;
  /** True while any source is still being read. */
  readonly busy: boolean;
  readonly problems: ReadonlyArray<{ connection: Connection; problem: AwsProblem }>;
}

export class RepositoryFinder {
  private query = '';
  private state: FinderState = { query: '', matches: [], capped: false, scanned: 0, busy: false, problems: [] };
  private unsubscribe: Array<() => void> = [];

  constructor(
    private readonly indexes: readonly SearchableIndex[],
    private readonly onChange: (state: FinderState) => void,
    private readonly cap = 300,
  ) {}

  get current(): FinderState {
    return this.state;
  }

  /** Starts or reuses every source's scan (a failed one is tried again: the user asked anew) and follows its pages. */
  start(): void {
    if (this.unsubscribe.length === 0) {
      this.unsubscribe = this.indexes.map((index) => index.onChange(() => this.recompute()));
    }
    for (const index of this.indexes) {
      index.ensure({ retryFailed: true });
    }
    this.recompute();
  }

  /** Filters what is read so far, at once; an empty query shows no matches. */
  setQuery(query: string): void {
    this.query = query.trim();
    this.recompute();
  }

  dispose(): void {
    for (const stop of this.unsubscribe) {
      stop();
    }
    this.unsubscribe = [];
  }

  private recompute(): void {
    const query = this.query;
    const matches: FoundRepository[] = [];
    const problems: Array<{ connection: Connection; problem: AwsProblem }> = [];
    let scanned = 0;
    let busy = false;
    let capped = false;
    for (const index of this.indexes) {
      const room = Math.max(0, this.cap - matches.length);
      const result = query === '' ? index.search('', 0) : index.search(query, room);
      scanned += result.scanned;
      busy ||= result.scanning;
      if (result.problem) {
        problems.push({ connection: index.connection, problem: result.problem });
      }
      if (query !== '') {
        capped ||= result.total > room;
        matches.push(...result.matches.map((repository) => ({ connection: index.connection, repository })));
      }
    }
    this.state = { query, matches, capped, scanned, busy, problems };
    this.onChange(this.state);
  }
}
