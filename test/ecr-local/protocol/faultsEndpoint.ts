// GET / PUT /ecr-local/faults: reads or replaces the injected faults while ecr-local runs (the
// syntax is ECR_LOCAL_FAULTS'; see faults.ts). Plain text both ways, so `curl -X PUT --data
// 'throttle:1' …/ecr-local/faults` is all a test or a person needs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBodyOrRefuse, sendText } from './http';
import { formatFaultSpec, parseFaultSpec, type FaultInjector } from './faults';

export const FAULTS_PATH = '/ecr-local/faults';

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
  const body = await readBodyOrRefuse(request, response);
  if (body === undefined) {
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
