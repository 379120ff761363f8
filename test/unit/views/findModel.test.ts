import * as assert from 'node:assert/strict';
import type { Connection, Repository } from '../../../src/ecr/model';
import { RepositoryFinder, type FinderProgress, type FinderState } from '../../../src/views/explorer/findModel';

const A: Connection = { profile: 'a', region: 'eu-west-1' };
const B: Connection = { profile: 'b', region: 'us-east-1' };

function repository(name: string): Repository {
  return {
    name,
    uri: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/${name}`,
    arn: `arn:aws:ecr:eu-west-1:123456789012:repository/${name}`,
    registryId: '123456789012',
    tagMutability: 'MUTABLE',
    tagMutabilityExclusions: [],
    scanOnPush: false,
    encryption: { type: 'AES256' },
  };
}

/** A fake search: two sources, pages of the given names, each page after a tick; records aborts. */
function fakeSearch(pages: Array<{ connection: Connection; names: string[] }>, log: string[]) {
  return async function* (query: string, signal: AbortSignal): AsyncIterable<FinderProgress> {
    const scanned = new Map<Connection, number>();
    for (const page of pages) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (signal.aborted) {
        log.push(`aborted ${query}`);
        return;
      }
      const total = (scanned.get(page.connection) ?? 0) + page.names.length;
      scanned.set(page.connection, total);
      yield {
        connection: page.connection,
        matches: page.names.filter((name) => name.includes(query)).map(repository),
        scanned: total,
        done: false,
      };
    }
    log.push(`finished ${query}`);
  };
}

describe('RepositoryFinder', () => {
  it('streams matches of every source and sums what was scanned', async () => {
    const states: FinderState[] = [];
    const log: string[] = [];
    const finder = new RepositoryFinder(
      fakeSearch(
        [
          { connection: A, names: ['team-a/api', 'team-b/api', 'web'] },
          { connection: B, names: ['api', 'x'] },
          { connection: A, names: ['api-2'] },
        ],
        log,
      ),
      (state) => states.push(state),
    );
    finder.setQuery(' api ');
    await finder.settled;
    const last = finder.current;
    assert.equal(last.busy, false);
    assert.equal(last.query, 'api');
    assert.deepEqual(
      last.matches.map((found) => `${found.connection.profile}:${found.repository.name}`),
      ['a:team-a/api', 'a:team-b/api', 'b:api', 'a:api-2'],
    );
    assert.equal(last.scanned, 6);
    assert.ok(states.some((state) => state.busy && state.matches.length === 2), 'the first page shows before the end');
  });

  it('aborts the old search when the text changes', async () => {
    const log: string[] = [];
    const finder = new RepositoryFinder(fakeSearch([{ connection: A, names: ['one'] }, { connection: A, names: ['two'] }], log), () => undefined);
    finder.setQuery('o');
    const first = finder.settled;
    finder.setQuery('tw');
    await Promise.all([first, finder.settled]);
    assert.deepEqual(finder.current.matches.map((found) => found.repository.name), ['two']);
    assert.ok(log.includes('aborted o'), log.join(', '));
  });

  it('caps the matches, says so and stops paging', async () => {
    const log: string[] = [];
    const names = Array.from({ length: 10 }, (_, i) => `repo-${i}`);
    const finder = new RepositoryFinder(fakeSearch([{ connection: A, names }, { connection: B, names }], log), () => undefined, 4);
    finder.setQuery('repo');
    await finder.settled;
    assert.equal(finder.current.matches.length, 4);
    assert.equal(finder.current.capped, true);
    assert.equal(finder.current.busy, false);
    assert.ok(!log.includes('finished repo'), 'the second page was never read');
  });

  it('clears on an empty query and keeps problems of failing sources', async () => {
    const finder = new RepositoryFinder(
      async function* (_query, _signal) {
        await Promise.resolve();
        yield { connection: B, matches: [], scanned: 0, done: true, problem: { kind: 'unreachable', message: 'down', retryable: true } };
      },
      () => undefined,
    );
    finder.setQuery('x');
    await finder.settled;
    assert.equal(finder.current.problems.length, 1);
    finder.setQuery('  ');
    await finder.settled;
    assert.deepEqual(finder.current, { query: '', matches: [], capped: false, scanned: 0, busy: false, problems: [] });
  });
});
