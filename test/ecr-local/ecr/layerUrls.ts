// GetDownloadUrlForLayer's URLs: like the S3 presigned URLs ECR hands out, they fetch one blob
// without an Authorization header until they expire. The signature is an HMAC, with a key made
// when the process starts, over what the URL names and when it expires, so a URL cannot be
// stretched or pointed at another blob, and a restart invalidates the old ones (as a rotated
// key would). Served at GET /ecr-local/layers/<region>/<digest>/<repository name>?Expires=…&Signature=….
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a download URL works. */
export const LAYER_URL_LIFETIME_MS = 60 * 60 * 1000;
export const LAYERS_PATH = '/ecr-local/layers/';

const KEY = randomBytes(32);

export interface LayerLocation {
  readonly region: string;
  readonly repositoryName: string;
  readonly digest: string;
}

function signature(location: LayerLocation, expiresSeconds: number): string {
  return createHmac('sha256', KEY).update(`${location.region}\n${location.repositoryName}\n${location.digest}\n${expiresSeconds}`).digest('hex');
}

export function layerUrl(endpointUrl: string, location: LayerLocation, now: number): string {
  const expires = Math.floor((now + LAYER_URL_LIFETIME_MS) / 1000);
  const path = `${LAYERS_PATH}${location.region}/${encodeURIComponent(location.digest)}/${location.repositoryName}`;
  return `${endpointUrl}${path}?Expires=${expires}&Signature=${signature(location, expires)}`;
}

export type LayerUrlCheck = { ok: true; location: LayerLocation } | { ok: false; status: number; code: string; message: string };

/** Reads and checks a download URL's path and query (the request's URL, from /ecr-local/layers/ on). */
export function checkLayerUrl(requestUrl: string, now: number): LayerUrlCheck {
  const url = new URL(requestUrl, 'http://127.0.0.1');
  const [region = '', encodedDigest = '', ...repository] = url.pathname.slice(LAYERS_PATH.length).split('/');
  const location = { region, digest: decodeURIComponent(encodedDigest), repositoryName: repository.join('/') };
  const expires = Number(url.searchParams.get('Expires'));
  const given = url.searchParams.get('Signature') ?? '';
  if (location.region === '' || location.digest === '' || location.repositoryName === '' || !Number.isInteger(expires) || given === '') {
    return { ok: false, status: 400, code: 'AuthorizationQueryParametersError', message: 'This URL is not a download URL from GetDownloadUrlForLayer (region, digest, repository, Expires or Signature missing).' };
  }
  const expected = Buffer.from(signature(location, expires));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { ok: false, status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided. Ask GetDownloadUrlForLayer for a new URL.' };
  }
  if (expires * 1000 <= now) {
    return { ok: false, status: 403, code: 'AccessDenied', message: 'Request has expired' };
  }
  return { ok: true, location };
}
