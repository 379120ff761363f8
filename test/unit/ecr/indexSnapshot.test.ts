import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSnapshot, DEFAULT_SNAPSHOT_MAX_AGE_MS, type IndexSnapshot, type IndexStore } from '../../../src/ecr/indexSnapshot';
import type { Connection, Repository } from '../../../src/ecr/model';
import { RepositoryIndex } from '../../../src/ecr/repositoryIndex';
import { heldPager, repository, settle } from './repositoryFixtures';
import { FileIndexStore } from '../../../src/views/explorer/indexStore';

const A: Connection = { profile: 'a', region: 'eu-west-1' };
const DAY = 24 * 60 * 60_000;

/** Every kind of entry: plain, settings in the flags, shared KMS keys and exclusions, no date, and odd ones the template cannot rebuild. */
const ALL: Repository[] = [
  repository('team-a/api'),
  repository('team-a/web', { createdAt: undefined }),
  repository('team-b/worker', { scanOnPush: true, tagMutability: 'IMMUTABLE', encryption: { type: 'KMS' } }),
  repository('team-b/api', { tagMutability: 'IMMUTABLE_WITH_EXCLUSION', tagMutabilityExclusions: ['dev-*'], encryption: { type: 'KMS', kmsKey: 'arn:aws:kms:k1' } }),
  repository('team-b/db', { tagMutability: 'MUTABLE_WITH_EXCLUSION', tagMutabilityExclusions: ['dev-*'], encryption: { type: 'KMS_DSSE', kmsKey: 'arn:aws:kms:k1' } }),
  repository('team-c/ml', { encryption: { type: 'KMS', kmsKey: 'arn:aws:kms:k2' }, tagMutabilityExclusions: ['a', 'b'] }),
  repository('other/registry', { registryId: '999999999999', uri: '999999999999.dkr.ecr.eu-west-1.amazonaws.com/other/registry' }),
  repository('future/setting', { tagMutability: 'SOMETHING_NEW' as Repository['tagMutability'], createdAt: undefined }),
];

/** A store in memory that keeps snapshots as JSON text, as a file would. */
function memoryStore(initial?: unknown) {
  const texts = new Map<string, string>();
  if (initial !== undefined) {
    texts.set(`${A.profile}|${A.region}`, JSON.stringify(initial));
  }
  let saves = 0;
  const store: IndexStore = {
    load: (connection) => {
      const text = texts.get(`${connection.profile}|${connection.region}`);
      return Promise.resolve(text === undefined ? undefined : (JSON.parse(text) as unknown));
    },
    save: (connection, snapshot) => {
      saves += 1;
      texts.set(`${connection.profile}|${connection.region}`, JSON.stringify(snapshot));
      return Promise.resolve();
    },
  };
  return {
    store,
    get saves() {
      return saves;
    },
    stored: (): IndexSnapshot => JSON.parse(texts.get(`${A.profile}|${A.region}`) ?? 'null') as IndexSnapshot,
  };
}

/** A complete scan of `pages` with `store`, as the last session made it. */
async function lastSession(pages: Repository[][], store: IndexStore, now = Date.now()): Promise<void> {
  const fake = heldPager(pages);
  const index = new RepositoryIndex(A, fake.pager, { store, now: () => now });
  index.ensure();
  await settle();
  for (let page = 0; page < pages.length; page++) {
    await fake.release();
  }
  assert.equal(index.isComplete, true);
  await settle();
  index.dispose();
}

describe('repository index snapshots', () => {
  it('save the last complete scan and rebuild every Repository exactly in a new session, answering before any request', async () => {
    const memory = memoryStore();
    await lastSession([ALL.slice(0, 4), ALL.slice(4)], memory.store, 1_000_000);
    assert.equal(memory.saves, 1);
    const stored = memory.stored();
    assert.equal(stored.names.length, ALL.length);
    assert.deepEqual(stored.keyTable, ['arn:aws:kms:k1', 'arn:aws:kms:k2'], 'each key once');
    assert.equal(stored.exclusionTable.length, 2, 'each exclusion list once');
    assert.equal(stored.odd.length, 2, 'only the two odd ones whole');

    const fake = heldPager([ALL]);
    const log: string[] = [];
    const index = new RepositoryIndex(A, fake.pager, { store: memory.store, now: () => 1_000_000 + DAY, log: (message) => log.push(message) });
    index.ensure();
    await settle();
    for (const expected of ALL) {
      assert.deepEqual(index.find(expected.name), expected);
    }
    const answer = index.search('team-b', 10);
    assert.deepEqual(answer.matches.map((r) => r.name), ['team-b/worker', 'team-b/api', 'team-b/db']);
    assert.equal(answer.complete, false, 'not fresh: the stored names are last session’s');
    assert.equal(answer.scanning, true, 'the rescan runs');
    assert.deepEqual(log, []);
    await fake.release();
    assert.equal(index.isComplete, true);
    assert.equal(index.scanned, ALL.length, 'the rescan replaced the stored names instead of adding to them');
  });

  it('a rescan replaces the stored names: repositories deleted since disappear, new ones appear', async () => {
    const memory = memoryStore();
    await lastSession([[repository('gone/one'), repository('kept/one')]], memory.store);
    const fake = heldPager([[repository('kept/one')], [repository('new/one')]]);
    const index = new RepositoryIndex(A, fake.pager, { store: memory.store });
    index.ensure();
    await settle();
    assert.deepEqual(index.search('one', 10).matches.map((r) => r.name), ['gone/one', 'kept/one']);
    await fake.release();
    assert.deepEqual(index.search('one', 10).matches.map((r) => r.name), ['gone/one', 'kept/one'], 'the old names answer until the rescan completes');
    await fake.release();
    assert.deepEqual(index.search('one', 10).matches.map((r) => r.name), ['kept/one', 'new/one']);
    await settle();
    assert.deepEqual(memory.stored().names, ['kept/one', 'new/one'], 'and are stored for the next session');
  });

  it('a rescan that fails keeps the stored names, and a retry rescans from the start without doubling them', async () => {
    const memory = memoryStore();
    await lastSession([[repository('a/one'), repository('b/one')]], memory.store);
    const fake = heldPager([[repository('a/one')], [repository('c/one')]], { failAt: 1 });
    const index = new RepositoryIndex(A, fake.pager, { store: memory.store });
    index.ensure();
    await settle();
    await fake.release();
    await fake.release();
    const failed = index.search('one', 10);
    assert.equal(failed.problem?.kind, 'throttled');
    assert.deepEqual(failed.matches.map((r) => r.name), ['a/one', 'b/one']);
    assert.equal(failed.complete, false);
    index.ensure({ retryFailed: true });
    await fake.release();
    await fake.release();
    assert.deepEqual(index.search('one', 10).matches.map((r) => r.name), ['a/one', 'c/one']);
    assert.equal(fake.requests.length, 4, 'page 1, page 2 (failed), then both again');
  });

  it('ignores a snapshot older than the age limit (7 days by default) and reads the region page by page', async () => {
    const memory = memoryStore();
    await lastSession([[repository('old/one')]], memory.store, 0);
    const log: string[] = [];
    const fake = heldPager([[repository('new/one')], [repository('new/two')]]);
    const index = new RepositoryIndex(A, fake.pager, { store: memory.store, now: () => DEFAULT_SNAPSHOT_MAX_AGE_MS + 1, log: (message) => log.push(message) });
    index.ensure();
    await settle();
    assert.equal(index.scanned, 0, 'the old names are not used');
    assert.match(log.join('\n'), /stored repository names of a in eu-west-1 were not used \(it is 168 hours old/);
    await fake.release();
    assert.deepEqual(index.search('new', 10).matches.map((r) => r.name), ['new/one'], 'a first scan answers page by page');
  });

  it('uses a snapshot just inside the age limit', async () => {
    const memory = memoryStore();
    await lastSession([[repository('old/one')]], memory.store, 0);
    const index = new RepositoryIndex(A, heldPager([[]]).pager, { store: memory.store, now: () => DEFAULT_SNAPSHOT_MAX_AGE_MS });
    index.ensure();
    await settle();
    assert.equal(index.find('old/one')?.name, 'old/one');
  });

  it('ignores (and logs) corrupt, foreign or unreadable snapshots, and scans as usual', async () => {
    const memory = memoryStore();
    await lastSession([ALL], memory.store, 0);
    const good = memory.stored();
    const corrupt: Array<[unknown, RegExp]> = [
      [null, /not an object/],
      [[1, 2], /not an object/],
      ['text', /not an object/],
      [{ ...good, version: 2 }, /version 2/],
      [{ ...good, profile: 'b' }, /another profile or region/],
      [{ ...good, savedAt: 'yesterday' }, /savedAt/],
      [{ ...good, names: [...good.names, 'extra'] }, /differ in length/],
      [{ ...good, names: good.names.map((name, at) => (at === 0 ? 42 : name)) }, /other than text/],
      [{ ...good, flags: good.flags.map(() => 12) }, /unknown setting/],
      [{ ...good, created: good.created.map(() => 'soon') }, /other than times/],
      [{ ...good, kmsKeys: [[0, 99]] }, /outside its table/],
      [{ ...good, kmsKeys: [[999, 0]] }, /slot outside/],
      [{ ...good, exclusions: 'none' }, /not a list/],
      [{ ...good, odd: [[0, { name: 'x' }]] }, /odd entry/],
      [{ ...good, odd: [[0, { ...good.odd[0]![1], scanOnPush: 'yes' }]] }, /not a repository/],
      [{ ...good, odd: [[0, good.odd[0]![1]]] }, /does not match its name/],
      [{ ...good, template: { uriPrefix: 1 } }, /template/],
    ];
    for (const [value, reason] of corrupt) {
      assert.throws(() => checkSnapshot(value, A, 0, DAY), reason, `expected ${String(reason)}`);
    }
    assert.doesNotThrow(() => checkSnapshot(good, A, 0, DAY));

    const log: string[] = [];
    const failing: IndexStore = { load: () => Promise.reject(new Error('EACCES: permission denied')), save: () => Promise.reject(new Error('ENOSPC: no space left')) };
    const fake = heldPager([[repository('new/one')]]);
    const index = new RepositoryIndex(A, fake.pager, { store: failing, log: (message) => log.push(message) });
    index.ensure();
    await settle();
    await fake.release();
    await settle();
    assert.equal(index.isComplete, true);
    assert.equal(index.find('new/one')?.name, 'new/one');
    assert.match(log[0] ?? '', /were not used \(EACCES: permission denied\); reading them from ECR/);
    assert.match(log[1] ?? '', /could not be stored for the next session \(ENOSPC: no space left\)/);
  });

  it('invalidate() gives up the stored names until the rescan completes', async () => {
    const memory = memoryStore();
    await lastSession([[repository('gone/one')]], memory.store);
    const fake = heldPager([[repository('new/one')], [repository('new/two')]]);
    const index = new RepositoryIndex(A, fake.pager, { store: memory.store });
    index.ensure();
    await settle();
    assert.equal(index.scanned, 1);
    index.invalidate();
    assert.equal(index.scanned, 0);
    index.ensure();
    await fake.release(); // the aborted request
    await fake.release();
    assert.deepEqual(index.search('', 10).matches.map((r) => r.name), ['new/one'], 'page by page, without the stored names');
    assert.equal(memory.saves, 1, 'nothing saved before the rescan completes');
  });
});

describe('FileIndexStore', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'index-store-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('writes one file per connection with a hashed name, atomically, and reads it back', async () => {
    const store = new FileIndexStore(join(directory, 'sub'));
    assert.equal(await store.load(A), undefined, 'no file yet');
    const snapshot = { ...emptySnapshot(), names: ['x'], created: [null], flags: [16] };
    await store.save(A, snapshot);
    await store.save({ profile: 'a/../../etc', region: 'eu-west-1' }, { ...snapshot, profile: 'a/../../etc' });
    const files = readdirSync(join(directory, 'sub')).sort();
    assert.equal(files.length, 2, `one file each, no temporary left: ${files.join(', ')}`);
    assert.ok(files.every((file) => /^[0-9a-f]{32}\.json$/.test(file)));
    assert.deepEqual(await store.load(A), snapshot);
  });

  it('reports a damaged or oversized file instead of using it, and refuses to write past the cap', async () => {
    const store = new FileIndexStore(directory, 64);
    writeFileSync(store.fileOf(A), '{"version":1,"names":[');
    await assert.rejects(store.load(A), /is not valid JSON/);
    writeFileSync(store.fileOf(A), JSON.stringify({ padding: 'x'.repeat(100) }));
    await assert.rejects(store.load(A), /more than 64/);
    await assert.rejects(store.save(A, { ...emptySnapshot(), names: ['x'.repeat(100)], created: [null], flags: [0] }), /more than 64/);
    assert.deepEqual(readdirSync(directory), [], 'the outdated file is removed too');
  });
});

/** A snapshot of A that holds no names. */
function emptySnapshot(): IndexSnapshot {
  return { version: 1, profile: A.profile, region: A.region, savedAt: 0, template: null, names: [], created: [], flags: [], keyTable: [], kmsKeys: [], exclusionTable: [], exclusions: [], odd: [] };
}
