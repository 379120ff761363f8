// getRepositoryScanning against ecr-local through the real SDK: whether a push into a repository
// is followed by a scan, as ECR works it out from the repository's own scanOnPush and the
// registry's basic or enhanced scanning rules.
import * as assert from 'node:assert/strict';
import { CreateRepositoryCommand, ECRClient, PutRegistryScanningConfigurationCommand } from '@aws-sdk/client-ecr';
import { getRepositoryScanning } from '../../src/ecr/scanConfiguration';
import { startTestEcrLocal, TestClock, type TestEcrLocal } from './testing/harness';

const REGION = 'eu-west-1';

describe('repository scanning configuration against ecr-local', () => {
  let env: TestEcrLocal;
  let ecr: ECRClient;

  beforeEach(async () => {
    env = await startTestEcrLocal({ now: new TestClock().now });
    ecr = env.ecr(REGION);
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'scans/on-push', imageScanningConfiguration: { scanOnPush: true } }));
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'plain/app' }));
  });
  afterEach(async () => {
    await env.stop();
  });

  it("follows the repository's own scanOnPush under basic scanning", async () => {
    assert.deepEqual(await getRepositoryScanning(ecr, 'scans/on-push'), { scansOnPush: true, frequency: 'SCAN_ON_PUSH' });
    assert.deepEqual(await getRepositoryScanning(ecr, 'plain/app'), { scansOnPush: false, frequency: 'MANUAL' });
  });

  it('follows registry rules: a basic SCAN_ON_PUSH filter, then enhanced continuous scanning', async () => {
    await ecr.send(
      new PutRegistryScanningConfigurationCommand({
        scanType: 'BASIC',
        rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: 'plain/*', filterType: 'WILDCARD' }] }],
      }),
    );
    assert.deepEqual(await getRepositoryScanning(ecr, 'plain/app'), { scansOnPush: true, frequency: 'SCAN_ON_PUSH' });

    await ecr.send(
      new PutRegistryScanningConfigurationCommand({
        scanType: 'ENHANCED',
        rules: [{ scanFrequency: 'CONTINUOUS_SCAN', repositoryFilters: [{ filter: 'scans/*', filterType: 'WILDCARD' }] }],
      }),
    );
    assert.deepEqual(await getRepositoryScanning(ecr, 'scans/on-push'), { scansOnPush: true, frequency: 'CONTINUOUS_SCAN' });
    assert.deepEqual(await getRepositoryScanning(ecr, 'plain/app'), { scansOnPush: false, frequency: 'MANUAL' });
  });

  it('says nothing (undefined) for a repository ECR does not know, so the caller waits as before', async () => {
    assert.equal(await getRepositoryScanning(ecr, 'not/there'), undefined);
  });
});
