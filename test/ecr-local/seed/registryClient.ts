// A small client for ecr-local's /v2/ API (the OCI distribution API, as ECR serves it): pushes
// blobs (monolithic upload), manifests and whole images built by imageBuilder, with the Basic
// credentials from GetAuthorizationToken. Used by the demo seed and the tests.
import { request } from 'node:http';
import type { BuiltImage, BuiltIndex } from './imageBuilder';

export interface RegistryAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export class RegistryClient {
  private readonly authorization: string | undefined;

  /** `token` is GetAuthorizationToken's authorizationToken (base64 of AWS:password). */
  constructor(
    readonly endpoint: string,
    token?: string,
  ) {
    this.authorization = token === undefined ? undefined : `Basic ${token}`;
  }

  /** One request; the body is read whole (tests and seed push small things). */
  call(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<RegistryAnswer> {
    const url = new URL(path, this.endpoint);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        { method, headers: { ...(this.authorization ? { authorization: this.authorization } : {}), ...headers } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
          response.on('error', reject);
        },
      );
      outgoing.on('error', (error) => reject(new Error(`${method} ${url.href} failed: ${error.message}`)));
      outgoing.end(body);
    });
  }

  /** Uploads a blob unless the repository has it already. */
  async pushBlob(repository: string, blob: { digest: string; content: Buffer }): Promise<void> {
    const head = await this.call('HEAD', `/v2/${repository}/blobs/${blob.digest}`);
    if (head.status === 200) {
      return;
    }
    const started = await this.call('POST', `/v2/${repository}/blobs/uploads/`, { 'content-length': '0' });
    expectStatus(started, 202, `starting an upload to ${repository}`);
    const location = new URL(String(started.headers.location), this.endpoint);
    location.searchParams.set('digest', blob.digest);
    const finished = await this.call(
      'PUT',
      `${location.pathname}${location.search}`,
      { 'content-type': 'application/octet-stream', 'content-length': String(blob.content.length) },
      blob.content,
    );
    expectStatus(finished, 201, `uploading ${blob.digest} to ${repository}`);
  }

  async pushManifest(repository: string, reference: string, manifest: Buffer, mediaType: string): Promise<RegistryAnswer> {
    const answer = await this.call('PUT', `/v2/${repository}/manifests/${reference}`, { 'content-type': mediaType, 'content-length': String(manifest.length) }, manifest);
    expectStatus(answer, 201, `pushing ${repository}:${reference}`);
    return answer;
  }

  /** Pushes an image's blobs, then its manifest under each tag (or by digest when there is none). */
  async pushImage(repository: string, image: BuiltImage, tags: readonly string[] = []): Promise<void> {
    for (const blob of [image.config, ...image.layers]) {
      await this.pushBlob(repository, blob);
    }
    for (const reference of tags.length > 0 ? tags : [image.digest]) {
      await this.pushManifest(repository, reference, image.manifest, image.mediaType);
    }
  }

  /** Pushes each image of an index by digest, then the index under its tags. */
  async pushIndex(repository: string, index: BuiltIndex, tags: readonly string[]): Promise<void> {
    for (const image of index.images) {
      await this.pushImage(repository, image);
    }
    for (const reference of tags.length > 0 ? tags : [index.digest]) {
      await this.pushManifest(repository, reference, index.manifest, index.mediaType);
    }
  }
}

/** Throws the registry's own error (code and message) when the status is not the expected one. */
export function expectStatus(answer: RegistryAnswer, expected: number, doing: string): void {
  if (answer.status === expected) {
    return;
  }
  let code: string | undefined;
  let message = answer.body.toString().slice(0, 500);
  try {
    const parsed = JSON.parse(answer.body.toString()) as { errors?: Array<{ code?: string; message?: string }> };
    code = parsed.errors?.[0]?.code;
    message = parsed.errors?.[0]?.message ?? message;
  } catch {
    // Not JSON: keep the text.
  }
  throw new RegistryError(`${doing} failed with ${answer.status}${code ? ` ${code}` : ''}: ${message}`, answer.status, code);
}
