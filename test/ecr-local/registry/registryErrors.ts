// Error responses in the distribution API's format ({"errors":[{code, message, detail}]}),
// with the wording ECR's registry uses, so that docker prints what it prints against ECR.
import type { ServerResponse } from 'node:http';

export const API_VERSION_HEADER = { 'Docker-Distribution-Api-Version': 'registry/2.0' } as const;

export function sendRegistryError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  extraHeaders: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = JSON.stringify({ errors: [{ code, message }] });
  response.writeHead(status, {
    ...API_VERSION_HEADER,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...extraHeaders,
  });
  response.end(body);
}

export const ECR_MESSAGES = {
  notAuthorized: 'Not Authorized',
  expired: 'Your authorization token has expired. Reauthenticate and try again.',
  repositoryMissing: (name: string, registryId: string) =>
    `The repository with name '${name}' does not exist in the registry with id '${registryId}'`,
  unsupported: 'The operation is unsupported.',
  deleteUnsupported: 'The operation is unsupported. Delete images with the BatchDeleteImage API.',
} as const;
