// Reads the AWS profiles a user already has, from the same shared config and credentials
// files (and the same AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE overrides) that the AWS
// CLI and SDK read, through the SDK's own loader so that we parse them exactly as it does.
import { loadSharedConfigFiles, type Profile } from '@smithy/core/config';

/** How a profile obtains credentials; decides what we can offer when they expire. */
export type CredentialKind = 'static-keys' | 'sso' | 'assume-role' | 'web-identity' | 'process' | 'login' | 'unknown';

export interface AwsProfile {
  readonly name: string;
  /** The profile's default region, if the config file sets one. */
  readonly region?: string;
  readonly credentialKind: CredentialKind;
  /** Which files mention the profile (a profile may be split across both). */
  readonly sources: ReadonlyArray<'config' | 'credentials'>;
  /** Present when the profile sets `endpoint_url` or an ECR-specific services endpoint. */
  readonly endpointUrl?: string;
}

export interface ProfileFiles {
  /** Path of the config file; defaults to AWS_CONFIG_FILE or ~/.aws/config. */
  readonly configFilepath?: string;
  /** Path of the credentials file; defaults to AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials. */
  readonly credentialsFilepath?: string;
}

/**
 * Lists the profiles of the shared config and credentials files, sorted with `default` first.
 * Like the SDK, a missing or unreadable file counts as empty: a new machine has neither.
 */
export async function listAwsProfiles(files: ProfileFiles = {}): Promise<AwsProfile[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    ...(files.configFilepath ? { configFilepath: files.configFilepath } : {}),
    ...(files.credentialsFilepath ? { filepath: files.credentialsFilepath } : {}),
    ignoreCache: true,
  });

  const names = new Set<string>();
  // The loader keys non-profile sections as "sso-session.NAME" or "services.NAME".
  for (const name of Object.keys(configFile)) {
    if (!isNonProfileSection(name)) {
      names.add(name);
    }
  }
  for (const name of Object.keys(credentialsFile)) {
    names.add(name);
  }

  const profiles = [...names].map((name): AwsProfile => {
    const fromConfig = configFile[name];
    const fromCredentials = credentialsFile[name];
    const merged: Profile = { ...fromConfig, ...fromCredentials };
    const sources: Array<'config' | 'credentials'> = [];
    if (fromConfig) {
      sources.push('config');
    }
    if (fromCredentials) {
      sources.push('credentials');
    }
    const region = merged.region?.trim();
    const endpointUrl = ecrEndpointOf(merged, configFile);
    return {
      name,
      ...(region ? { region } : {}),
      credentialKind: credentialKindOf(merged),
      sources,
      ...(endpointUrl ? { endpointUrl } : {}),
    };
  });

  return profiles.sort(compareProfiles);
}

function isNonProfileSection(key: string): boolean {
  return key.startsWith('sso-session.') || key.startsWith('services.');
}

function compareProfiles(a: AwsProfile, b: AwsProfile): number {
  if (a.name === 'default') {
    return -1;
  }
  if (b.name === 'default') {
    return 1;
  }
  return a.name.localeCompare(b.name);
}

/** The order mirrors the SDK's own precedence in credential-provider-ini. */
export function credentialKindOf(profile: Profile): CredentialKind {
  if (profile.role_arn && (profile.source_profile || profile.credential_source)) {
    return 'assume-role';
  }
  if (profile.role_arn && profile.web_identity_token_file) {
    return 'web-identity';
  }
  if (profile.sso_session || profile.sso_start_url || profile.sso_account_id) {
    return 'sso';
  }
  if (profile.aws_access_key_id && profile.aws_secret_access_key) {
    return 'static-keys';
  }
  if (profile.credential_process) {
    return 'process';
  }
  if (profile.login_session) {
    return 'login';
  }
  return 'unknown';
}

/**
 * The endpoint a profile points ECR at: a `services` section's `ecr` endpoint_url wins over the
 * profile's global `endpoint_url`, as in the SDK's service-specific endpoint resolution.
 */
function ecrEndpointOf(profile: Profile, configFile: Record<string, Profile>): string | undefined {
  const servicesName = profile.services;
  if (servicesName) {
    const services = configFile[`services.${servicesName}`];
    const ecrEndpoint = services?.['ecr.endpoint_url'];
    if (ecrEndpoint) {
      return ecrEndpoint;
    }
  }
  return profile.endpoint_url;
}
