// The ECR API as AWS serves it: awsJson 1.1, POST / with X-Amz-Target naming the operation.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Input } from '../ecr/input';
import { ECR_TARGET_PREFIX, ecrOperation } from '../ecr/operations';
import { ApiError } from './apiError';
import { applyFaults, type ApiContext } from './apiContext';
import { readBody, sendJson } from './http';
import { regionOfRequest } from './sigv4';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

function unknownOperation(detail: string): ApiError {
  // Coral's fully-qualified name; the SDK keeps the part after '#'.
  return new ApiError('com.amazon.coral.service#UnknownOperationException', detail);
}

export async function serveEcr(request: IncomingMessage, response: ServerResponse, context: ApiContext): Promise<void> {
  try {
    const body = await readBody(request);
    await applyFaults(context, 'ecr');
    const target = request.headers['x-amz-target'];
    if (typeof target !== 'string' || target === '') {
      throw unknownOperation('The request has no X-Amz-Target header: ECR expects AmazonEC2ContainerRegistry_V20150921.<Operation>.');
    }
    const contentType = request.headers['content-type'] ?? '';
    if (request.method !== 'POST' || !contentType.toLowerCase().startsWith(CONTENT_TYPE)) {
      throw unknownOperation(`ECR operations are POST requests with Content-Type ${CONTENT_TYPE}, not ${request.method ?? '?'} with '${contentType}'.`);
    }
    const name = target.startsWith(ECR_TARGET_PREFIX) ? target.slice(ECR_TARGET_PREFIX.length) : '';
    const operation = ecrOperation(name);
    if (!operation) {
      throw unknownOperation(`Unknown operation ${target}.`);
    }
    const regionName = regionOfRequest(request.headers.authorization, 'ecr');
    let json: unknown;
    try {
      json = body.trim() === '' ? {} : JSON.parse(body);
    } catch (error) {
      throw new ApiError('SerializationException', `The request body is not valid JSON: ${(error as Error).message}`);
    }
    const result = await operation({
      operation: name,
      input: Input.of(json),
      regionName,
      region: context.store.region(regionName),
      store: context.store,
      endpointUrl: context.endpointUrl(),
      previewDelayMs: context.previewDelayMs,
    });
    sendJson(response, 200, CONTENT_TYPE, result);
  } catch (error) {
    sendEcrError(response, error, context);
  }
}

function sendEcrError(response: ServerResponse, error: unknown, context: ApiContext): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (error instanceof ApiError) {
    const shortName = error.code.split('#').pop() ?? error.code;
    sendJson(response, error.status, CONTENT_TYPE, { __type: error.code, message: error.message, ...error.members }, { 'x-amzn-ErrorType': shortName });
    return;
  }
  context.log(`ECR request failed: ${(error as Error).stack ?? String(error)}`);
  sendJson(response, 500, CONTENT_TYPE, { __type: 'ServerException', message: `ecr-local failed: ${(error as Error).message}` }, {
    'x-amzn-ErrorType': 'ServerException',
  });
}
