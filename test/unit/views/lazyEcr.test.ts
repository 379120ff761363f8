import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as awsCore from '../../../src/ecr/awsCore';
import * as lazyEcr from '../../../src/views/lazyEcr';

// tsc's output keeps one file per module, so a fresh Node process shows what requiring a module evaluates.
const LAZY_ECR = require.resolve('../../../src/views/lazyEcr');

/** Runs `body` in a fresh Node process with lazyEcr required as `lazy`; returns what it printed. */
function inFreshProcess(body: string): string {
  const script = `const sdkLoaded = () => Object.keys(require.cache).some((file) => /node_modules[\\\\/]@aws-sdk[\\\\/]/.test(file));
const lazy = require(${JSON.stringify(LAZY_ECR)});
${body}`;
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
}

describe('lazyEcr', () => {
  it('evaluates no AWS SDK module until the core is asked for, then loads it', () => {
    const printed = inFreshProcess(`
const before = sdkLoaded();
lazy.loadEcrCore().then((core) => console.log(JSON.stringify({ before, after: sdkLoaded(), client: typeof core.EcrClients })));`);
    assert.deepEqual(JSON.parse(printed), { before: false, after: true, client: 'function' });
  });

  it('loads the core once, however many callers ask at the same time', async () => {
    const [first, second] = await Promise.all([lazyEcr.loadEcrCore(), lazyEcr.loadEcrCore()]);
    assert.equal(first, second);
    assert.equal(first.listAwsProfiles, awsCore.listAwsProfiles);
  });

  it('has a wrapper for every function of the core but the EcrClients class (reached through loadEcrCore)', () => {
    const coreFunctions = Object.keys(awsCore).filter((name) => name !== 'EcrClients').sort();
    const wrappers = Object.keys(lazyEcr)
      .filter((name) => name !== 'loadEcrCore')
      .sort();
    assert.deepEqual(wrappers, coreFunctions);
  });

  it('hands its arguments to the core and returns what the core answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lazy-ecr-'));
    try {
      const configFilepath = join(dir, 'config');
      const credentialsFilepath = join(dir, 'credentials');
      writeFileSync(configFilepath, '[profile team-a]\nregion = eu-west-1\nsso_session = corp\n\n[sso-session corp]\nsso_region = eu-west-1\n');
      writeFileSync(credentialsFilepath, '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = example\n');
      const files = { configFilepath, credentialsFilepath };
      const viaWrapper = await lazyEcr.listAwsProfiles(files);
      assert.deepEqual(viaWrapper, await awsCore.listAwsProfiles(files));
      assert.deepEqual(
        viaWrapper.map((profile) => profile.name),
        ['default', 'team-a'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams the core search generator: an aborted search ends without results', async () => {
    const controller = new AbortController();
    controller.abort();
    const seen: unknown[] = [];
    for await (const progress of lazyEcr.searchRepositories([], 'api', { signal: controller.signal })) {
      seen.push(progress);
    }
    assert.deepEqual(seen, []);
  });
});
