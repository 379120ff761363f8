// The state behind "Find Repository": one streaming search at a time over every chosen
// profile/region, restarted (the old one aborted) when the text changes, with the matches
// capped so the quick pick stays quick. Pure: the search itself is injected.
import type { AwsProblem, Connection, Repository } from '../../ecr/model';

export interface FoundRepository {
  readonly connection: Connection;
  readonly repository: Repository;
}

/** What the search yields, as the core's searchRepositories does (SearchProgress). */
export interface FinderProgress {
  readonly connection: Connection;
  readonly matches: readonly Repository[];
  readonly scanned: number;
  readonly done: boolean;
  readonly problem?: AwsProblem;
}

export type Search = (query: string, signal: AbortSignal) => AsyncIterable<FinderProgress>;

export interface FinderState {
  readonly query: string;
  readonly matches: readonly FoundRepository[];
  /** True when more matched than the cap: the list says so. */
  readonly capped: boolean;
  /** Repositories looked at so far, over all sources. */
  readonly scanned: number;
  readonly busy: boolean;
  readonly problems: ReadonlyArray<{ connection: Connection; problem: AwsProblem }>;
}

export class RepositoryFinder {
  private controller: AbortController | undefined;
  private state: FinderState = { query: '', matches: [], capped: false, scanned: 0, busy: false, problems: [] };
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly search: Search,
    private readonly onChange: (state: FinderState) => void,
    private readonly cap = 300,
  ) {}

  get current(): FinderState {
    return this.state;
  }

  /** The promise of the search running now (tests and callers that want the end). */
  get settled(): Promise<void> {
    return this.running;
  }

  /** Starts a search for `query` (aborting the one before); an empty query clears the list. */
  setQuery(query: string): void {
    this.controller?.abort();
    const trimmed = query.trim();
    if (trimmed === '') {
      this.controller = undefined;
      this.update({ query: trimmed, matches: [], capped: false, scanned: 0, busy: false, problems: [] });
      this.running = Promise.resolve();
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    this.update({ query: trimmed, matches: [], capped: false, scanned: 0, busy: true, problems: [] });
    this.running = this.run(trimmed, controller);
  }

  dispose(): void {
    this.controller?.abort();
  }

  private async run(query: string, controller: AbortController): Promise<void> {
    const scannedBySource = new Map<string, number>();
    const matches: FoundRepository[] = [];
    const problems: Array<{ connection: Connection; problem: AwsProblem }> = [];
    let capped = false;
    try {
      for await (const progress of this.search(query, controller.signal)) {
        if (controller.signal.aborted) {
          return;
        }
        scannedBySource.set(`${progress.connection.profile}|${progress.connection.region}`, progress.scanned);
        for (const repository of progress.matches) {
          if (matches.length < this.cap) {
            matches.push({ connection: progress.connection, repository });
          } else {
            capped = true;
          }
        }
        if (progress.problem) {
          problems.push({ connection: progress.connection, problem: progress.problem });
        }
        this.update({ query, matches: [...matches], capped, scanned: sum(scannedBySource), busy: true, problems: [...problems] });
        if (capped) {
          // Enough to show: stop paging, the user narrows the text instead.
          controller.abort();
          break;
        }
      }
    } catch (error) {
      if (controller.signal.aborted) {
        if (!capped) {
          return;
        }
      } else {
        const message = error instanceof Error ? error.message : String(error);
        problems.push({
          connection: { profile: '', region: '' },
          problem: { kind: 'service', message, retryable: true },
        });
      }
    }
    if (this.controller === controller) {
      this.update({ query, matches: [...matches], capped, scanned: sum(scannedBySource), busy: false, problems: [...problems] });
    }
  }

  private update(state: FinderState): void {
    this.state = state;
    this.onChange(state);
  }
}

function sum(values: Map<string, number>): number {
  let total = 0;
  for (const value of values.values()) {
    total += value;
  }
  return total;
}
