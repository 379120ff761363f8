// A minimal AWS STS on the same endpoint, in STS's own protocol (awsQuery): POST / with a
// form-urlencoded body `Action=AssumeRole&Version=2011-06-15&…`, no X-Amz-Target, SigV4 scoped
// to the service `sts`; answers `<ActionResponse><ActionResult>…` XML and errors as
// `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
// Point an SDK at it with AWS_ENDPOINT_URL_STS (or endpoint_url in the profile; see the README).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stsOperations, type StsOperation, type XmlNode } from '../sts/stsOperations';
import { ApiError } from './apiError';
import { applyFaults, type ApiContext } from './apiContext';
import { readBody } from './http';
import { accessKeyOfRequest, regionOfRequest } from './sigv4';

const STS_VERSION = '2011-06-15';
const NAMESPACE = `https://sts.amazonaws.com/doc/${STS_VERSION}/`;
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Whether a request is for STS: POST / with a form body and no X-Amz-Target. */
export function isStsRequest(request: IncomingMessage, path: string): boolean {
  const contentType = request.headers['content-type'] ?? '';
  return request.method === 'POST' && path === '/' && request.headers['x-amz-target'] === undefined && contentType.toLowerCase().startsWith(FORM_CONTENT_TYPE);
}

/** Escapes element text (no attribute values are written from input). */
function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}

function toXml(node: XmlNode): string {
  return typeof node === 'string' ? escapeXml(node) : node.map(([name, child]) => `<${name}>${toXml(child)}</${name}>`).join('');
}

function sendXml(response: ServerResponse, status: number, requestId: string, xml: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`;
  response.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body), 'x-amzn-RequestId': requestId });
  response.end(body);
}

/** The SigV4 checks' errors under the names the query protocol uses. */
function queryErrorOf(error: ApiError): ApiError {
  if (error.code === 'IncompleteSignatureException') {
    return new ApiError('IncompleteSignature', error.message, 400);
  }
  if (error.code === 'InvalidSignatureException') {
    return new ApiError('SignatureDoesNotMatch', error.message, 403);
  }
  return error;
}

export async function serveSts(request: IncomingMessage, response: ServerResponse, context: ApiContext): Promise<void> {
  const requestId = randomUUID();
  try {
    const body = await readBody(request);
    await applyFaults(context, 'sts');
    const params = new URLSearchParams(body);
    const action = params.get('Action');
    if (action === null || action === '') {
      throw new ApiError('MissingAction', 'Missing Action');
    }
    const version = params.get('Version');
    const operation: StsOperation | undefined = Object.hasOwn(stsOperations, action) ? stsOperations[action] : undefined;
    if (!operation || version !== STS_VERSION) {
      throw new ApiError('InvalidAction', `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`);
    }
    regionOfRequest(request.headers.authorization, 'sts');
    const result = operation({
      params,
      accessKeyId: accessKeyOfRequest(request.headers.authorization),
      sessions: context.stsSessions,
      now: context.store.now(),
    });
    sendXml(
      response,
      200,
      requestId,
      `<${action}Response xmlns="${NAMESPACE}"><${action}Result>${toXml(result)}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
    );
  } catch (caught) {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    let error: ApiError;
    if (caught instanceof ApiError) {
      error = queryErrorOf(caught);
    } else {
      context.log(`STS request failed: ${(caught as Error).stack ?? String(caught)}`);
      error = new ApiError('InternalFailure', `ecr-local failed: ${(caught as Error).message}`, 500);
    }
    const type = error.status >= 500 ? 'Receiver' : 'Sender';
    sendXml(
      response,
      error.status,
      requestId,
      `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
  }
}
