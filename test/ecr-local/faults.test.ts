// Faults on demand (ECR_LOCAL_FAULTS or the faults option), seen through the real SDKs: one
// attempt shows the fault, the default retry strategy recovers from throttling.
import * as assert from 'node:assert/strict';
import { CreateRepositoryCommand, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { ListFindingsCommand } from '@aws-sdk/client-inspector2';
import { startEcrLocal } from './ecrLocal';
import { FaultInjector, formatFaultSpec, parseFaultSpec } from './protocol/faults';
import { expectAwsError, startTestEcrLocal } from './testing/harness';

describe('ecr-local faults', () => {
  describe('the fault spec', () => {
    it('reads every fault and a seed', () => {
      assert.deepEqual(parseFaultSpec('throttle:0.2, latency:200,error500:0.1,expired-token,seed:42'), {
        ok: true,
        spec: { throttle: 0.2, latencyMs: 200, error500: 0.1, expiredToken: true, seed: 42 },
      });
      assert.deepEqual(parseFaultSpec(''), { ok: true, spec: { throttle: 0, latencyMs: 0, error500: 0, expiredToken: false } });
    });

    const bad: Array<[string, RegExp]> = [
      ['throttle', /needs a probability between 0 and 1/],
      ['throttle:1.5', /needs a probability/],
      ['error500:-0.1', /needs a probability/],
      ['latency:fast', /whole milliseconds/],
      ['latency:99999', /whole milliseconds/],
      ['expired-token:yes', /takes no value/],
      ['seed:1.5', /needs an integer/],
      ['chaos:1', /is not a known fault/],
      ['throttle:0.1:0.2', /more than one value/],
    ];
    for (const [text, message] of bad) {
      it(`explains what is wrong with "${text}"`, () => {
        const parsed = parseFaultSpec(text);
        assert.equal(parsed.ok, false);
        assert.match(parsed.ok ? '' : parsed.error, message);
        assert.match(parsed.ok ? '' : parsed.error, /expected a comma-separated list/);
      });
    }

    it('draws the same faults for the same seed', () => {
      const draw = (seed: number) => {
        const injector = new FaultInjector({ throttle: 0.3, error500: 0.3, latencyMs: 0, expiredToken: false, seed });
        return Array.from({ length: 50 }, () => injector.next());
      };
      assert.deepEqual(draw(42), draw(42));
      assert.notDeepEqual(draw(42), draw(43));
      const mix = new Set(draw(42));
      assert.deepEqual([...mix].sort(), ['error500', 'none', 'throttle']);
    });

    it('refuses to start with a bad spec, from the option or the environment', async () => {
      await assert.rejects(startEcrLocal({ faults: 'throttle:2' }), /ECR_LOCAL_FAULTS: Fault "throttle:2" needs a probability/);
      const saved = process.env['ECR_LOCAL_FAULTS'];
      process.env['ECR_LOCAL_FAULTS'] = 'slow';
      try {
        await assert.rejects(startEcrLocal({ log: () => undefined }), /Fault "slow" is not a known fault/);
      } finally {
        if (saved === undefined) {
          delete process.env['ECR_LOCAL_FAULTS'];
        } else {
          process.env['ECR_LOCAL_FAULTS'] = saved;
        }
      }
    });
  });

  describe('through the SDKs', () => {
    it('throttles: ECR answers 400 ThrottlingException, Inspector2 429, and retries give up after three attempts', async () => {
      const env = await startTestEcrLocal({ faults: 'throttle:1' });
      try {
        await expectAwsError(env.ecr('us-east-1', { maxAttempts: 1 }).send(new DescribeRepositoriesCommand({})), 'ThrottlingException', 400);
        await expectAwsError(env.inspector('us-east-1', { maxAttempts: 1 }).send(new ListFindingsCommand({})), 'ThrottlingException', 429);
        const retried = await expectAwsError(env.ecr().send(new DescribeRepositoriesCommand({})), 'ThrottlingException');
        assert.equal(retried.$metadata?.attempts, 3, 'the SDK saw throttling and retried');
      } finally {
        await env.stop();
      }
    });

    it('lets the default retry strategy recover from intermittent throttling, reproducibly with a seed', async () => {
      // With seed 8 the first two draws throttle and the third does not.
      const env = await startTestEcrLocal({ faults: 'throttle:0.5,seed:8' });
      try {
        const answer = await env.ecr().send(new CreateRepositoryCommand({ repositoryName: 'retried' }));
        assert.equal(answer.repository?.repositoryName, 'retried');
        assert.equal(answer.$metadata.attempts, 3);
      } finally {
        await env.stop();
      }
    });

    it('answers 500s: ServerException for ECR, InternalServerException for Inspector2', async () => {
      const env = await startTestEcrLocal({ faults: 'error500:1' });
      try {
        await expectAwsError(env.ecr('us-east-1', { maxAttempts: 1 }).send(new DescribeRepositoriesCommand({})), 'ServerException', 500);
        await expectAwsError(env.inspector('us-east-1', { maxAttempts: 1 }).send(new ListFindingsCommand({})), 'InternalServerException', 500);
      } finally {
        await env.stop();
      }
    });

    it('expires the token of every call', async () => {
      const env = await startTestEcrLocal({ faults: 'expired-token' });
      try {
        const ecrError = await expectAwsError(env.ecr().send(new DescribeRepositoriesCommand({})), 'ExpiredTokenException', 400);
        assert.equal(ecrError.message, 'The security token included in the request is expired');
        await expectAwsError(env.inspector().send(new ListFindingsCommand({})), 'ExpiredTokenException', 403);
      } finally {
        await env.stop();
      }
    });

    it('adds latency to every answer', async () => {
      const env = await startTestEcrLocal({ faults: 'latency:150' });
      try {
        const started = performance.now();
        await env.ecr().send(new DescribeRepositoriesCommand({}));
        assert.ok(performance.now() - started >= 150, 'the answer came no sooner than the latency');
      } finally {
        await env.stop();
      }
    });

    it('reads ECR_LOCAL_FAULTS when no faults option is given', async () => {
      const saved = process.env['ECR_LOCAL_FAULTS'];
      process.env['ECR_LOCAL_FAULTS'] = 'expired-token';
      const local = await startEcrLocal({ log: () => undefined });
      try {
        const response = await fetch(`${local.url}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories' },
          body: '{}',
        });
        assert.equal(((await response.json()) as { __type: string }).__type, 'ExpiredTokenException');
      } finally {
        if (saved === undefined) {
          delete process.env['ECR_LOCAL_FAULTS'];
        } else {
          process.env['ECR_LOCAL_FAULTS'] = saved;
        }
        await local.stop();
      }
    });
  });
  describe('changed at runtime', () => {
    const faultsUrl = (url: string) => `${url}/ecr-local/faults`;
    const putFaults = (url: string, body: string) => fetch(faultsUrl(url), { method: 'PUT', body });
    const getFaults = async (url: string) => {
      const response = await fetch(faultsUrl(url));
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
      return response.text();
    };

    it('writes a spec back as text that parses to the same spec', () => {
      for (const text of ['', 'throttle:0.25', 'error500:1,latency:20,expired-token,seed:-7', 'seed:0']) {
        const parsed = parseFaultSpec(text);
        assert.ok(parsed.ok);
        assert.deepEqual(parseFaultSpec(formatFaultSpec(parsed.spec)), parsed, text);
      }
      assert.equal(formatFaultSpec({ throttle: 0.5, error500: 0, latencyMs: 10, expiredToken: true, seed: 3 }), 'throttle:0.5,latency:10,expired-token,seed:3');
    });

    it('turns a healthy endpoint into a failing one and back with PUT /ecr-local/faults, and GET shows the spec', async () => {
      const env = await startTestEcrLocal();
      try {
        const ecr = env.ecr('us-east-1', { maxAttempts: 1 });
        assert.equal(await getFaults(env.local.url), '');
        await ecr.send(new CreateRepositoryCommand({ repositoryName: 'healthy' }));

        const put = await putFaults(env.local.url, 'error500:1, seed:5\n');
        assert.equal(put.status, 204);
        assert.equal(await getFaults(env.local.url), 'error500:1,seed:5');
        await expectAwsError(ecr.send(new DescribeRepositoriesCommand({})), 'ServerException', 500);
        await expectAwsError(env.inspector('us-east-1', { maxAttempts: 1 }).send(new ListFindingsCommand({})), 'InternalServerException', 500);

        assert.equal((await putFaults(env.local.url, 'expired-token')).status, 204);
        await expectAwsError(ecr.send(new DescribeRepositoriesCommand({})), 'ExpiredTokenException', 400);

        assert.equal((await putFaults(env.local.url, '')).status, 204);
        assert.equal(await getFaults(env.local.url), '');
        const { repositories } = await ecr.send(new DescribeRepositoriesCommand({}));
        assert.deepEqual(repositories?.map((repository) => repository.repositoryName), ['healthy']);
      } finally {
        await env.stop();
      }
    });

    it('refuses a bad spec with 400 and the parse error, and keeps the faults it had', async () => {
      const env = await startTestEcrLocal({ faults: 'latency:1' });
      try {
        const refused = await putFaults(env.local.url, 'throttle:2');
        assert.equal(refused.status, 400);
        assert.match(await refused.text(), /^Fault "throttle:2" needs a probability between 0 and 1: expected a comma-separated list/);
        assert.equal(await getFaults(env.local.url), 'latency:1');
        const wrongMethod = await fetch(faultsUrl(env.local.url), { method: 'POST', body: 'throttle:1' });
        assert.equal(wrongMethod.status, 405);
        assert.equal(wrongMethod.headers.get('allow'), 'GET, PUT');
        assert.equal(await getFaults(env.local.url), 'latency:1');
      } finally {
        await env.stop();
      }
    });

    it('is never faulted itself, so a test can always switch the faults off again', async () => {
      const env = await startTestEcrLocal({ faults: 'expired-token,error500:1' });
      try {
        assert.equal(await getFaults(env.local.url), 'error500:1,expired-token');
        assert.equal((await putFaults(env.local.url, '')).status, 204);
        await env.ecr().send(new DescribeRepositoriesCommand({}));
      } finally {
        await env.stop();
      }
    });

    it('setFaults on the handle does the same in-process, restarting the seeded draws', async () => {
      const env = await startTestEcrLocal();
      try {
        const ecr = env.ecr('us-east-1', { maxAttempts: 1 });
        env.local.setFaults('throttle:1');
        await expectAwsError(ecr.send(new DescribeRepositoriesCommand({})), 'ThrottlingException', 400);
        assert.equal(await getFaults(env.local.url), 'throttle:1');
        assert.throws(() => env.local.setFaults('latency:-1'), /^Error: setFaults: Fault "latency:-1" needs whole milliseconds/);
        assert.equal(await getFaults(env.local.url), 'throttle:1', 'a refused spec changes nothing');
        // Seed 8 throttles the first two draws and not the third (as above), every time it is set.
        for (let round = 0; round < 2; round++) {
          env.local.setFaults('throttle:0.5,seed:8');
          const answer = await env.ecr().send(new DescribeRepositoriesCommand({}));
          assert.equal(answer.$metadata.attempts, 3);
        }
        env.local.setFaults('');
        await ecr.send(new DescribeRepositoriesCommand({}));
      } finally {
        await env.stop();
      }
    });
  });
});
