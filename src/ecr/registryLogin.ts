// The registry credentials `docker login` needs, from ECR's GetAuthorizationToken. The token is
// base64("AWS:<password>"); the password is handed to the caller only, never logged or put in a
// message. SDK errors are left to throw: the views turn them into AwsProblems.
import { GetAuthorizationTokenCommand, type ECRClient } from '@aws-sdk/client-ecr';

export interface EcrRegistryLogin {
  /** host[:port] of proxyEndpoint, what `docker login` and image references use. */
  readonly registryHost: string;
  readonly username: string;
  readonly password: string;
  /** When the token stops working (12 hours after it was issued). */
  readonly expiresAt?: Date;
  /** As ECR gives it, e.g. https://123456789012.dkr.ecr.eu-west-1.amazonaws.com */
  readonly proxyEndpoint: string;
}

export async function getRegistryLogin(ecr: ECRClient, signal?: AbortSignal): Promise<EcrRegistryLogin> {
  const output = await ecr.send(new GetAuthorizationTokenCommand({}), signal ? { abortSignal: signal } : {});
  const data = output.authorizationData?.[0];
  if (!data?.authorizationToken || !data.proxyEndpoint) {
    throw new Error('ECR returned no authorization token for this registry; retry, or check that the credentials may call ecr:GetAuthorizationToken.');
  }
  return { ...decodeAuthorizationToken(data.authorizationToken), ...registryOf(data.proxyEndpoint), ...(data.expiresAt ? { expiresAt: data.expiresAt } : {}) };
}

/** base64("user:password") → its parts; the message never quotes the token. */
export function decodeAuthorizationToken(token: string): { username: string; password: string } {
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) {
    throw new Error('ECR returned an authorization token that is not "user:password" in base64; the registry login cannot be used.');
  }
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function registryOf(proxyEndpoint: string): { registryHost: string; proxyEndpoint: string } {
  try {
    // ECR gives a URL; be lenient about a bare host.
    const url = new URL(proxyEndpoint.includes('://') ? proxyEndpoint : `https://${proxyEndpoint}`);
    return { registryHost: url.host, proxyEndpoint };
  } catch {
    throw new Error(`ECR returned a registry endpoint that is not a URL (${proxyEndpoint}); the registry login cannot be used.`);
  }
}
