import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listAwsProfiles } from '../../src/ecr/profiles';

describe('listAwsProfiles', () => {
  let folder: string;
  let configFilepath: string;
  let credentialsFilepath: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ecr-profiles-'));
    configFilepath = join(folder, 'config');
    credentialsFilepath = join(folder, 'credentials');
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('merges both files, puts default first and classifies each credential source', async () => {
    await writeFile(
      configFilepath,
      [
        '[default]',
        'region = eu-west-1',
        '[profile prod]',
        'region = us-east-1',
        'role_arn = arn:aws:iam::123456789012:role/deploy',
        'source_profile = default',
        '[profile sso-dev]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = Developer',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = eu-west-1',
        '[profile tool]',
        'credential_process = /usr/local/bin/get-creds --json',
      ].join('\n'),
    );
    await writeFile(
      credentialsFilepath,
      ['[default]', 'aws_access_key_id = AKIAEXAMPLE', 'aws_secret_access_key = secret', '[ci]', 'aws_access_key_id = AKIACI', 'aws_secret_access_key = s'].join('\n'),
    );

    const profiles = await listAwsProfiles({ configFilepath, credentialsFilepath });

    assert.deepEqual(
      profiles.map((p) => [p.name, p.region, p.credentialKind, p.sources.join('+')]),
      [
        ['default', 'eu-west-1', 'static-keys', 'config+credentials'],
        ['ci', undefined, 'static-keys', 'credentials'],
        ['prod', 'us-east-1', 'assume-role', 'config'],
        ['sso-dev', undefined, 'sso', 'config'],
        ['tool', undefined, 'process', 'config'],
      ],
    );
  });

  it('never lists sso-session or services sections as profiles', async () => {
    await writeFile(configFilepath, '[sso-session corp]\nsso_region = eu-west-1\n[services local]\necr =\n  endpoint_url = http://127.0.0.1:4510\n');
    assert.deepEqual(await listAwsProfiles({ configFilepath, credentialsFilepath }), []);
  });

  it('reads an ECR endpoint from a services section before the global endpoint_url', async () => {
    await writeFile(
      configFilepath,
      [
        '[profile local]',
        'region = us-east-1',
        'endpoint_url = http://127.0.0.1:1',
        'services = local-ecr',
        '[services local-ecr]',
        'ecr =',
        '  endpoint_url = http://127.0.0.1:4510',
        '[profile plain]',
        'endpoint_url = http://127.0.0.1:9',
      ].join('\n'),
    );
    const profiles = await listAwsProfiles({ configFilepath, credentialsFilepath });
    assert.deepEqual(
      profiles.map((p) => [p.name, p.endpointUrl]),
      [
        ['local', 'http://127.0.0.1:4510'],
        ['plain', 'http://127.0.0.1:9'],
      ],
    );
  });

  it('treats missing files as no profiles, as a new machine has none', async () => {
    assert.deepEqual(await listAwsProfiles({ configFilepath, credentialsFilepath }), []);
  });

  it('marks a profile without any credential source as unknown', async () => {
    await writeFile(configFilepath, '[profile bare]\nregion = ap-south-1\n');
    const [bare] = await listAwsProfiles({ configFilepath, credentialsFilepath });
    assert.equal(bare?.credentialKind, 'unknown');
    assert.equal(bare?.region, 'ap-south-1');
  });
});
