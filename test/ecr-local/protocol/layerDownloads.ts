// Serves GetDownloadUrlForLayer's URLs (ecr/layerUrls.ts): GET or HEAD, no Authorization header
// needed, the blob streamed from the data plane's registry. Refusals are S3-style XML errors, as
// a client fetching ECR's S3 URL would see them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DataPlane } from '../contracts';
import { checkLayerUrl } from '../ecr/layerUrls';

function sendS3Error(response: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</Message></Error>\n`;
  response.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

export async function serveLayerDownload(request: IncomingMessage, response: ServerResponse, dataPlane: DataPlane | undefined, now: number): Promise<void> {
  request.resume();
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendS3Error(response, 405, 'MethodNotAllowed', `The specified method ${request.method ?? '?'} is not allowed against this resource; use GET.`);
    return;
  }
  const checked = checkLayerUrl(request.url ?? '/', now);
  if (!checked.ok) {
    sendS3Error(response, checked.status, checked.code, checked.message);
    return;
  }
  const { region, repositoryName, digest } = checked.location;
  const blob = await dataPlane?.backend.openLayer?.(region, repositoryName, digest);
  if (!blob) {
    sendS3Error(response, 404, 'NoSuchKey', `The specified key does not exist: no blob ${digest} in ${repositoryName} (${region}).`);
    return;
  }
  const length = blob.headers['content-length'];
  response.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    ...(length !== undefined ? { 'Content-Length': length } : {}),
    ETag: `"${digest.slice(digest.indexOf(':') + 1)}"`,
  });
  if (request.method === 'HEAD') {
    blob.resume();
    response.end();
    return;
  }
  blob.on('error', () => response.destroy());
  blob.pipe(response);
}
