// The test-only feed hook: PUT /ecr-local/feed adds entries that later scans match (checked like
// the feed file), GET lists them, DELETE drops them; without a live feed it says why.
import * as assert from 'node:assert/strict';
import { matchPackages, loadFeed } from './scanner/feed';
import { LiveFeed } from './scanner/liveFeed';
import type { ScannedPackage } from './scanner/packageDatabases';
import { FakeDataPlane } from './testing/fakeDataPlane';
import { startTestEcrLocal, type TestEcrLocal } from './testing/harness';

const HOSTILE = {
  id: 'CVE-2099-0001',
  title: '<script>alert(1)</script>',
  description: '"><img src=x onerror=alert(2)>',
  severity: 'HIGH',
  score: 8.1,
  exploitAvailable: false,
  affected: [{ ecosystem: 'debian', package: 'coreutils', ranges: [{ fixed: '9.1-2' }] }],
};

const COREUTILS: ScannedPackage = { name: 'coreutils', version: '9.1-1', packageManager: 'OS', filePath: 'var/lib/dpkg/status', sourceLayerHash: 'sha256:0', ecosystem: 'debian' };

describe('ecr-local feed hook', () => {
  let env: TestEcrLocal;
  let live: LiveFeed;

  beforeEach(async () => {
    const dataPlane = new FakeDataPlane();
    live = new LiveFeed(loadFeed());
    env = await startTestEcrLocal({ startDataPlane: async (store, options) => Object.assign(await dataPlane.start(store, options), { feed: live }) });
  });
  afterEach(async () => {
    await env.stop();
  });

  const feedUrl = () => `${env.local.url}/ecr-local/feed`;

  it('adds entries that the next match finds, lists them, and removes them', async () => {
    assert.equal(matchPackages(live.current(), [COREUTILS]).vulnerabilities.length, 0);
    const put = await fetch(feedUrl(), { method: 'PUT', body: JSON.stringify({ vulnerabilities: [HOSTILE] }) });
    assert.equal(put.status, 204);
    const matched = matchPackages(live.current(), [COREUTILS]).vulnerabilities;
    assert.deepEqual(matched.map((item) => [item.vulnerabilityId, item.title, item.description, item.fixedInVersion]), [[HOSTILE.id, HOSTILE.title, HOSTILE.description, '9.1-2']]);
    const listed = (await (await fetch(feedUrl())).json()) as { vulnerabilities: Array<{ id: string }> };
    assert.deepEqual(listed.vulnerabilities.map((item) => item.id), [HOSTILE.id]);
    assert.equal((await fetch(feedUrl(), { method: 'DELETE' })).status, 204);
    assert.equal(matchPackages(live.current(), [COREUTILS]).vulnerabilities.length, 0);
    assert.ok(live.current().entries.length > 10, 'the file feed stays');
  });

  it('refuses entries the feed file would refuse, saying which and why', async () => {
    const bad = await fetch(feedUrl(), { method: 'PUT', body: JSON.stringify({ vulnerabilities: [{ ...HOSTILE, id: 'not-a-cve' }] }) });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /vulnerabilities\[0\].*id must be a CVE id/);
    const notJson = await fetch(feedUrl(), { method: 'PUT', body: '{' });
    assert.equal(notJson.status, 400);
    assert.match(await notJson.text(), /not JSON/);
    assert.equal((await fetch(feedUrl(), { method: 'POST' })).status, 405);
    assert.equal(live.added.length, 0);
  });
});

describe('ecr-local feed hook without a data plane', () => {
  it('answers 503 with the reason', async () => {
    const env = await startTestEcrLocal();
    try {
      const response = await fetch(`${env.local.url}/ecr-local/feed`, { method: 'PUT', body: '{}' });
      assert.equal(response.status, 503);
      assert.match(await response.text(), /without a data plane/);
    } finally {
      await env.stop();
    }
  });
});
