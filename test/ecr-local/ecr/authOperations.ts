// GetAuthorizationToken: a registry password for `docker login`, valid 12 hours, for the region
// the request was signed for. proxyEndpoint is ecr-local itself, where /v2/ is served.
import type { GetAuthorizationTokenResponse } from '@aws-sdk/client-ecr';
import type { EcrCall } from './call';

export function getAuthorizationToken(call: EcrCall): GetAuthorizationTokenResponse {
  // registryIds is deprecated; ECR still validates its shape and returns one token regardless.
  call.input.optionalStrings('registryIds', { min: 1, max: 10 }, { pattern: /^[0-9]{12}$/ });
  const { password, expiresAt } = call.store.issueToken(call.regionName);
  return {
    authorizationData: [
      {
        authorizationToken: Buffer.from(`AWS:${password}`).toString('base64'),
        expiresAt: new Date(expiresAt),
        proxyEndpoint: call.endpointUrl,
      },
    ],
  };
}
