// The /v2/ side of ecr-local: a proxy in front of the private docker-registry that behaves
// like ECR's registry. It authenticates with the GetAuthorizationToken password, maps
// repository N of the token's region to R/N behind it (paths, Location and Link headers,
// error bodies), refuses what ECR refuses (unknown repositories, overwriting an immutable tag,
// deletes through the registry API) and tells the store about pushes and pulls. Blob bodies
// are streamed both ways; only manifests (at most 4 MiB) are read whole.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { PushedManifest, RegistryStoreAccess } from '../contracts';
import { backingPath, readBody, type BackingRegistry } from './backingRegistry';
import { artifactMediaType, imageManifestSize, parseManifest, type ParsedManifest } from './manifests';
import { API_VERSION_HEADER, ECR_MESSAGES, sendRegistryError } from './registryErrors';
import { DIGEST, isRepositoryName, parseRoute, TAG, type Route } from './routes';

/** ECR's limit on a manifest body. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** Headers that belong to one connection and are never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'authorization']);

export interface RegistryProxyOptions {
  readonly store: RegistryStoreAccess;
  readonly backend: BackingRegistry;
  /** The account id ECR's messages name. */
  readonly registryId: string;
  /** Called with unexpected errors (the client gets a 500 either way). */
  readonly onError?: (error: Error) => void;
}

export type RegistryHandler = (request: IncomingMessage, response: ServerResponse) => void;

export function createRegistryProxy(options: RegistryProxyOptions): RegistryHandler {
  return (request, response) => {
    handle(options, request, response).catch((error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      options.onError?.(failure);
      request.resume();
      sendRegistryError(response, 500, 'UNKNOWN', `ecr-local's registry failed: ${failure.message}`);
    });
  };
}

async function handle(options: RegistryProxyOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://ecr-local');
  const method = (request.method ?? 'GET').toUpperCase();

  const auth = authenticate(options.store, request.headers.authorization);
  if (auth !== undefined && 'refusal' in auth) {
    request.resume();
    const realm = `http://${request.headers.host ?? '127.0.0.1'}/`;
    const challenge = { 'WWW-Authenticate': `Basic realm="${realm}",service="ecr.amazonaws.com"` };
    if (auth.refusal === 'expired') {
      sendRegistryError(response, 403, 'DENIED', ECR_MESSAGES.expired, challenge);
    } else {
      sendRegistryError(response, 401, 'UNAUTHORIZED', ECR_MESSAGES.notAuthorized, challenge);
    }
    return;
  }
  const region = auth.region;
  const route = parseRoute(url.pathname);

  switch (route.kind) {
    case 'base':
      request.resume();
      response.writeHead(200, { ...API_VERSION_HEADER, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': 2 });
      response.end(method === 'HEAD' ? undefined : '{}');
      return;
    case 'catalog':
    case 'unknown':
      request.resume();
      sendRegistryError(response, route.kind === 'catalog' ? 405 : 404, 'UNSUPPORTED', ECR_MESSAGES.unsupported);
      return;
    default:
      break;
  }

  if (!isRepositoryName(route.name)) {
    request.resume();
    sendRegistryError(response, 400, 'NAME_INVALID', `Invalid repository name '${route.name}': it must match ${'(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*'} and be 2-256 characters long`);
    return;
  }
  if (!options.store.repositoryExists(region, route.name)) {
    request.resume();
    sendRegistryError(response, 404, 'NAME_UNKNOWN', ECR_MESSAGES.repositoryMissing(route.name, options.registryId));
    return;
  }
  const context: Context = { ...options, request, response, region, name: route.name, method, search: url.searchParams };
  switch (route.kind) {
    case 'manifest':
      return handleManifest(context, route);
    case 'blob':
      if (method === 'DELETE') {
        request.resume();
        sendRegistryError(response, 405, 'UNSUPPORTED', ECR_MESSAGES.deleteUnsupported);
        return;
      }
      return forward(context, `blobs/${route.digest}`);
    case 'upload':
      return handleUpload(context, route);
    case 'tags':
      return handleTags(context);
  }
}

interface Context extends RegistryProxyOptions {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly region: string;
  readonly name: string;
  readonly method: string;
  readonly search: URLSearchParams;
}

/** The token's region, or why the request is refused. */
function authenticate(store: RegistryStoreAccess, header: string | undefined): { region: string } | { refusal: 'missing' | 'unknown' | 'expired' } {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) {
    return { refusal: 'missing' };
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // ECR's registry accepts the user name AWS only, as the decoded token says.
  if (colon < 0 || decoded.slice(0, colon) !== 'AWS') {
    return { refusal: 'unknown' };
  }
  const checked = store.checkToken(decoded.slice(colon + 1));
  if (checked === 'expired' || checked === 'unknown') {
    return { refusal: checked };
  }
  return checked;
}

async function handleManifest(context: Context, route: Extract<Route, { kind: 'manifest' }>): Promise<void> {
  const { method, request, response, region, name, store } = context;
  if (method === 'DELETE') {
    request.resume();
    sendRegistryError(response, 405, 'UNSUPPORTED', ECR_MESSAGES.deleteUnsupported);
    return;
  }
  const isDigest = route.reference.startsWith('sha256:');
  if (isDigest ? !DIGEST.test(route.reference) : !TAG.test(route.reference)) {
    request.resume();
    sendRegistryError(response, 400, isDigest ? 'DIGEST_INVALID' : 'TAG_INVALID', `Invalid ${isDigest ? 'digest' : 'tag'} '${route.reference}'`);
    return;
  }
  if (method !== 'PUT') {
    // Tags resolve through the control plane (see digestOfTag); digests go straight through.
    const reference = isDigest ? route.reference : store.digestOfTag(region, name, route.reference);
    if (reference === undefined) {
      request.resume();
      sendRegistryError(response, 404, 'MANIFEST_UNKNOWN', `Requested image not found`);
      return;
    }
    return forward(context, `manifests/${reference}`, {
      onSuccess: (headers) => {
        const digest = headers['docker-content-digest'];
        if (method === 'GET' && typeof digest === 'string') {
          store.recordPull(region, name, digest);
        }
      },
    });
  }

  // A push: read the manifest, apply ECR's checks, then hand it to the registry.
  let body: Buffer;
  try {
    body = await readBody(request, MAX_MANIFEST_BYTES);
  } catch {
    sendRegistryError(response, 400, 'MANIFEST_INVALID', `The manifest is larger than ${MAX_MANIFEST_BYTES} bytes.`);
    return;
  }
  const contentType = request.headers['content-type'];
  const manifest = parseManifest(body.toString('utf8'), contentType);
  if (typeof manifest === 'string') {
    sendRegistryError(response, 400, 'MANIFEST_INVALID', `Invalid manifest: ${manifest}`);
    return;
  }
  const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
  if (isDigest && digest !== route.reference) {
    sendRegistryError(response, 400, 'DIGEST_INVALID', `The manifest's digest is ${digest}, not ${route.reference}.`);
    return;
  }
  const tag = isDigest ? undefined : route.reference;
  if (tag !== undefined) {
    const refusal = store.refuseTag(region, name, tag, digest);
    if (refusal !== undefined) {
      sendRegistryError(response, 400, 'TAG_INVALID', refusal);
      return;
    }
  }
  await forward(context, `manifests/${route.reference}`, {
    body,
    headers: { 'content-type': contentType ?? manifest.mediaType },
    onSuccess: async () => {
      store.recordPush(await describePush(context, manifest, digest, tag, body));
    },
  });
}

async function describePush(context: Context, manifest: ParsedManifest, digest: string, tag: string | undefined, body: Buffer): Promise<PushedManifest> {
  const common = {
    region: context.region,
    repositoryName: context.name,
    imageDigest: digest,
    ...(tag !== undefined ? { tag } : {}),
    manifestMediaType: manifest.mediaType,
    manifestBody: body.toString('utf8'),
  };
  if (manifest.kind === 'image') {
    const artifact = artifactMediaType(manifest);
    return { ...common, imageSizeInBytes: imageManifestSize(manifest), ...(artifact ? { artifactMediaType: artifact } : {}) };
  }
  // An index's size is its largest image's, as ECR reports it; the registry already holds them.
  let largest = 0;
  for (const child of manifest.manifests) {
    const fetched = await context.backend.readManifest(backingPath(context.region, context.name), child.digest).catch(() => undefined);
    const parsed = fetched ? parseManifest(fetched.body, fetched.mediaType) : undefined;
    if (parsed !== undefined && typeof parsed !== 'string' && parsed.kind === 'image') {
      largest = Math.max(largest, imageManifestSize(parsed));
    }
  }
  return {
    ...common,
    imageSizeInBytes: largest,
    children: manifest.manifests.map((child) => ({
      digest: child.digest,
      os: child.platform?.os ?? 'unknown',
      architecture: child.platform?.architecture ?? 'unknown',
      ...(child.platform?.variant ? { variant: child.platform.variant } : {}),
    })),
  };
}

async function handleUpload(context: Context, route: Extract<Route, { kind: 'upload' }>): Promise<void> {
  const { search, store, region } = context;
  // A cross-repository mount names its source repository: map it too, or drop the mount
  // (the client then uploads the blob) when that repository is not one of this region's.
  const from = search.get('from');
  if (from !== null) {
    if (isRepositoryName(from) && store.repositoryExists(region, from)) {
      search.set('from', backingPath(region, from));
    } else {
      search.delete('from');
      search.delete('mount');
    }
  }
  return forward(context, route.uuid === undefined ? 'blobs/uploads/' : `blobs/uploads/${route.uuid}`);
}

async function handleTags(context: Context): Promise<void> {
  const { request, response, backend, region, name } = context;
  request.resume();
  const query = context.search.toString();
  const upstream = await backend.send('GET', `/v2/${backingPath(region, name)}/tags/list${query ? `?${query}` : ''}`, { accept: 'application/json' });
  const body = await readBody(upstream);
  if (upstream.statusCode === 404) {
    // The repository exists (the store says so) but nothing was pushed to it yet.
    const empty = JSON.stringify({ name, tags: [] });
    response.writeHead(200, { ...API_VERSION_HEADER, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(empty) });
    response.end(empty);
    return;
  }
  const text = upstream.statusCode === 200 ? JSON.stringify({ ...(JSON.parse(body.toString()) as object), name }) : unmapText(context, body.toString());
  const headers = responseHeaders(context, upstream.headers);
  headers['content-length'] = String(Buffer.byteLength(text));
  response.writeHead(upstream.statusCode ?? 500, headers);
  response.end(text);
}

interface ForwardOptions {
  /** A body read already (manifests); otherwise the request is streamed through. */
  readonly body?: Buffer;
  readonly headers?: Record<string, string>;
  /** Runs after a 2xx answer from the registry and before the client sees it. */
  readonly onSuccess?: (headers: IncomingHttpHeaders) => void | Promise<void>;
}

/** Sends the request on to the registry under R/N and its answer back, streaming both bodies. */
async function forward(context: Context, tail: string, options: ForwardOptions = {}): Promise<void> {
  const { request, response, backend, region, name, method } = context;
  const query = context.search.toString();
  const path = `/v2/${backingPath(region, name)}/${tail}${query ? `?${query}` : ''}`;
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) {
    if (!HOP_BY_HOP.has(key) && value !== undefined) {
      headers[key] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  if (options.body) {
    headers['content-length'] = String(options.body.length);
  }
  Object.assign(headers, options.headers);
  const upstream = await backend.stream(method, path, headers, options.body ?? request);
  const status = upstream.statusCode ?? 500;
  if (status >= 200 && status < 300 && options.onSuccess) {
    await options.onSuccess(upstream.headers);
  }
  const outgoing = responseHeaders(context, upstream.headers);
  const isJsonError = status >= 400 && String(upstream.headers['content-type'] ?? '').includes('json');
  if (isJsonError) {
    // Error bodies are small: translate them so they name the client's repository.
    const text = unmapText(context, (await readBody(upstream, 1024 * 1024)).toString());
    const translated = translateEmptyRepository(text, tail);
    outgoing['content-length'] = String(Buffer.byteLength(translated));
    response.writeHead(status, outgoing);
    response.end(translated);
    return;
  }
  response.writeHead(status, outgoing);
  upstream.pipe(response);
  await new Promise<void>((resolve) => {
    upstream.once('end', resolve);
    upstream.once('error', () => {
      response.destroy();
      resolve();
    });
    response.once('close', () => {
      // A client that went away mid-download must not keep the registry's connection busy.
      if (!upstream.complete) {
        upstream.destroy();
      }
      resolve();
    });
  });
}

/**
 * The registry says NAME_UNKNOWN for a repository that has had no push yet, but for ECR the
 * repository exists: the thing asked for is what is unknown.
 */
function translateEmptyRepository(text: string, tail: string): string {
  if (!text.includes('"NAME_UNKNOWN"')) {
    return text;
  }
  const [code, message] = tail.startsWith('manifests/') ? ['MANIFEST_UNKNOWN', 'manifest unknown'] : ['BLOB_UNKNOWN', 'blob unknown to registry'];
  return JSON.stringify({ errors: [{ code, message }] });
}

/** The registry's response headers for the client, with R/N mapped back to N. */
function responseHeaders(context: Context, headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (HOP_BY_HOP.has(key) || value === undefined) {
      continue;
    }
    const text = Array.isArray(value) ? value.join(', ') : value;
    result[key] = key === 'location' ? unmapLocation(context, text) : key === 'link' ? unmapText(context, text) : text;
  }
  return result;
}

/** A Location of the registry (absolute or not) as a path on ecr-local's endpoint. */
function unmapLocation(context: Context, location: string): string {
  const parsed = new URL(location, context.backend.url);
  return unmapText(context, `${parsed.pathname}${parsed.search}`);
}

function unmapText(context: Context, text: string): string {
  return text.split(`/v2/${context.region}/`).join('/v2/').split(backingPath(context.region, context.name)).join(context.name);
}
