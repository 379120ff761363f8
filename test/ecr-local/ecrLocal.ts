// ecr-local: a local stand-in for Amazon ECR and Amazon Inspector2 on one 127.0.0.1 endpoint.
//   POST / with X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.*  → the ECR API (awsJson 1.1)
//   POST / with a form body Action=AssumeRole|GetCallerIdentity&…      → a minimal STS (awsQuery)
//   POST /findings/list, POST /findings/details/batch/get              → Inspector2 (REST-JSON)
//   /v2/…                                                               → the registry (data plane)
//   GET /ecr-local/layers/…?Expires=…&Signature=…                      → GetDownloadUrlForLayer's URLs
//   GET|PUT /ecr-local/faults                                           → the injected faults (protocol/faults.ts)
//   GET|PUT|DELETE /ecr-local/feed                                      → test-only additions to the scanner's feed
// The SDK tells the services apart the same way: ECR by header, Inspector2 by path, so both
// clients can share one `endpoint` (or AWS_ENDPOINT_URL_ECR / AWS_ENDPOINT_URL_INSPECTOR2).
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataPlane, StartDataPlane } from './contracts';
import type { ApiContext } from './protocol/apiContext';
import { serveEcr } from './protocol/ecrEndpoint';
import { FaultInjector, NO_FAULTS, parseFaultSpec, type FaultSpec } from './protocol/faults';
import { FAULTS_PATH, serveFaults } from './protocol/faultsEndpoint';
import { FEED_PATH, serveFeed } from './protocol/feedEndpoint';
import { serveLayerDownload } from './protocol/layerDownloads';
import { LAYERS_PATH } from './ecr/layerUrls';
import { sendJson } from './protocol/http';
import { isInspectorRoute, serveInspector } from './protocol/inspectorEndpoint';
import { isStsRequest, serveSts } from './protocol/stsEndpoint';
import { StsSessions } from './sts/sessions';
import { seedBulkRepositories, type BulkRepositoriesOptions, type BulkRepositoriesResult } from './seed/bulkRepositories';
import { EcrLocalStore } from './store';

export interface EcrLocalOptions {
  /** 0 or absent: a free port. */
  readonly port?: number;
  /** Keeps the state (and the data plane's registry) across restarts; a temporary folder otherwise. */
  readonly dataDir?: string;
  /** A fault spec (see protocol/faults.ts); defaults to the ECR_LOCAL_FAULTS environment variable. */
  readonly faults?: string | FaultSpec;
  /** Starts the /v2/ registry, scanner and backend; without it /v2/ answers 404 and scans fail. */
  readonly startDataPlane?: StartDataPlane;
  /** The clock in epoch milliseconds, for tests that cross the 24 h scan or 12 h token limits. */
  readonly now?: () => number;
  /** How long lifecycle previews stay IN_PROGRESS (ECR takes a while; tests want little). */
  readonly previewDelayMs?: number;
  /** Where log lines go; stderr by default (stdout carries only the endpoint line). */
  readonly log?: (line: string) => void;
  /** Adds this many generated repositories (seed/bulkRepositories.ts) to the store before serving. */
  readonly seedRepositories?: BulkRepositoriesOptions;
}

export interface EcrLocal {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly store: EcrLocalStore;
  /**
   * Replaces the injected faults from the next request on ('' or NO_FAULTS: none), as
   * PUT /ecr-local/faults does. Throws an Error with the parse error for a bad spec.
   */
  setFaults(spec: string | FaultSpec): void;
  /**
   * Adds `count` generated repositories straight into the store (no HTTP calls; one save), in
   * realistic namespaces with spread settings; deterministic for a seed. Throws an Error that
   * says why for a bad count or region, or when ECR's quota of 100,000 per region would be passed.
   */
  seedRepositories(options: BulkRepositoriesOptions): BulkRepositoriesResult;
  stop(): Promise<void>;
}

function parseFaults(text: string, source: string): FaultSpec {
  const parsed = parseFaultSpec(text);
  if (!parsed.ok) {
    throw new Error(`${source}: ${parsed.error}`);
  }
  return parsed.spec;
}

function resolveFaults(option: EcrLocalOptions['faults']): FaultSpec {
  const text = option ?? process.env['ECR_LOCAL_FAULTS'];
  if (text === undefined || typeof text !== 'string') {
    return text ?? NO_FAULTS;
  }
  return parseFaults(text, 'ECR_LOCAL_FAULTS');
}

export async function startEcrLocal(options: EcrLocalOptions = {}): Promise<EcrLocal> {
  const log = options.log ?? ((line: string) => process.stderr.write(`ecr-local: ${line}\n`));
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`The port must be a whole number from 0 to 65535, not ${port}.`);
  }
  const faults = new FaultInjector(resolveFaults(options.faults));
  const temporaryDir = options.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'ecr-local-')) : undefined;
  const dataDir = options.dataDir ?? temporaryDir ?? '';

  let store: EcrLocalStore | undefined;
  let dataPlane: DataPlane | undefined;
  let server: Server | undefined;
  const cleanUp = async () => {
    if (server) {
      const closed = new Promise<void>((resolve) => server?.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    }
    // The state is saved before the data plane goes, so scans it cuts short are not recorded as failed.
    await store?.close();
    await dataPlane?.stop();
    if (temporaryDir) {
      await rm(temporaryDir, { recursive: true, force: true });
    }
  };

  try {
    store = await EcrLocalStore.open({ ...(options.dataDir !== undefined ? { dataDir } : {}), ...(options.now ? { now: options.now } : {}), log });
    if (options.startDataPlane) {
      dataPlane = await options.startDataPlane(store, { dataDir });
    }
    store.attachDataPlane(dataPlane);
    if (options.seedRepositories) {
      seedBulkRepositories(store, options.seedRepositories);
    }

    let url = '';
    const context: ApiContext = { store, endpointUrl: () => url, faults, stsSessions: new StsSessions(), previewDelayMs: options.previewDelayMs ?? 100, log };
    server = createServer((request, response) => route(request, response, context, dataPlane));
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server?.once('error', reject);
      server?.listen(port, '127.0.0.1', () => resolve());
    });
    const actualPort = (server.address() as AddressInfo).port;
    url = `http://127.0.0.1:${actualPort}`;

    let stopping: Promise<void> | undefined;
    const openedStore = store;
    return {
      url,
      port: actualPort,
      store: openedStore,
      seedRepositories: (seedOptions) => seedBulkRepositories(openedStore, seedOptions),
      setFaults: (spec) => faults.replace(typeof spec === 'string' ? parseFaults(spec, 'setFaults') : spec),
      stop: () => (stopping ??= cleanUp()),
    };
  } catch (error) {
    await cleanUp().catch(() => undefined);
    throw error;
  }
}

function route(request: IncomingMessage, response: ServerResponse, context: ApiContext, dataPlane: DataPlane | undefined): void {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const failed = (error: unknown) => {
    context.log(`request ${request.method ?? '?'} ${path} failed: ${(error as Error).stack ?? String(error)}`);
    if (!response.headersSent) {
      sendJson(response, 500, 'application/json', { message: 'ecr-local failed; see its log' });
    } else {
      response.destroy();
    }
  };
  if (path === '/v2' || path.startsWith('/v2/')) {
    if (!dataPlane) {
      sendJson(
        response,
        404,
        'application/json',
        { errors: [{ code: 'UNSUPPORTED', message: 'ecr-local was started without a data plane, so there is no registry at /v2/.', detail: null }] },
        { 'Docker-Distribution-API-Version': 'registry/2.0' },
      );
      return;
    }
    try {
      dataPlane.handle(request, response);
    } catch (error) {
      failed(error);
    }
    return;
  }
  if (path.startsWith(LAYERS_PATH)) {
    serveLayerDownload(request, response, dataPlane, context.store.now()).catch(failed);
    return;
  }
  if (path === FAULTS_PATH) {
    serveFaults(request, response, context.faults, context.log).catch(failed);
    return;
  }
  if (path === FEED_PATH) {
    serveFeed(request, response, dataPlane?.feed, context.log).catch(failed);
    return;
  }
  if (isStsRequest(request, path)) {
    serveSts(request, response, context).catch(failed);
    return;
  }
  if (request.headers['x-amz-target'] !== undefined || (request.method === 'POST' && path === '/')) {
    serveEcr(request, response, context).catch(failed);
    return;
  }
  if (isInspectorRoute(request.method, path) || path.startsWith('/findings')) {
    serveInspector(request, response, path, context).catch(failed);
    return;
  }
  request.resume();
  sendJson(response, 404, 'application/json', {
    message: `ecr-local has nothing at ${request.method ?? '?'} ${path}: the ECR API is POST / with X-Amz-Target, Inspector2 is POST /findings/list, STS is POST / with a form body, the registry is /v2/, the injected faults are ${FAULTS_PATH}.`,
  }, { 'x-amzn-ErrorType': 'UnknownOperationException' });
}
