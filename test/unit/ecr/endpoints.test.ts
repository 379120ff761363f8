import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configuredEndpoint } from '../../../src/ecr/endpoints';
import { ENVIRONMENT_PROFILE } from '../../../src/ecr/model';

describe('configuredEndpoint', () => {
  let folder: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ecr-endpoints-'));
    await writeFile(
      join(folder, 'config'),
      [
        '[default]',
        'endpoint_url = http://default.local',
        '[profile global]',
        'endpoint_url = http://global.local',
        '[profile scoped]',
        'endpoint_url = http://global.local',
        'services = mine',
        '[services mine]',
        'ecr =',
        '  endpoint_url = http://ecr.local',
        '[profile scoped-other]',
        'services = mine-sts-only',
        '[services mine-sts-only]',
        'sts =',
        '  endpoint_url = http://sts.local',
        '[profile ignoring]',
        'endpoint_url = http://global.local',
        'ignore_configured_endpoint_urls = true',
        '[profile dangling]',
        'services = missing',
        '[profile none]',
        '',
      ].join('\n'),
    );
    env = { AWS_CONFIG_FILE: join(folder, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(folder, 'credentials') };
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("reads the named profile's endpoint_url, whatever AWS_PROFILE says", async () => {
    env['AWS_PROFILE'] = 'none';
    assert.equal(await configuredEndpoint('ECR', 'global', env), 'http://global.local');
    assert.equal(await configuredEndpoint('ECR', 'none', env), undefined);
  });

  it("prefers the [services] section's entry for the service, else the profile's", async () => {
    assert.equal(await configuredEndpoint('ECR', 'scoped', env), 'http://ecr.local');
    assert.equal(await configuredEndpoint('STS', 'scoped', env), 'http://global.local');
    assert.equal(await configuredEndpoint('STS', 'scoped-other', env), 'http://sts.local');
    assert.equal(await configuredEndpoint('ECR', 'scoped-other', env), undefined);
  });

  it('lets the environment win: AWS_ENDPOINT_URL_<SERVICE> before AWS_ENDPOINT_URL', async () => {
    env['AWS_ENDPOINT_URL'] = 'http://env-global.local';
    assert.equal(await configuredEndpoint('ECR', 'scoped', env), 'http://env-global.local');
    env['AWS_ENDPOINT_URL_ECR'] = 'http://env-ecr.local';
    assert.equal(await configuredEndpoint('ECR', 'scoped', env), 'http://env-ecr.local');
    assert.equal(await configuredEndpoint('SSO OIDC', 'none', { ...env, AWS_ENDPOINT_URL_SSO_OIDC: 'http://oidc.local' }), 'http://oidc.local');
  });

  it('honours ignore_configured_endpoint_urls and AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', async () => {
    assert.equal(await configuredEndpoint('ECR', 'ignoring', env), undefined);
    env['AWS_ENDPOINT_URL_ECR'] = 'http://env-ecr.local';
    env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] = 'true';
    assert.equal(await configuredEndpoint('ECR', 'global', env), undefined);
    env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] = 'false';
    assert.equal(await configuredEndpoint('ECR', 'ignoring', env), 'http://env-ecr.local');
  });

  it('uses AWS_PROFILE (or default) for the environment pseudo-profile', async () => {
    assert.equal(await configuredEndpoint('ECR', ENVIRONMENT_PROFILE, env), 'http://default.local');
    assert.equal(await configuredEndpoint('ECR', ENVIRONMENT_PROFILE, { ...env, AWS_PROFILE: 'global' }), 'http://global.local');
  });

  it('explains a services reference to a missing section', async () => {
    await assert.rejects(configuredEndpoint('ECR', 'dangling', env), /services section "missing", which the AWS config file does not have/);
  });

  it('treats missing files as empty, as the SDK does', async () => {
    assert.equal(await configuredEndpoint('ECR', 'any', { AWS_CONFIG_FILE: join(folder, 'nope'), AWS_SHARED_CREDENTIALS_FILE: join(folder, 'nope2') }), undefined);
  });
});
