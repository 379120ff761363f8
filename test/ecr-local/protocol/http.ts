// Small HTTP helpers shared by the ECR, Inspector2 and STS endpoints and ecr-local's own test hooks.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './apiError';

/** AWS APIs refuse bodies far smaller than this; the limit only protects the process. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new ApiError('SerializationException', `The request body is larger than ${MAX_BODY_BYTES} bytes.`, 413);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A plain-text answer of ecr-local's test hooks (faults, feed), never cached. */
export function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...headers });
  response.end(text);
}

/** The body of a test hook's request, or undefined once a 413 has been sent for a body too large. */
export async function readBodyOrRefuse(request: IncomingMessage, response: ServerResponse): Promise<string | undefined> {
  try {
    return await readBody(request);
  } catch (error) {
    sendText(response, 413, `${(error as Error).message}\n`);
    return undefined;
  }
}

/**
 * JSON with every Date written as epoch seconds, the timestamp format of both protocols' bodies.
 * Dates are turned into seconds by their own toJSON, swapped in for this one synchronous call (no
 * other code can run meanwhile): a JSON.stringify replacer function, called for every key, made
 * serving a page of 1,000 repositories cost ~14 ms, and copying the answer first ~6 ms.
 */
export function toWireJson(value: unknown): string {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, never called here
  const isoToJson = Date.prototype.toJSON;
  Date.prototype.toJSON = function (this: Date) {
    return this.getTime() / 1000;
  } as unknown as typeof isoToJson;
  try {
    return JSON.stringify(value);
  } finally {
    Date.prototype.toJSON = isoToJson;
  }
}

export function sendJson(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = toWireJson(body);
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  response.end(text);
}

export function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
