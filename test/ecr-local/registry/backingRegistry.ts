// A small client for the private docker-registry behind the proxy: what the control plane
// (RegistryBackend: delete and read manifests) and the scanner (manifests and layer blobs)
// need. Region R's repository N lives at R/N there.
import { Agent, request, type IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { RegistryBackend } from '../contracts';
import type { ImageSource } from '../scanner/imageScanner';
import { MANIFEST_ACCEPT } from './manifests';

/** Reads of a manifest that the registry answers 500 while it rewrites it (see readManifest). */
const MANIFEST_READ_ATTEMPTS = 5;

export function backingPath(region: string, repositoryName: string): string {
  return `${region}/${repositoryName}`;
}

export class BackingRegistry implements RegistryBackend, ImageSource {
  /** Keep-alive connections, shared with the proxy. */
  readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(readonly url: string) {}

  /** Sends a request to the registry; the caller reads or drains the response. */
  send(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const outgoing = request(`${this.url}${path}`, { method, headers, agent: this.agent }, resolve);
      outgoing.on('error', (error) => reject(new Error(`The registry behind ecr-local did not answer ${method} ${path}: ${error.message}`)));
      outgoing.end(body);
    });
  }

  /** Like send, but streams `body` (a client's upload) instead of sending a buffer. */
  stream(method: string, path: string, headers: Record<string, string>, body: Buffer | Readable): Promise<IncomingMessage> {
    if (Buffer.isBuffer(body)) {
      return this.send(method, path, headers, body);
    }
    return new Promise((resolve, reject) => {
      const outgoing = request(`${this.url}${path}`, { method, headers, agent: this.agent }, resolve);
      outgoing.on('error', (error) => reject(new Error(`The registry behind ecr-local did not answer ${method} ${path}: ${error.message}`)));
      // A client that goes away mid-upload must not leave a half-sent request open.
      body.once('aborted', () => outgoing.destroy(new Error('the client closed the connection')));
      body.once('error', (error) => outgoing.destroy(error));
      body.pipe(outgoing);
    });
  }

  getManifest(region: string, repositoryName: string, reference: string): Promise<{ body: string; mediaType: string } | undefined> {
    return this.readManifest(backingPath(region, repositoryName), reference);
  }

  async readManifest(path: string, reference: string): Promise<{ body: string; mediaType: string } | undefined> {
    // docker-registry's filesystem driver rewrites a manifest's revision link in place (truncate,
    // then write) each time the manifest is PUT again, as a push of a second tag does; a read in
    // that instant answers 500 UNKNOWN. A scan on push starts right after the first tag's PUT, so
    // it retries such a 500 a few times, each a little later; real errors still surface.
    for (let attempt = 1; ; attempt++) {
      const response = await this.send('GET', `/v2/${path}/manifests/${encodeURIComponent(reference)}`, { accept: MANIFEST_ACCEPT });
      const body = await readBody(response);
      if (response.statusCode === 404) {
        return undefined;
      }
      if (response.statusCode === 200) {
        return { body: body.toString('utf8'), mediaType: String(response.headers['content-type'] ?? '') };
      }
      if (response.statusCode !== 500 || attempt >= MANIFEST_READ_ATTEMPTS) {
        throw new Error(`The registry behind ecr-local answered ${response.statusCode} for manifest ${reference} of ${path}: ${body.toString().slice(0, 500)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }

  async deleteManifest(region: string, repositoryName: string, imageDigest: string): Promise<void> {
    const path = backingPath(region, repositoryName);
    const response = await this.send('DELETE', `/v2/${path}/manifests/${imageDigest}`);
    const body = await readBody(response);
    // 202 deleted; 404 already gone (or never pushed through the registry), which is fine.
    if (response.statusCode !== 202 && response.statusCode !== 404) {
      throw new Error(`The registry behind ecr-local could not delete ${imageDigest} of ${path} (${response.statusCode}): ${body.toString().slice(0, 500)}`);
    }
  }

  async openLayer(region: string, repositoryName: string, digest: string): Promise<IncomingMessage | undefined> {
    const response = await this.send('GET', `/v2/${backingPath(region, repositoryName)}/blobs/${digest}`);
    if (response.statusCode === 404) {
      response.resume();
      return undefined;
    }
    if (response.statusCode !== 200) {
      const body = await readBody(response);
      throw new Error(`Blob ${digest} of ${region}/${repositoryName} could not be read (${response.statusCode}): ${body.toString().slice(0, 300)}`);
    }
    return response;
  }

  async openBlob(repositoryPath: string, digest: string): Promise<IncomingMessage> {
    const response = await this.send('GET', `/v2/${repositoryPath}/blobs/${digest}`);
    if (response.statusCode !== 200) {
      const body = await readBody(response);
      throw new Error(`Blob ${digest} of ${repositoryPath} could not be read (${response.statusCode}): ${body.toString().slice(0, 300)}`);
    }
    return response;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Reads a (small) response body whole; only for manifests and error bodies. */
export async function readBody(response: IncomingMessage, limit = 8 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of response) {
    const buffer = chunk as Buffer;
    length += buffer.length;
    if (length > limit) {
      response.destroy();
      throw new Error(`A registry response was larger than ${limit} bytes.`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
