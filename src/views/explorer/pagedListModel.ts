// A list the tree shows page by page: what has been fetched so far, where to go on, and the
// failure of the last fetch. Pure (no vscode), so that paging and filtering are unit-tested.
import type { Page } from '../../ecr/model';

export type PageFetcher<T> = (request: { nextToken?: string; maxResults: number }) => Promise<Page<T>>;

export class PagedList<T> {
  private loaded: T[] = [];
  private token: string | undefined;
  private started = false;
  private finished = false;
  private failure: unknown;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly fetchPage: PageFetcher<T>,
    private readonly pageSize: number,
  ) {}

  /** Everything fetched so far, in the order the pages came. */
  get items(): readonly T[] {
    return this.loaded;
  }

  /** How many items were looked at: what "Load more (searched N)" reports. */
  get scanned(): number {
    return this.loaded.length;
  }

  /** True once the last page has been fetched: nothing more to load. */
  get complete(): boolean {
    return this.finished;
  }

  /** True when at least one page (or a failure) has come back. */
  get loadedOnce(): boolean {
    return this.started;
  }

  get loading(): boolean {
    return this.pending !== undefined;
  }

  /** The error of the last fetch, until a later fetch succeeds. */
  get error(): unknown {
    return this.failure;
  }

  /**
   * Fetches pages until `wanted` new items pass `matches` (one page when no predicate is given)
   * or the end is reached. A call while another runs joins it instead of fetching twice.
   * Never rejects: a failure is kept in `error`, and the items fetched before it stay.
   * `maxResults` overrides the page size of these requests (a search reads bigger pages).
   */
  loadMore(matches?: (item: T) => boolean, wanted = this.pageSize, maxResults = this.pageSize): Promise<void> {
    this.pending ??= this.fetchUntil(matches, wanted, maxResults).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Replaces (or, with undefined, removes) the first item `where` picks: after a change made elsewhere. */
  replace(where: (item: T) => boolean, replacement: T | undefined): void {
    const index = this.loaded.findIndex(where);
    if (index >= 0) {
      this.loaded.splice(index, 1, ...(replacement === undefined ? [] : [replacement]));
    }
  }

  private async fetchUntil(matches: ((item: T) => boolean) | undefined, wanted: number, maxResults: number): Promise<void> {
    let found = 0;
    do {
      if (this.finished) {
        return;
      }
      let page: Page<T>;
      try {
        page = await this.fetchPage({ ...(this.token ? { nextToken: this.token } : {}), maxResults });
      } catch (error) {
        this.started = true;
        this.failure = error ?? new Error('Unknown failure');
        return;
      }
      this.started = true;
      this.failure = undefined;
      this.loaded.push(...page.items);
      found += matches ? page.items.filter(matches).length : page.items.length;
      this.token = page.nextToken;
      this.finished = !page.nextToken;
    } while (matches && found < wanted);
  }
}
