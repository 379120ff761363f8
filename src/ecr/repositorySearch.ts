// "Find Repository": ECR has no server-side name filter, so search pages through every
// repository of every chosen profile and region at once (1,000 per page, the most ECR allows)
// and hands over the matches of each page as soon as it arrives.
import type { ECRClient } from '@aws-sdk/client-ecr';
import { describeAwsProblem } from './awsProblems';
import type { AwsProblem, Connection, Repository } from './model';
import { listRepositoriesPage } from './repositories';

export interface RepositorySource {
  connection: Connection;
  client: ECRClient;
}

export interface SearchProgress {
  connection: Connection;
  /** The matches of the page just read (not the ones yielded before). */
  matches: Repository[];
  /** Repositories of this source read so far. */
  scanned: number;
  /** True on the last progress of this source (finished, or failed with `problem`). */
  done: boolean;
  problem?: AwsProblem;
}

/** Case-insensitive; every whitespace-separated word of the query must occur in the name. */
export function matchesRepositoryQuery(name: string, query: string): boolean {
  const lowerName = name.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => lowerName.includes(word));
}

/**
 * Pages all sources concurrently and yields after each page. A failing source yields one
 * progress with `problem` and done: true while the others go on. Aborting `signal` (or leaving
 * the loop early) cancels the requests in flight and ends the iteration without more results.
 */
export async function* searchRepositories(
  sources: readonly RepositorySource[],
  query: string,
  options: { signal?: AbortSignal; pageSize?: number } = {},
): AsyncIterable<SearchProgress> {
  const controller = new AbortController();
  const outerSignal = options.signal;
  const onAbort = () => controller.abort(outerSignal?.reason);
  if (outerSignal?.aborted) {
    return;
  }
  outerSignal?.addEventListener('abort', onAbort, { once: true });

  const queue: SearchProgress[] = [];
  let wake: (() => void) | undefined;
  const push = (progress: SearchProgress) => {
    queue.push(progress);
    wake?.();
  };
  controller.signal.addEventListener('abort', () => wake?.(), { once: true });

  const pageSize = options.pageSize ?? 1000;
  let running = sources.length;
  const pageThrough = async (source: RepositorySource) => {
    let scanned = 0;
    let nextToken: string | undefined;
    try {
      do {
        const page = await listRepositoriesPage(source.client, { ...(nextToken ? { nextToken } : {}), maxResults: pageSize }, controller.signal);
        if (controller.signal.aborted) {
          return;
        }
        scanned += page.items.length;
        nextToken = page.nextToken;
        push({
          connection: source.connection,
          matches: page.items.filter((repository) => matchesRepositoryQuery(repository.name, query)),
          scanned,
          done: nextToken === undefined,
        });
      } while (nextToken !== undefined);
    } catch (error) {
      if (!controller.signal.aborted) {
        push({ connection: source.connection, matches: [], scanned, done: true, problem: describeAwsProblem(error, source.connection) });
      }
    } finally {
      running -= 1;
      wake?.();
    }
  };
  const work = sources.map(pageThrough);

  try {
    while (!controller.signal.aborted) {
      const next = queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (running === 0) {
        break;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  } finally {
    outerSignal?.removeEventListener('abort', onAbort);
    controller.abort();
    // The page loops end on their own once aborted; they never reject (errors become problems).
    void Promise.allSettled(work);
  }
}
