// AWS profiles that point at an ecr-local endpoint through the profile's own `endpoint_url`
// (the SDK's standard override), added to a sandbox's AWS files, and the JSON the in-host tests
// read from ECR_EXPLORER_TEST_ECR to find them.
import { appendFileSync } from 'node:fs';
import type { Sandbox } from './sandbox';

export const TEST_ECR_ENV = 'ECR_EXPLORER_TEST_ECR';

export interface TestEcrEnvironment {
  readonly endpoint: string;
  /** PUT a fault spec here ("error500:1", "expired-token", "" for none); see ecr-local's faults. */
  readonly faultsUrl: string;
  readonly profiles: {
    /** Static keys. */
    readonly healthy: string;
    /** Assume-role through ecr-local's STS with mfa_serial: asks for a code. */
    readonly mfa: string;
    /** SSO with no cached token: needs `aws sso login`. */
    readonly sso: string;
  };
  readonly region: string;
  /** Repositories created in bulk besides the demo seed's. */
  readonly bulkRepositoryCount: number;
}

/** Fake keys: ecr-local accepts any signature. */
const KEYS = { id: 'AKIAECRLOCALEXPLORER', secret: 'ecr-local-explorer-test-secret' };

export function addEcrLocalProfiles(sandbox: Sandbox, endpoint: string, region: string, bulkRepositoryCount: number): TestEcrEnvironment {
  const profiles = { healthy: 'ecr-local', mfa: 'ecr-local-mfa', sso: 'ecr-local-sso' } as const;
  appendFileSync(
    sandbox.awsConfigFile,
    [
      '',
      '# ecr-local, reached through endpoint_url (added by the integration harness).',
      `[profile ${profiles.healthy}]`,
      `region = ${region}`,
      `endpoint_url = ${endpoint}`,
      '',
      `[profile ${profiles.mfa}]`,
      `region = ${region}`,
      'role_arn = arn:aws:iam::123456789012:role/EcrDeployer',
      `source_profile = ${profiles.healthy}`,
      'mfa_serial = arn:aws:iam::123456789012:mfa/tester',
      `endpoint_url = ${endpoint}`,
      '',
      `[profile ${profiles.sso}]`,
      `region = ${region}`,
      'sso_session = ecr-local-corp',
      'sso_account_id = 123456789012',
      'sso_role_name = Developer',
      `endpoint_url = ${endpoint}`,
      '',
      '[sso-session ecr-local-corp]',
      'sso_start_url = https://ecr-local.example.com/start',
      `sso_region = ${region}`,
      'sso_registration_scopes = sso:account:access',
      '',
    ].join('\n'),
  );
  appendFileSync(
    sandbox.awsCredentialsFile,
    `\n[${profiles.healthy}]\naws_access_key_id = ${KEYS.id}\naws_secret_access_key = ${KEYS.secret}\n`,
  );
  return { endpoint, faultsUrl: `${endpoint}/ecr-local/faults`, profiles, region, bulkRepositoryCount };
}
