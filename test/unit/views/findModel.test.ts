import * as assert from 'node:assert/strict';
import type { Connection } from '../../../src/ecr/model';
import { RepositoryIndex } from '../../../src/ecr/repositoryIndex';
import { heldPager, repository } from '../ecr/repositoryFixtures';
import { RepositoryFinder, type FinderState } from '../../../src/views/explorer/findModel';

const A: Connection = { profile: 'a', region: 'eu-west-1' };
const B: Connection = { profile: 'b', region: 'us-east-1' };

/** Pages of repository names answered when the test says so. */
function pagesOf(pages: string[][], failure?: Error) {
  return heldPager(
    pages.map((names) => names.map((name) => repository(name))),
    failure ? { failAlways: failure } : {},
  );
}

describe('RepositoryFinder', () => {
  it('shows the matches of every source as their pages arrive, and sums what was read', async () => {
    const a = pagesOf([['team-a/api', 'team-b/api', 'web'], ['api-2']]);
    const b = pagesOf([['api', 'x']]);
    const states: FinderState[] = [];
    const finder = new RepositoryFinder([new RepositoryIndex(A, a.pager), new RepositoryIndex(B, b.pager)], (state) => states.push(state));
    finder.setQuery(' api ');
    finder.start();
    assert.equal(finder.current.busy, true);
    assert.equal(finder.current.query, 'api');
    await a.release();
    assert.deepEqual(finder.current.matches.map((found) => found.repository.name), ['team-a/api', 'team-b/api']);
    await b.release();
    await a.release();
    const last = finder.current;
    assert.deepEqual(
      last.matches.map((found) => `${found.connection.profile}:${found.repository.name}`),
      ['a:team-a/api', 'a:team-b/api', 'a:api-2', 'b:api'],
    );
    assert.equal(last.scanned, 6);
    assert.equal(last.busy, false);
    assert.ok(states.length >= 4, 'a state per page');
  });

  it('re-filters what is read at each keystroke without a new request or restart', async () => {
    const a = pagesOf([['team-a/api', 'team-a/web'], ['team-b/worker']]);
    const finder = new RepositoryFinder([new RepositoryIndex(A, a.pager)], () => undefined);
    finder.start();
    await a.release();
    finder.setQuery('w');
    assert.deepEqual(finder.current.matches.map((found) => found.repository.name), ['team-a/web']);
    finder.setQuery('wo');
    assert.deepEqual(finder.current.matches.map((found) => found.repository.name), []);
    assert.equal(finder.current.busy, true, 'the scan still runs: no "no match" as final word');
    assert.equal(a.requests.length, 2, 'the first page and the one after it, whatever was typed');
    await a.release();
    assert.deepEqual(finder.current.matches.map((found) => found.repository.name), ['team-b/worker']);
    assert.equal(finder.current.busy, false);
  });

  it('caps the matches and says so', async () => {
    const a = pagesOf([['r1', 'r2', 'r3', 'r4']]);
    const finder = new RepositoryFinder([new RepositoryIndex(A, a.pager)], () => undefined, 2);
    finder.setQuery('r');
    finder.start();
    await a.release();
    assert.equal(finder.current.matches.length, 2);
    assert.equal(finder.current.capped, true);
    finder.setQuery('r4');
    assert.equal(finder.current.capped, false);
  });

  it('clears on an empty query, keeps the problems of failing sources, and tries a failed source again when opened anew', async () => {
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
    const a = pagesOf([['api']], denied);
    const b = pagesOf([['api']]);
    const index = new RepositoryIndex(A, a.pager);
    const finder = new RepositoryFinder([index, new RepositoryIndex(B, b.pager)], () => undefined);
    finder.setQuery('api');
    finder.start();
    await a.release();
    await b.release();
    assert.deepEqual(finder.current.matches.map((found) => found.connection.profile), ['b']);
    assert.equal(finder.current.problems.length, 1);
    assert.equal(finder.current.problems[0]?.problem.kind, 'access-denied');
    finder.setQuery('  ');
    assert.deepEqual(finder.current.matches, []);
    assert.equal(finder.current.problems.length, 1, 'the problem stays visible');
    finder.dispose();

    const again = new RepositoryFinder([index], () => undefined);
    again.start();
    assert.equal(a.requests.length, 2, 'a new picker retries the failed source');
  });

  it('stops following the sources once disposed', async () => {
    const a = pagesOf([['api']]);
    let changes = 0;
    const finder = new RepositoryFinder([new RepositoryIndex(A, a.pager)], () => (changes += 1));
    finder.start();
    const before = changes;
    finder.dispose();
    await a.release();
    assert.equal(changes, before);
  });
});
