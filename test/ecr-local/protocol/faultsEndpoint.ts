// GET / PUT /ecr-local/faults: reads or replaces the injected faults while ecr-local runs (the
// syntax is ECR_LOCAL_FAULTS'; see faults.ts). Plain text both ways, so `curl -X PUT --data
// 'throttle:1' …/ecr-local/faults` is all a test or a person needs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './http';
import { formatFaultSpec, parseFaultSpec, type FaultInjector } from './faults';

export const FAULTS_PATH = '/ecr-local/faults';

function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...headers });
  response.end(text);
}

export async function serveFaults(request: IncomingMessage, response: ServerResponse, faults: FaultInjector, log: (line: string) => void): Promise<void> {
  if (request.method === 'GET') {
    request.resume();
    sendText(response, 200, formatFaultSpec(faults.spec));
    return;
  }
  if (request.method !== 'PUT') {
    request.resume();
    sendText(response, 405, `${FAULTS_PATH} takes GET (the current fault spec) or PUT (a new spec as the body, '' for none), not ${request.method ?? '?'}.\n`, {
      Allow: 'GET, PUT',
    });
    return;
  }
  let body: string;
  try {
    body = await readBody(request);
  } catch (error) {
    sendText(response, 413, `${(error as Error).message}\n`);
    return;
  }
  const parsed = parseFaultSpec(body.trim());
  if (!parsed.ok) {
    sendText(response, 400, `${parsed.error}\n`);
    return;
  }
  faults.replace(parsed.spec);
  log(`faults now: ${formatFaultSpec(parsed.spec) || 'none'}`);
  response.writeHead(204, { 'Cache-Control': 'no-store' });
  response.end();
}
