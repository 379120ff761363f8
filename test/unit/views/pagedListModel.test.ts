import * as assert from 'node:assert/strict';
import type { Page } from '../../../src/ecr/model';
import { PagedList } from '../../../src/views/explorer/pagedListModel';

/** A fake paged service over `names`, recording the requests it saw. */
function service(names: string[], failAt?: number) {
  const requests: Array<{ nextToken?: string; maxResults: number }> = [];
  let calls = 0;
  const fetchPage = async (request: { nextToken?: string; maxResults: number }): Promise<Page<string>> => {
    requests.push(request);
    calls++;
    if (calls === failAt) {
      throw new Error('boom');
    }
    await Promise.resolve();
    const start = request.nextToken ? Number(request.nextToken) : 0;
    const end = start + request.maxResults;
    return { items: names.slice(start, end), ...(end < names.length ? { nextToken: String(end) } : {}) };
  };
  return { fetchPage, requests };
}

const NAMES = Array.from({ length: 25 }, (_, i) => `repo-${String(i).padStart(2, '0')}`);

describe('PagedList', () => {
  it('fetches one page at a time and appends without refetching earlier pages', async () => {
    const { fetchPage, requests } = service(NAMES);
    const list = new PagedList(fetchPage, 10);
    assert.equal(list.loadedOnce, false);
    await list.loadMore();
    assert.deepEqual(list.items, NAMES.slice(0, 10));
    assert.equal(list.complete, false);
    await list.loadMore();
    await list.loadMore();
    assert.deepEqual(list.items, NAMES);
    assert.equal(list.complete, true);
    assert.deepEqual(requests, [{ maxResults: 10 }, { nextToken: '10', maxResults: 10 }, { nextToken: '20', maxResults: 10 }]);
    await list.loadMore();
    assert.equal(requests.length, 3, 'nothing is fetched after the end');
  });

  it('joins a call made while a fetch runs', async () => {
    const { fetchPage, requests } = service(NAMES);
    const list = new PagedList(fetchPage, 10);
    await Promise.all([list.loadMore(), list.loadMore()]);
    assert.equal(requests.length, 1);
    assert.equal(list.items.length, 10);
  });

  it('with a predicate, keeps fetching until a page worth of matches or the end', async () => {
    const { fetchPage, requests } = service(NAMES);
    const list = new PagedList(fetchPage, 5);
    await list.loadMore((name) => name.endsWith('3') || name.endsWith('7'), 3);
    // Matches: 03, 07 in page 1 (00-04: 03; 05-09: 07), 13 in page 3 (10-14).
    assert.equal(requests.length, 3);
    assert.equal(list.scanned, 15);
    await list.loadMore((name) => name === 'nothing', 3, 7);
    assert.equal(list.complete, true, 'no match: it goes to the end');
    assert.equal(list.scanned, 25);
    assert.deepEqual(requests.slice(3).map((r) => r.maxResults), [7, 7], 'a search may read bigger pages');
  });

  it('replaces or removes an item changed elsewhere', async () => {
    const { fetchPage } = service(NAMES);
    const list = new PagedList(fetchPage, 3);
    await list.loadMore();
    list.replace((name) => name === 'repo-01', 'renamed');
    list.replace((name) => name === 'repo-02', undefined);
    list.replace((name) => name === 'absent', 'x');
    assert.deepEqual(list.items, ['repo-00', 'renamed']);
  });

  it('keeps a failure, the items before it, and goes on from the same page on retry', async () => {
    const { fetchPage, requests } = service(NAMES, 2);
    const list = new PagedList(fetchPage, 10);
    await list.loadMore();
    await list.loadMore();
    assert.match(String(list.error), /boom/);
    assert.equal(list.items.length, 10);
    await list.loadMore();
    assert.equal(list.error, undefined);
    assert.equal(list.items.length, 20);
    assert.equal(requests[1]?.nextToken, '10');
    assert.equal(requests[2]?.nextToken, '10');
  });
});
