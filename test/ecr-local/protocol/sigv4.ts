// Reads the credential scope of a SigV4 Authorization header. ecr-local accepts any signature
// and any access key: what it needs is the region (one registry per region) and a check that
// the request was signed for the right service, as AWS checks.
//   Authorization: AWS4-HMAC-SHA256 Credential=AKID/20260115/eu-west-1/ecr/aws4_request, SignedHeaders=…, Signature=…
import { ApiError } from './apiError';

export const DEFAULT_REGION = 'us-east-1';
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

/**
 * The region a request is for. Without an Authorization header (curl, a browser) the region is
 * us-east-1; a header that is there but unreadable, or scoped to another service, is refused.
 */
export function regionOfRequest(authorization: string | undefined, service: string): string {
  if (authorization === undefined || authorization.trim() === '') {
    return DEFAULT_REGION;
  }
  if (!authorization.startsWith('AWS4-HMAC-SHA256 ')) {
    throw new ApiError(
      'IncompleteSignatureException',
      `Authorization header requires the AWS4-HMAC-SHA256 algorithm (Signature Version 4); got '${authorization.split(' ')[0] ?? ''}'.`,
    );
  }
  const match = CREDENTIAL.exec(authorization);
  if (!match) {
    throw new ApiError(
      'IncompleteSignatureException',
      "Authorization header requires 'Credential' parameter of the form KEY/DATE/REGION/SERVICE/aws4_request.",
    );
  }
  const region = match[3] ?? '';
  const scopedService = match[4] ?? '';
  if (scopedService !== service) {
    throw new ApiError('InvalidSignatureException', `Credential should be scoped to correct service: '${service}'. `);
  }
  if (!REGION.test(region)) {
    throw new ApiError('InvalidSignatureException', `Credential should be scoped to a valid region, not '${region}'. `);
  }
  return region;
}

/** The access key id of a SigV4 Authorization header, if it has a readable one. */
export function accessKeyOfRequest(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : CREDENTIAL.exec(authorization)?.[1];
}
