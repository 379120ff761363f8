// The endpoint overrides of the AWS SDKs and CLI (AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL,
// a profile's endpoint_url or its [services] section, and the ignore_configured_endpoint_urls
// switch), resolved for one named profile.
//
// Why not leave it to the SDK: @smithy/core's getEndpointFromConfig reads the profile named by
// AWS_PROFILE (or "default"), not the `profile` given to the client (verified with
// @aws-sdk/client-ecr 3.1169 / @smithy/core 3.41, see test/ecr-local/client/endpoints.test.ts).
// An explorer showing several profiles at once must use each profile's own override, and must
// not send one profile's credentials to another profile's endpoint. The precedence mirrors the
// SDK's: environment first, then the profile; the service's own key before the global one.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { ENVIRONMENT_PROFILE } from './model';

/** The shared config and credentials files, as the CLI finds them through `env`. */
export function sharedFilePaths(env: NodeJS.ProcessEnv): { configFilepath: string; filepath: string } {
  const home = env['HOME'] ?? env['USERPROFILE'] ?? homedir();
  return {
    configFilepath: env['AWS_CONFIG_FILE'] || join(home, '.aws', 'config'),
    filepath: env['AWS_SHARED_CREDENTIALS_FILE'] || join(home, '.aws', 'credentials'),
  };
}

/**
 * The configured endpoint for `serviceId` (the SDK's id, e.g. "ECR", "STS", "SSO OIDC") and
 * `profile` (ENVIRONMENT_PROFILE reads AWS_PROFILE or "default" as the SDK does), or undefined
 * to let the SDK pick the regional AWS endpoint.
 */
export async function configuredEndpoint(serviceId: string, profile: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const profileName = profile === ENVIRONMENT_PROFILE ? env['AWS_PROFILE'] || env['AWS_DEFAULT_PROFILE'] || 'default' : profile;
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ...sharedFilePaths(env), ignoreCache: true });
  const section = { ...configFile[profileName], ...credentialsFile[profileName] };

  const ignoreFromEnv = env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];
  const ignore = ignoreFromEnv !== undefined ? isTrue(ignoreFromEnv) : isTrue(section['ignore_configured_endpoint_urls']);
  if (ignore) {
    return undefined;
  }
  const envSuffix = serviceId.split(' ').map((word) => word.toUpperCase()).join('_');
  const fromEnv = env[`AWS_ENDPOINT_URL_${envSuffix}`] || env['AWS_ENDPOINT_URL'];
  if (fromEnv) {
    return fromEnv;
  }
  const servicesName = section['services'];
  if (servicesName) {
    const services = configFile[`services.${servicesName}`];
    if (!services) {
      throw new Error(
        `Profile "${profileName}" refers to services section "${servicesName}", which the AWS config file does not have. Add [services ${servicesName}] or remove "services" from the profile.`,
      );
    }
    const key = `${serviceId.split(' ').map((word) => word.toLowerCase()).join('_')}.endpoint_url`;
    const fromServices = services[key];
    if (fromServices) {
      return fromServices;
    }
  }
  return section['endpoint_url'] || undefined;
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true';
}
