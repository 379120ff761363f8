// What the scan views read from ECR, through the explorer's shared clients, with short-lived
// caches so that hovers, CodeLenses and code actions never send a request per keystroke:
// scan results and layers per image, each chosen connection's account id and registry host,
// and FROM lookups per reference.
import { describeAwsProblem } from '../../ecr/awsProblems';
import type { ImageReference } from '../../ecr/imageReference';
import type { Connection, Image } from '../../ecr/model';
import type { ImageScanResult } from '../../scan/model';
import type { ExplorerConnections } from '../explorer/connections';
import { chosenConnections } from '../explorer/chosenConnections';
import { findImageByTag, getImageLayers, getRegistryLogin, listImagesPage, listRepositoriesPage, readScanResult, waitForScan } from '../lazyEcr';
import { matchRegistry, type KnownRegistry } from './connectionMatch';
import type { FromLookup } from './fromLensModel';
import { type ScanWaitOutcome } from './presentationModel';
import type { ScannedImageRef } from './scanPresenter';
import { imageKey } from './sourceStore';
import { TtlCache } from './ttlCache';

const RESULT_TTL_MS = 5 * 60_000;
const REGISTRY_TTL_MS = 10 * 60_000;
const LOOKUP_TTL_MS = 60_000;

export class ScanEcr {
  private readonly results = new TtlCache<ImageScanResult>(RESULT_TTL_MS);
  private readonly layers = new TtlCache<string[]>(RESULT_TTL_MS);
  private readonly registries = new TtlCache<KnownRegistry>(REGISTRY_TTL_MS);
  private readonly lookups = new TtlCache<FromLookup>(LOOKUP_TTL_MS);
  private readonly repositoryImages = new TtlCache<Image[]>(LOOKUP_TTL_MS);

  constructor(private readonly connections: ExplorerConnections) {}

  async waitForScan(image: ScannedImageRef, options: { timeoutMs: number; signal: AbortSignal; onStatus: (status: string, elapsedMs: number) => void }): Promise<ScanWaitOutcome> {
    return waitForScan(await this.connections.ecr(image.connection), image.repositoryName, image.imageDigest, options);
  }

  /** Every finding of the image; `fresh` skips the cache (after a scan that just completed). */
  async readResult(image: ScannedImageRef, options: { signal?: AbortSignal; fresh?: boolean } = {}): Promise<ImageScanResult> {
    const key = imageKey(image);
    if (options.fresh) {
      this.results.delete(key);
      this.lookups.clear();
      this.repositoryImages.clear();
    }
    return this.results.get(key, async () => readScanResult(await this.connections.clients(), image.connection, image.repositoryName, image.imageDigest, options.signal));
  }

  async layerDigests(image: ScannedImageRef): Promise<string[]> {
    return this.layers.get(imageKey(image), async () => getImageLayers(await this.connections.ecr(image.connection), image.repositoryName, image.imageDigest));
  }

  /** Account id and registry host of every chosen connection (those that fail are left out). */
  async knownRegistries(): Promise<KnownRegistry[]> {
    const connections = await chosenConnections();
    const known = await Promise.all(
      connections.map((connection) =>
        this.registries.get(`${connection.profile}|${connection.region}`, () => this.registryOf(connection)).catch(() => undefined),
      ),
    );
    return known.filter((entry): entry is KnownRegistry => entry !== undefined);
  }

  private async registryOf(connection: Connection): Promise<KnownRegistry> {
    const ecr = await this.connections.ecr(connection);
    const login = await getRegistryLogin(ecr);
    const host = login.registryHost.toLowerCase();
    const fromHost = /^(\d{12})\.dkr\.ecr/.exec(host)?.[1];
    let accountId = fromHost;
    if (!accountId) {
      // ecr-local and endpoint aliases: the account is the repositories' registryId.
      const page = await listRepositoriesPage(ecr, { maxResults: 1 });
      accountId = page.items[0]?.registryId;
    }
    return { connection, registryHost: host, ...(accountId ? { accountId } : {}) };
  }

  /** What a FROM reference names, or why nothing can be said; undefined for registries that are not ECR's. */
  async lookupFrom(reference: ImageReference): Promise<FromLookup | undefined> {
    const match = matchRegistry(reference, await this.knownRegistries());
    if (match.kind === 'not-ecr') {
      return undefined;
    }
    if (match.kind === 'no-profile') {
      return match;
    }
    const key = `${match.connections.map((c) => `${c.profile}|${c.region}`).join(',')}|${reference.repository}|${reference.digest ?? reference.tag ?? 'latest'}`;
    return this.lookups.get(key, () => this.lookupIn(match.connections, reference));
  }

  private async lookupIn(connections: readonly Connection[], reference: ImageReference): Promise<FromLookup> {
    let first: FromLookup | undefined;
    for (const connection of connections) {
      const found = await this.lookupOne(connection, reference);
      if (found.kind === 'found') {
        return found;
      }
      first ??= found;
    }
    return first ?? { kind: 'missing', connection: connections[0] ?? { profile: '?', region: '?' }, repositoryMissing: false };
  }

  private async lookupOne(connection: Connection, reference: ImageReference): Promise<FromLookup> {
    try {
      const ecr = await this.connections.ecr(connection);
      if (reference.digest) {
        const images = await this.imagesOf(connection, reference.repository);
        const image = images.find((candidate) => candidate.digest === reference.digest);
        return image ? { kind: 'found', connection, image } : { kind: 'missing', connection, repositoryMissing: false };
      }
      const image = await findImageByTag(ecr, reference.repository, reference.tag ?? 'latest');
      return image ? { kind: 'found', connection, image } : { kind: 'missing', connection, repositoryMissing: false };
    } catch (error) {
      const problem = describeAwsProblem(error, connection);
      if (problem.errorName === 'RepositoryNotFoundException') {
        return { kind: 'missing', connection, repositoryMissing: true };
      }
      return { kind: 'error', connection, message: problem.message };
    }
  }

  /** The repository's images (up to 1,000, newest first), for digest lookups and newer base tags. */
  imagesOf(connection: Connection, repositoryName: string): Promise<Image[]> {
    return this.repositoryImages.get(`${connection.profile}|${connection.region}|${repositoryName}`, async () => {
      const page = await listImagesPage(await this.connections.ecr(connection), repositoryName, { maxResults: 1000 });
      return [...page.items];
    });
  }

  forget(): void {
    this.results.clear();
    this.layers.clear();
    this.registries.clear();
    this.lookups.clear();
    this.repositoryImages.clear();
  }
}
