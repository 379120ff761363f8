// The ecr-local the integration harness started for this run (see test/harness/ecrLocalProfiles.ts),
// as the in-host tests see it: its endpoint, its profiles, and a switch for its faults.
import type { TestEcrEnvironment } from '../harness/ecrLocalProfiles';

const TEST_ECR_ENV = 'ECR_EXPLORER_TEST_ECR';

export function testEcr(): TestEcrEnvironment {
  const text = process.env[TEST_ECR_ENV];
  if (!text) {
    throw new Error(`${TEST_ECR_ENV} is not set: run these tests through "npm run test:integration", which starts ecr-local.`);
  }
  return JSON.parse(text) as TestEcrEnvironment;
}

/** Makes ecr-local fail (e.g. "error500:1", "expired-token") or heal (""), for every later request. */
export async function setEcrFaults(spec: string): Promise<void> {
  const response = await fetch(testEcr().faultsUrl, { method: 'PUT', body: spec });
  if (!response.ok) {
    throw new Error(`ecr-local refused the faults "${spec}": ${response.status} ${await response.text()}`);
  }
}
