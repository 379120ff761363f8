// Repositories and a hand-driven DescribeRepositories pager, shared by the tests of the repository
// index, its snapshots and Find Repository's model.
import * as assert from 'node:assert/strict';
import type { Page, Repository } from '../../../src/ecr/model';
import type { RepositoryPager } from '../../../src/ecr/repositoryIndex';

/** A repository as the core maps ECR's answer; `createdAt: undefined` leaves the key out, as ECR's mapping does. */
export function repository(name: string, overrides: Partial<Repository> = {}): Repository {
  const made: Repository = {
    name,
    uri: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/${name}`,
    arn: `arn:aws:ecr:eu-west-1:123456789012:repository/${name}`,
    registryId: '123456789012',
    createdAt: new Date(Date.UTC(2024, 0, 1 + name.length, 10, 11, 12, 345)),
    tagMutability: 'MUTABLE',
    tagMutabilityExclusions: [],
    scanOnPush: false,
    encryption: { type: 'AES256' },
    ...overrides,
  };
  if ('createdAt' in overrides && overrides.createdAt === undefined) {
    const undated: { -readonly [K in keyof Repository]: Repository[K] } = { ...made };
    delete undated.createdAt;
    return undated;
  }
  return made;
}

export interface HeldPagerOptions {
  /** The request for this page fails once (with `error`, a ThrottlingException by default). */
  failAt?: number;
  error?: Error;
  /** Every request fails with this. */
  failAlways?: Error;
}

/**
 * A pager over fixed pages whose answers the test releases one at a time (`release()`), so that
 * a search can be made between two pages. Records each request and counts the aborted ones.
 */
export function heldPager(pages: Repository[][], options: HeldPagerOptions = {}) {
  const requests: Array<{ nextToken?: string; maxResults: number }> = [];
  const waiting: Array<() => void> = [];
  let failAt = options.failAt;
  let aborted = 0;
  const pager: RepositoryPager = (request, signal) => {
    requests.push(request);
    const index = request.nextToken ? Number(request.nextToken) : 0;
    return new Promise<Page<Repository>>((resolve, reject) => {
      let settled = false;
      signal.addEventListener('abort', () => {
        if (!settled) {
          aborted += 1;
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        }
      });
      waiting.push(() => {
        settled = true;
        if (options.failAlways) {
          reject(options.failAlways);
          return;
        }
        if (failAt === index) {
          failAt = undefined;
          reject(options.error ?? Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
          return;
        }
        resolve({ items: pages[index] ?? [], ...(index + 1 < pages.length ? { nextToken: String(index + 1) } : {}) });
      });
    });
  };
  return {
    pager,
    requests,
    get aborted(): number {
      return aborted;
    },
    get inFlight(): number {
      return waiting.length;
    },
    /** Answers the request in flight and lets the index take it in. */
    async release(): Promise<void> {
      const next = waiting.shift();
      assert.ok(next, 'a request is in flight');
      next();
      await settle();
    },
  };
}

/** Lets pending promise chains (a load from a store, a page taken in) run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
