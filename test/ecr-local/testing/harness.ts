// Starts ecr-local in this process for a test, on a free port, and hands out real AWS SDK
// clients pointed at it with fake static credentials.
import * as assert from 'node:assert/strict';
import { ECRClient, type ECRClientConfig } from '@aws-sdk/client-ecr';
import { Inspector2Client, type Inspector2ClientConfig } from '@aws-sdk/client-inspector2';
import { startEcrLocal, type EcrLocal, type EcrLocalOptions } from '../ecrLocal';

// The SDK warns once per process that Node 20 support ends; in test output it is only noise.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDECRLOCALTEST', secretAccessKey: 'ecr-local-test-secret' };

export interface TestEcrLocal {
  readonly local: EcrLocal;
  /** Log lines ecr-local wrote (kept off the test output). */
  readonly log: string[];
  ecr(region?: string, config?: Partial<ECRClientConfig>): ECRClient;
  inspector(region?: string, config?: Partial<Inspector2ClientConfig>): Inspector2Client;
  stop(): Promise<void>;
}

export async function startTestEcrLocal(options: EcrLocalOptions = {}): Promise<TestEcrLocal> {
  const log: string[] = [];
  const local = await startEcrLocal({ faults: '', previewDelayMs: 20, log: (line) => log.push(line), ...options });
  const clients: Array<{ destroy(): void }> = [];
  return {
    local,
    log,
    ecr(region = 'us-east-1', config = {}) {
      const client = new ECRClient({ endpoint: local.url, region, credentials: TEST_CREDENTIALS, ...config });
      clients.push(client);
      return client;
    },
    inspector(region = 'us-east-1', config = {}) {
      const client = new Inspector2Client({ endpoint: local.url, region, credentials: TEST_CREDENTIALS, ...config });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) {
        client.destroy();
      }
      await local.stop();
    },
  };
}

interface ServiceError extends Error {
  readonly $metadata?: { httpStatusCode?: number; attempts?: number };
}

/** Awaits a call that must fail with the AWS error `name` (and HTTP `status` when given). */
export async function expectAwsError(call: Promise<unknown>, name: string, status?: number): Promise<ServiceError> {
  let failure: unknown;
  try {
    await call;
  } catch (error) {
    failure = error;
  }
  assert.ok(failure instanceof Error, `expected ${name}, but the call succeeded`);
  const error = failure as ServiceError;
  assert.equal(error.name, name, `expected ${name}, got ${error.name}: ${error.message}`);
  if (status !== undefined) {
    assert.equal(error.$metadata?.httpStatusCode, status, `${name} status`);
  }
  return error;
}

/** Polls `probe` until it returns a value, failing after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A clock the test moves by hand (24 h scan quota, 12 h tokens, lifecycle ages). */
export class TestClock {
  current = Date.parse('2026-06-01T12:00:00Z');
  readonly now = (): number => this.current;
  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}
