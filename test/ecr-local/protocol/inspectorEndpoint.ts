// The Amazon Inspector2 API as AWS serves it: REST-JSON, the operation named by method and path,
// errors with real HTTP statuses and the x-amzn-ErrorType header.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { INSPECTOR_DIALECT, Input } from '../ecr/input';
import { batchGetFindingDetails } from '../inspector/findingDetails';
import { listFindings } from '../inspector/listFindings';
import type { EcrLocalStore } from '../store';
import { ApiError } from './apiError';
import { applyFaults, type ApiContext } from './apiContext';
import { readBody, sendJson } from './http';
import { regionOfRequest } from './sigv4';

type InspectorOperation = (store: EcrLocalStore, regionName: string, input: Input) => object;

const ROUTES: Readonly<Record<string, InspectorOperation>> = {
  'POST /findings/list': listFindings,
  'POST /findings/details/batch/get': batchGetFindingDetails,
};

/** Whether a request is for one of the Inspector2 operations ecr-local serves. */
export function isInspectorRoute(method: string | undefined, path: string): boolean {
  return Object.hasOwn(ROUTES, `${method ?? ''} ${path}`);
}

export async function serveInspector(request: IncomingMessage, response: ServerResponse, path: string, context: ApiContext): Promise<void> {
  try {
    const body = await readBody(request);
    await applyFaults(context, 'inspector2');
    const operation = ROUTES[`${request.method ?? ''} ${path}`];
    if (!operation) {
      throw new ApiError('UnknownOperationException', `No Inspector2 operation at ${request.method ?? '?'} ${path}.`, 404);
    }
    const regionName = regionOfRequest(request.headers.authorization, 'inspector2');
    let json: unknown;
    try {
      json = body.trim() === '' ? {} : JSON.parse(body);
    } catch (error) {
      throw new ApiError('ValidationException', `The request body is not valid JSON: ${(error as Error).message}`, 400, { reason: 'CANNOT_PARSE' });
    }
    sendJson(response, 200, 'application/json', operation(context.store, regionName, Input.of(json, INSPECTOR_DIALECT)));
  } catch (error) {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (error instanceof ApiError) {
      // Signature problems are 403s in REST services.
      const status = error.code.endsWith('SignatureException') ? 403 : error.status;
      sendJson(response, status, 'application/json', { message: error.message, ...error.members }, { 'x-amzn-ErrorType': error.code });
      return;
    }
    context.log(`Inspector2 request failed: ${(error as Error).stack ?? String(error)}`);
    sendJson(response, 500, 'application/json', { message: `ecr-local failed: ${(error as Error).message}` }, {
      'x-amzn-ErrorType': 'InternalServerException',
    });
  }
}
