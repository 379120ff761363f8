// Search streams matches from several sources at once, survives a failing one, and stops on abort.
import * as assert from 'node:assert/strict';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { Connection } from '../../../src/ecr/model';
import { listRepositoriesPage } from '../../../src/ecr/repositories';
import { matchesRepositoryQuery, searchRepositories, type SearchProgress } from '../../../src/ecr/repositorySearch';
import { startTestEcrLocal, type TestEcrLocal } from '../testing/harness';

async function allNames(client: ECRClient): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await listRepositoriesPage(client, { maxResults: 1000, ...(nextToken ? { nextToken } : {}) });
    names.push(...page.items.map((repository) => repository.name));
    nextToken = page.nextToken;
  } while (nextToken);
  return names;
}

describe('matchesRepositoryQuery', () => {
  it('needs every word somewhere in the name, ignoring case', () => {
    assert.equal(matchesRepositoryQuery('team-017/payments-api', 'PAY api'), true);
    assert.equal(matchesRepositoryQuery('team-017/payments-api', 'api 017'), true);
    assert.equal(matchesRepositoryQuery('team-017/payments-api', 'pay web'), false);
    assert.equal(matchesRepositoryQuery('anything', '   '), true);
  });
});

describe('searchRepositories against ecr-local', function () {
  this.timeout(60_000);
  let healthy: TestEcrLocal;
  let failing: TestEcrLocal;
  const big: Connection = { profile: 'dev', region: 'eu-west-1' };
  const small: Connection = { profile: 'dev', region: 'us-east-1' };
  const broken: Connection = { profile: 'broken', region: 'eu-west-1' };

  before(async () => {
    healthy = await startTestEcrLocal();
    healthy.local.seedRepositories({ count: 2500, region: big.region, seed: 1 });
    healthy.local.seedRepositories({ count: 300, region: small.region, seed: 2 });
    failing = await startTestEcrLocal({ faults: 'error500:1' });
  });
  after(async () => {
    await healthy?.stop();
    await failing?.stop();
  });

  it('yields each page\'s matches from all sources, and one problem for the failing source', async () => {
    const sources = [
      { connection: big, client: healthy.ecr(big.region) },
      { connection: small, client: healthy.ecr(small.region) },
      { connection: broken, client: failing.ecr(broken.region, { maxAttempts: 2 }) },
    ];
    const query = 'api team';
    const expectedBig = (await allNames(healthy.ecr(big.region))).filter((name) => matchesRepositoryQuery(name, query));
    const expectedSmall = (await allNames(healthy.ecr(small.region))).filter((name) => matchesRepositoryQuery(name, query));
    assert.ok(expectedBig.length > 0 && expectedSmall.length > 0, 'the seed has matches in both regions');

    const progress: SearchProgress[] = [];
    for await (const step of searchRepositories(sources, query)) {
      progress.push(step);
    }
    const of = (connection: Connection) => progress.filter((step) => step.connection === connection);

    const bigSteps = of(big);
    assert.deepEqual(bigSteps.map((step) => step.scanned), [1000, 2000, 2500], 'one progress per page of 1,000');
    assert.deepEqual(bigSteps.map((step) => step.done), [false, false, true]);
    assert.deepEqual(bigSteps.flatMap((step) => step.matches.map((repository) => repository.name)).sort(), [...expectedBig].sort());
    assert.deepEqual(of(small).flatMap((step) => step.matches.map((repository) => repository.name)).sort(), [...expectedSmall].sort());

    const brokenSteps = of(broken);
    assert.equal(brokenSteps.length, 1);
    assert.equal(brokenSteps[0]?.done, true);
    assert.equal(brokenSteps[0]?.problem?.kind, 'service');
    assert.equal(brokenSteps[0]?.problem?.retryable, true);
    assert.equal(brokenSteps[0]?.problem?.errorName, 'ServerException');
  });

  it('interleaves sources: the first matches arrive before any source has finished', async () => {
    healthy.local.setFaults('latency:30');
    try {
      const sources = [
        { connection: big, client: healthy.ecr(big.region) },
        { connection: small, client: healthy.ecr(small.region) },
      ];
      const order: string[] = [];
      for await (const step of searchRepositories(sources, '', { pageSize: 100 })) {
        order.push(`${step.connection.region}:${step.done}`);
      }
      const firstDone = order.findIndex((entry) => entry.endsWith(':true'));
      const regionsBeforeDone = new Set(order.slice(0, firstDone).map((entry) => entry.split(':')[0]));
      assert.equal(regionsBeforeDone.size, 2, `both sources progressed concurrently: ${order.slice(0, 8).join(' ')}`);
      assert.equal(order.length, 25 + 3);
    } finally {
      healthy.local.setFaults('');
    }
  });

  it('stops promptly when aborted, yielding nothing more', async () => {
    healthy.local.setFaults('latency:200');
    try {
      const controller = new AbortController();
      const sources = [{ connection: big, client: healthy.ecr(big.region) }];
      const started = Date.now();
      const seen: SearchProgress[] = [];
      for await (const step of searchRepositories(sources, '', { signal: controller.signal, pageSize: 100 })) {
        seen.push(step);
        controller.abort();
      }
      assert.equal(seen.length, 1);
      assert.ok(Date.now() - started < 2000, `ended ${Date.now() - started} ms after start; 25 pages at 200 ms would take 5 s`);
    } finally {
      healthy.local.setFaults('');
    }
  });

  it('yields nothing for an already-aborted signal and for no sources', async () => {
    const controller = new AbortController();
    controller.abort();
    const steps: SearchProgress[] = [];
    for await (const step of searchRepositories([{ connection: big, client: healthy.ecr(big.region) }], 'x', { signal: controller.signal })) {
      steps.push(step);
    }
    for await (const step of searchRepositories([], 'x')) {
      steps.push(step);
    }
    assert.deepEqual(steps, []);
  });
});
