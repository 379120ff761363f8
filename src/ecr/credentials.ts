// Where each connection's credentials come from: named profiles through the SDK's own ini
// provider (static keys, assume-role with mfa_serial, SSO and sso_session, credential_process,
// web identity), the environment through the SDK's env provider. One provider per profile, shared
// by all its regions, so that an MFA code or an SSO token is asked for once, not per region.
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { fromSSO } from '@aws-sdk/credential-provider-sso';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { configuredEndpoint, sharedFilePaths } from './endpoints';
import { ENVIRONMENT_PROFILE } from './model';
import { credentialKindOf } from './profiles';

export interface CredentialOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly mfaCodeProvider?: (mfaSerial: string, profile: string) => Promise<string>;
  /** Configuration for the STS/SSO clients the ini provider creates (endpoint, proxy handler). */
  readonly innerClientConfig?: () => Record<string, unknown>;
}

/** Credentials are renewed this long before they expire, as the SDK does. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

/**
 * A provider for `profile` that remembers its credentials until shortly before they expire and
 * shares one call among concurrent callers. A failure is not remembered: after `aws sso login`
 * or a cancelled MFA prompt, the next call tries again.
 */
export function credentialProviderFor(profile: string, options: CredentialOptions): AwsCredentialIdentityProvider {
  const source = profile === ENVIRONMENT_PROFILE ? environmentProvider(options.env) : iniProvider(profile, options);
  let current: Promise<AwsCredentialIdentity> | undefined;
  // The SDK passes { callerClientConfig } (the calling client's region & co.): handed on, so that
  // the STS or SSO client of the first caller's region is used when the profile sets none.
  return async (properties?: Record<string, unknown>) => {
    if (current) {
      try {
        const credentials = await current;
        if (!credentials.expiration || credentials.expiration.getTime() - Date.now() > EXPIRY_MARGIN_MS) {
          return credentials;
        }
      } catch {
        // Fall through and try again.
      }
      current = undefined;
    }
    const attempt = source(properties);
    current = attempt;
    attempt.catch(() => {
      if (current === attempt) {
        current = undefined;
      }
    });
    return attempt;
  };
}

function iniProvider(profile: string, options: CredentialOptions): AwsCredentialIdentityProvider {
  const mfaCodeProvider = options.mfaCodeProvider;
  return async (properties?: Record<string, unknown>) => {
    const files = sharedFilePaths(options.env);
    const { configFile, credentialsFile } = await loadSharedConfigFiles({ ...files, ignoreCache: true });
    const section = { ...configFile[profile], ...credentialsFile[profile] };
    const kind = credentialKindOf(section);
    // The STS client that assumes the role must honour this profile's endpoint override too.
    const stsEndpoint = kind === 'assume-role' || kind === 'web-identity' ? await configuredEndpoint('STS', profile, options.env) : undefined;
    // An SSO client must stay in sso_region, which a region here would override.
    const region = kind === 'sso' ? undefined : section['region'];
    const clientConfig = {
      ...options.innerClientConfig?.(),
      ...(stsEndpoint ? { endpoint: stsEndpoint } : {}),
      ...(region ? { region } : {}),
    };
    const common = {
      profile,
      ...files,
      // Re-read the files each time credentials are needed: the user may just have signed in.
      ignoreCache: true,
      ...(Object.keys(clientConfig).length > 0 ? { clientConfig } : {}),
    };
    if (kind === 'sso') {
      // fromIni hands SSO profiles to fromSSO without the file paths it was given; call it
      // directly so that AWS_CONFIG_FILE of `env` is honoured for SSO profiles too.
      return fromSSO(common)(properties);
    }
    return fromIni({
      ...common,
      ...(mfaCodeProvider ? { mfaCodeProvider: (serial: string) => mfaCodeProvider(serial, profile) } : {}),
    })(properties);
  };
}

/**
 * AWS_ACCESS_KEY_ID & co. With the real process environment this is the SDK's fromEnv; tests
 * pass their own environment, read here by the same variable names.
 */
function environmentProvider(env: NodeJS.ProcessEnv): AwsCredentialIdentityProvider {
  if (env === process.env) {
    return fromEnv();
  }
  return () => {
    const accessKeyId = env['AWS_ACCESS_KEY_ID'];
    const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
    if (!accessKeyId || !secretAccessKey) {
      return Promise.reject(Object.assign(new Error('Unable to find environment variable credentials.'), { name: 'CredentialsProviderError' }));
    }
    const sessionToken = env['AWS_SESSION_TOKEN'];
    const expiration = env['AWS_CREDENTIAL_EXPIRATION'];
    return Promise.resolve({
      accessKeyId,
      secretAccessKey,
      ...(sessionToken ? { sessionToken } : {}),
      ...(expiration ? { expiration: new Date(expiration) } : {}),
    });
  };
}
