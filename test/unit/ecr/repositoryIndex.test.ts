import * as assert from 'node:assert/strict';
import type { Connection, Repository } from '../../../src/ecr/model';
import { RepositoryIndex, RepositoryIndexes } from '../../../src/ecr/repositoryIndex';
import { heldPager, repository } from './repositoryFixtures';

const A: Connection = { profile: 'a', region: 'eu-west-1' };

const PAGES = [
  [repository('team-a/api'), repository('team-a/web')],
  [repository('team-b/worker', { scanOnPush: true, tagMutability: 'IMMUTABLE', encryption: { type: 'KMS' } }), repository('tools/ci')],
  [repository('team-b/api', { tagMutability: 'IMMUTABLE_WITH_EXCLUSION', tagMutabilityExclusions: ['dev-*'], encryption: { type: 'KMS', kmsKey: 'arn:aws:kms:k' } })],
];

/** An index that has read every page of PAGES (three answers released). */
async function scannedIndex(): Promise<RepositoryIndex> {
  const fake = heldPager(PAGES);
  const index = new RepositoryIndex(A, fake.pager);
  index.ensure();
  for (let page = 0; page < PAGES.length; page++) {
    await fake.release();
  }
  return index;
}

describe('RepositoryIndex', () => {
  it('reads every page in order with pages of 1,000, answering searches from what it has read so far', async () => {
    const fake = heldPager(PAGES);
    const index = new RepositoryIndex(A, fake.pager);
    let changes = 0;
    index.onChange(() => (changes += 1));
    assert.deepEqual(index.search('api', 10), { matches: [], total: 0, scanned: 0, complete: false, scanning: false });
    index.ensure();
    index.ensure(); // a second ask joins the scan
    assert.equal(fake.inFlight, 1);
    assert.equal(index.search('api', 10).scanning, true);

    await fake.release();
    const first = index.search('api', 10);
    assert.deepEqual(first.matches.map((r) => r.name), ['team-a/api']);
    assert.equal(first.scanned, 2);
    assert.equal(first.complete, false);
    assert.equal(changes, 1);

    await fake.release();
    await fake.release();
    const all = index.search('api', 10);
    assert.deepEqual(all.matches.map((r) => r.name), ['team-a/api', 'team-b/api']);
    assert.equal(all.complete, true);
    assert.equal(all.scanning, false);
    assert.equal(all.scanned, 5);
    assert.deepEqual(fake.requests, [{ maxResults: 1000 }, { nextToken: '1', maxResults: 1000 }, { nextToken: '2', maxResults: 1000 }]);
    assert.ok(changes >= 3);
  });

  it('rebuilds each Repository exactly, including settings, dates and the rare ones with exclusions or a KMS key', async () => {
    const index = await scannedIndex();
    for (const repository of PAGES.flat()) {
      assert.deepEqual(index.find(repository.name), repository);
    }
    assert.equal(index.find('nope'), undefined);
  });

  it('matches every word of the query in any case, and caps the matches but counts them all', async () => {
    const index = await scannedIndex();
    const result = index.search(' TEAM  api ', 1);
    assert.deepEqual(result.matches.map((r) => r.name), ['team-a/api']);
    assert.equal(result.total, 2);
    assert.equal(index.search('', 100).total, 5);
  });

  it('keeps what it read and the problem when a page fails, and a retry goes on from that page', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: ecr:DescribeRepositories'), { name: 'AccessDeniedException' });
    const fake = heldPager(PAGES, { failAt: 1, error: denied });
    const index = new RepositoryIndex(A, fake.pager);
    index.ensure();
    await fake.release();
    await fake.release();
    const failed = index.search('team', 10);
    assert.equal(failed.problem?.kind, 'access-denied');
    assert.equal(failed.complete, false);
    assert.equal(failed.scanning, false);
    assert.deepEqual(failed.matches.map((r) => r.name), ['team-a/api', 'team-a/web']);

    index.ensure();
    assert.equal(fake.inFlight, 0, 'no retry unless asked: a failing scan does not loop');
    index.ensure({ retryFailed: true });
    assert.equal(index.problem, undefined);
    assert.deepEqual(fake.requests.at(-1), { nextToken: '1', maxResults: 1000 });
    await fake.release();
    await fake.release();
    assert.equal(index.search('team', 10).total, 4);
    assert.equal(index.isComplete, true);
  });

  it('aborts the request in flight; what was read stays and the scan goes on when asked again', async () => {
    const fake = heldPager(PAGES);
    const index = new RepositoryIndex(A, fake.pager);
    index.ensure();
    await fake.release();
    index.abort();
    assert.equal(fake.aborted, 1);
    assert.equal(index.scanning, false);
    assert.equal(index.problem, undefined, 'an abort is no failure');
    assert.equal(index.scanned, 2);
    await new Promise((resolve) => setImmediate(resolve));
    index.ensure();
    assert.deepEqual(fake.requests.at(-1), { nextToken: '1', maxResults: 1000 });
  });

  it('rescans stale entries in the background, answering from the old names until the new scan completes', async () => {
    let now = 0;
    const pages: Repository[][] = [[repository('old/one')]];
    const fake = heldPager(pages);
    const index = new RepositoryIndex(A, fake.pager, { maxAgeMs: 1000, now: () => now });
    index.ensure();
    await fake.release();
    assert.equal(index.isComplete, true);

    now = 500;
    index.ensure();
    assert.equal(fake.inFlight, 0, 'fresh: no request');

    now = 1501;
    pages[0] = [repository('new/one'), repository('new/two')];
    index.ensure();
    assert.equal(fake.inFlight, 1, 'stale: a rescan');
    const meanwhile = index.search('one', 10);
    assert.deepEqual(meanwhile.matches.map((r) => r.name), ['old/one']);
    assert.equal(meanwhile.scanning, true);
    await fake.release();
    assert.deepEqual(index.search('one', 10).matches.map((r) => r.name), ['new/one']);
    assert.equal(index.scanned, 2);
  });

  it('forgets everything on invalidate, and a search during the next scan never sees the old names', async () => {
    const fake = heldPager([[repository('a/one')]]);
    const index = new RepositoryIndex(A, fake.pager);
    index.ensure();
    await fake.release();
    index.invalidate();
    assert.equal(index.search('one', 10).total, 0);
    assert.equal(index.isComplete, false);
    index.ensure();
    assert.equal(fake.inFlight, 1);
  });

  it('until() resolves once a condition holds or the scan ends', async () => {
    const fake = heldPager(PAGES);
    const index = new RepositoryIndex(A, fake.pager);
    index.ensure();
    let found = false;
    const waiting = index.until(() => index.find('tools/ci') !== undefined).then(() => (found = true));
    await fake.release();
    assert.equal(found, false);
    await fake.release();
    await waiting;
    assert.equal(found, true);
    let ended = false;
    const never = index.until(() => false).then(() => (ended = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(ended, false, 'still scanning: it waits');
    await fake.release(); // the last page: the scan ends
    await never;
    assert.equal(ended, true);
  });

  it('replace() keeps the index true after a change made elsewhere', async () => {
    const index = await scannedIndex();
    index.replace('team-a/web', repository('team-a/web', { scanOnPush: true }));
    assert.equal(index.find('team-a/web')?.scanOnPush, true);
    index.replace('team-a/api', undefined);
    assert.equal(index.find('team-a/api'), undefined);
    assert.deepEqual(index.find('team-b/api'), PAGES[2]![0], 'the entries after a removed one keep their own data');
    index.replace('new/repo', repository('new/repo'));
    assert.deepEqual(index.find('new/repo'), repository('new/repo'));
  });
});

describe('RepositoryIndexes', () => {
  it('makes one index per connection and invalidates by connection, profile or all', async () => {
    const made: string[] = [];
    const fakes = new Map<string, ReturnType<typeof heldPager>>();
    const indexes = new RepositoryIndexes((connection) => {
      made.push(`${connection.profile}/${connection.region}`);
      const fake = heldPager([[repository('x')]]);
      fakes.set(`${connection.profile}/${connection.region}`, fake);
      return fake.pager;
    });
    const B = { profile: 'a', region: 'us-east-1' };
    const C = { profile: 'c', region: 'us-east-1' };
    assert.equal(indexes.get(A), indexes.get({ ...A }));
    for (const connection of [A, B, C]) {
      indexes.get(connection).ensure();
      await fakes.get(`${connection.profile}/${connection.region}`)!.release();
    }
    assert.deepEqual(made, ['a/eu-west-1', 'a/us-east-1', 'c/us-east-1']);
    indexes.invalidate({ profile: 'a' });
    assert.deepEqual([A, B, C].map((connection) => indexes.get(connection).scanned), [0, 0, 1]);
    indexes.invalidate(C);
    assert.equal(indexes.get(C).scanned, 0);
    assert.equal(indexes.peek({ profile: 'z', region: 'x' }), undefined);
  });
});
