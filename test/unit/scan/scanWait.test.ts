// waitForScan against a scripted DescribeImageScanFindings and a hand-driven clock: every outcome,
// the backoff, the grace for a scan on push that has not started, cancellation. Nothing waits.
import * as assert from 'node:assert/strict';
import type { ECRClient } from '@aws-sdk/client-ecr';
import { waitForScan, type ScanWaitClock } from '../../../src/ecr/scanWait';

type Answer = { status: string; description?: string } | { error: string };

class ScriptedEcr {
  calls = 0;
  readonly inputs: unknown[] = [];
  constructor(private readonly answers: Answer[]) {}
  send(command: { input: unknown }): Promise<unknown> {
    this.inputs.push(command.input);
    const answer = this.answers[Math.min(this.calls, this.answers.length - 1)];
    this.calls++;
    if (!answer) {
      return Promise.reject(new Error('no answer scripted'));
    }
    if ('error' in answer) {
      return Promise.reject(Object.assign(new Error(answer.error), { name: answer.error }));
    }
    return Promise.resolve({ imageScanStatus: { status: answer.status, ...(answer.description ? { description: answer.description } : {}) } });
  }
  get client(): ECRClient {
    return this as unknown as ECRClient;
  }
}

class FakeClock implements ScanWaitClock {
  time = 0;
  readonly sleeps: number[] = [];
  onSleep: (() => void) | undefined;
  now = (): number => this.time;
  sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.time += ms;
    this.onSleep?.();
    return Promise.resolve();
  };
}

describe('waitForScan', () => {
  it('polls with a backoff from 1 s up to 5 s until COMPLETE, reporting each status', async () => {
    const ecr = new ScriptedEcr([...Array<Answer>(7).fill({ status: 'IN_PROGRESS' }), { status: 'COMPLETE', description: 'The scan was completed successfully.' }]);
    const clock = new FakeClock();
    const seen: Array<[string, number]> = [];
    const result = await waitForScan(ecr.client, 'app', 'sha256:1', { timeoutMs: 300_000, clock, onStatus: (status, elapsed) => seen.push([status, elapsed]) });
    assert.deepEqual(result, { outcome: 'complete', status: 'COMPLETE', description: 'The scan was completed successfully.' });
    assert.deepEqual(clock.sleeps, [1000, 1500, 2250, 3375, 5000, 5000, 5000]);
    assert.equal(seen.length, 8);
    assert.deepEqual(seen[0], ['IN_PROGRESS', 0]);
    assert.deepEqual(seen[7], ['COMPLETE', 23_125]);
    assert.deepEqual(ecr.inputs[0], { repositoryName: 'app', imageId: { imageDigest: 'sha256:1' }, maxResults: 1 });
  });

  it('maps the end states: ACTIVE → complete, FAILED → failed, UNSUPPORTED_IMAGE → unsupported, SCAN_ELIGIBILITY_EXPIRED → not-scanned', async () => {
    const cases: Array<[string, string]> = [
      ['ACTIVE', 'complete'],
      ['FAILED', 'failed'],
      ['FINDINGS_UNAVAILABLE', 'failed'],
      ['UNSUPPORTED_IMAGE', 'unsupported'],
      ['SCAN_ELIGIBILITY_EXPIRED', 'not-scanned'],
    ];
    for (const [status, outcome] of cases) {
      const result = await waitForScan(new ScriptedEcr([{ status: 'PENDING' }, { status, description: `ended ${status}` }]).client, 'app', 'sha256:1', { timeoutMs: 60_000, clock: new FakeClock() });
      assert.deepEqual(result, { outcome, status, description: `ended ${status}` }, status);
    }
  });

  it('waits out ScanNotFoundException for the grace period (scan on push not started yet), then says not-scanned', async () => {
    const starting = new ScriptedEcr([{ error: 'ScanNotFoundException' }, { error: 'ScanNotFoundException' }, { status: 'IN_PROGRESS' }, { status: 'COMPLETE' }]);
    const statuses: string[] = [];
    const started = await waitForScan(starting.client, 'app', 'sha256:1', { timeoutMs: 60_000, clock: new FakeClock(), onStatus: (status) => statuses.push(status) });
    assert.equal(started.outcome, 'complete');
    assert.deepEqual(statuses, ['NOT_STARTED', 'NOT_STARTED', 'IN_PROGRESS', 'COMPLETE']);

    const never = new ScriptedEcr([{ error: 'ScanNotFoundException' }]);
    const clock = new FakeClock();
    const result = await waitForScan(never.client, 'app', 'sha256:1', { timeoutMs: 60_000, clock });
    assert.deepEqual(result, { outcome: 'not-scanned' });
    assert.ok(clock.time >= 10_000 && clock.time < 16_000, `gave up after ${clock.time} ms`);
  });

  it('times out at the deadline without sleeping past it', async () => {
    const clock = new FakeClock();
    const result = await waitForScan(new ScriptedEcr([{ status: 'IN_PROGRESS' }]).client, 'app', 'sha256:1', { timeoutMs: 12_000, clock });
    assert.deepEqual(result, { outcome: 'timeout', status: 'IN_PROGRESS' });
    assert.equal(clock.time, 12_000);
  });

  it('stops when the signal aborts, before or during a wait', async () => {
    const aborted = new AbortController();
    aborted.abort();
    const ecr = new ScriptedEcr([{ status: 'IN_PROGRESS' }]);
    assert.deepEqual(await waitForScan(ecr.client, 'app', 'sha256:1', { timeoutMs: 60_000, signal: aborted.signal, clock: new FakeClock() }), { outcome: 'cancelled' });
    assert.equal(ecr.calls, 0);

    const later = new AbortController();
    const clock = new FakeClock();
    clock.onSleep = () => {
      if (clock.sleeps.length === 2) {
        later.abort();
      }
    };
    const result = await waitForScan(new ScriptedEcr([{ status: 'IN_PROGRESS' }]).client, 'app', 'sha256:1', { timeoutMs: 60_000, signal: later.signal, clock });
    assert.deepEqual(result, { outcome: 'cancelled', status: 'IN_PROGRESS' });
  });

  it('throws errors other than ScanNotFoundException for the view to describe', async () => {
    await assert.rejects(
      waitForScan(new ScriptedEcr([{ error: 'RepositoryNotFoundException' }]).client, 'gone', 'sha256:1', { timeoutMs: 60_000, clock: new FakeClock() }),
      (error: Error) => error.name === 'RepositoryNotFoundException',
    );
  });
});
