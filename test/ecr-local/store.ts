// The control plane's memory: one registry per region, the registry passwords handed out by
// GetAuthorizationToken, and the scans in flight. It is also what the data plane sees of the
// control plane (RegistryStoreAccess): pushes and pulls land here, with ECR's rules applied.
import { randomBytes } from 'node:crypto';
import type { DataPlane, PushedManifest, RegistryBackend, RegistryStoreAccess } from './contracts';
import type { ImageRecord, RegionRecord, RepositoryRecord, TokenRecord } from './store/model';
import { newRegionRecord } from './store/model';
import { StateFile, serializeState } from './store/persistence';
import { ScanRunner, type ScanTarget } from './store/scanRunner';
import { effectiveScanning } from './store/scanPolicy';
import { refuseTagMove } from './store/tagMutability';

/** GetAuthorizationToken's tokens are valid for 12 hours. */
export const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface StoreOptions {
  /** Where to keep state across restarts; in memory only when absent. */
  readonly dataDir?: string;
  /** The clock, in epoch milliseconds (tests move it to cross the 24 h and 12 h limits). */
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

export class EcrLocalStore implements RegistryStoreAccess {
  readonly regions = new Map<string, RegionRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly scans: ScanRunner;
  readonly now: () => number;
  readonly log: (line: string) => void;
  private backendOfDataPlane: RegistryBackend | undefined;
  private stateFile: StateFile | undefined;

  private constructor(options: StoreOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((line) => process.stderr.write(`ecr-local: ${line}\n`));
    this.scans = new ScanRunner(this.now, () => this.changed(), this.log);
  }

  /** Opens the store, reading the state saved under dataDir if there is one. */
  static async open(options: StoreOptions = {}): Promise<EcrLocalStore> {
    const store = new EcrLocalStore(options);
    if (options.dataDir !== undefined) {
      store.stateFile = new StateFile(options.dataDir, () => serializeState(store), store.log);
      const saved = await store.stateFile.load();
      for (const [name, region] of saved?.regions ?? []) {
        store.regions.set(name, region);
      }
      for (const [password, token] of saved?.tokens ?? []) {
        store.tokens.set(password, token);
      }
    }
    return store;
  }

  /** The data plane, once started: its scanner runs scans and its backend deletes manifests. */
  attachDataPlane(dataPlane: DataPlane | undefined): void {
    this.backendOfDataPlane = dataPlane?.backend;
    this.scans.attach(dataPlane?.scanner);
    // Scans that were running when the previous process stopped start again.
    for (const [regionName, region] of this.regions) {
      for (const repository of region.repositories.values()) {
        for (const image of repository.images.values()) {
          const scan = image.scan;
          if (scan?.status === 'IN_PROGRESS') {
            this.scans.start(this.scanTarget(regionName, repository, image), scan.type, scan.frequency);
          }
        }
      }
    }
  }

  get backend(): RegistryBackend | undefined {
    return this.backendOfDataPlane;
  }

  /** A region's registry, created on first use as AWS regions simply exist. */
  region(name: string): RegionRecord {
    let region = this.regions.get(name);
    if (!region) {
      region = newRegionRecord();
      this.regions.set(name, region);
    }
    return region;
  }

  /** Call after every change: schedules a save when there is a data folder. */
  changed(): void {
    this.stateFile?.schedule();
  }

  scanTarget(regionName: string, repository: RepositoryRecord, image: ImageRecord): ScanTarget {
    return {
      region: regionName,
      repositoryName: repository.name,
      image,
      stillStored: () => this.regions.get(regionName)?.repositories.get(repository.name) === repository && repository.images.get(image.digest) === image,
    };
  }

  issueToken(region: string): { password: string; expiresAt: number } {
    const now = this.now();
    for (const [password, token] of this.tokens) {
      if (token.expiresAt <= now) {
        this.tokens.delete(password);
      }
    }
    // The password names its region (as the contract asks) and is otherwise random.
    const password = `${region}.${randomBytes(24).toString('base64url')}`;
    const expiresAt = now + TOKEN_LIFETIME_MS;
    this.tokens.set(password, { region, expiresAt });
    this.changed();
    return { password, expiresAt };
  }

  /**
   * Writes pending state. Scans still running keep their IN_PROGRESS status in the saved state
   * and start again when the store is next opened with a data plane.
   */
  async close(): Promise<void> {
    this.scans.close();
    await this.stateFile?.flush();
  }

  // RegistryStoreAccess: what the /v2/ proxy asks of the control plane.

  checkToken(password: string): { region: string } | 'expired' | 'unknown' {
    const token = this.tokens.get(password);
    if (!token) {
      return 'unknown';
    }
    return token.expiresAt <= this.now() ? 'expired' : { region: token.region };
  }

  repositoryExists(region: string, repositoryName: string): boolean {
    return this.regions.get(region)?.repositories.has(repositoryName) ?? false;
  }

  refuseTag(region: string, repositoryName: string, tag: string, imageDigest: string): string | undefined {
    const repository = this.regions.get(region)?.repositories.get(repositoryName);
    return repository ? refuseTagMove(repository, tag, imageDigest) : undefined;
  }

  recordPush(manifest: PushedManifest): void {
    const region = this.regions.get(manifest.region);
    const repository = region?.repositories.get(manifest.repositoryName);
    if (!region || !repository) {
      this.log(`ignored a push to ${manifest.region}/${manifest.repositoryName}: no such repository`);
      return;
    }
    let image = repository.images.get(manifest.imageDigest);
    const isNew = image === undefined;
    if (!image) {
      image = {
        digest: manifest.imageDigest,
        tags: [],
        pushedAt: this.now(),
        sizeInBytes: manifest.imageSizeInBytes,
        manifestMediaType: manifest.manifestMediaType,
        ...(manifest.artifactMediaType !== undefined ? { artifactMediaType: manifest.artifactMediaType } : {}),
        manifestBody: manifest.manifestBody,
        ...(manifest.children ? { children: manifest.children.map((child) => ({ ...child })) } : {}),
      };
      repository.images.set(image.digest, image);
    }
    const tag = manifest.tag;
    if (tag !== undefined) {
      // A tag names one image: pushing it elsewhere moves it (immutability was checked by refuseTag).
      for (const other of repository.images.values()) {
        if (other !== image) {
          other.tags = other.tags.filter((existing) => existing !== tag);
        }
      }
      if (!image.tags.includes(tag)) {
        image.tags.push(tag);
      }
    }
    // An index is not scanned itself: its platform images are, as they are pushed.
    if (isNew && !image.children) {
      const scanning = effectiveScanning(region, repository);
      if (scanning.scanOnPush) {
        this.scans.start(
          this.scanTarget(manifest.region, repository, image),
          scanning.scanType,
          scanning.scanType === 'ENHANCED' ? scanning.scanFrequency : undefined,
        );
      }
    }
    this.changed();
  }

  digestOfTag(region: string, repositoryName: string, tag: string): string | undefined {
    const repository = this.regions.get(region)?.repositories.get(repositoryName);
    return repository ? [...repository.images.values()].find((image) => image.tags.includes(tag))?.digest : undefined;
  }

  recordPull(region: string, repositoryName: string, imageDigest: string): void {
    const image = this.regions.get(region)?.repositories.get(repositoryName)?.images.get(imageDigest);
    if (image) {
      image.lastPulledAt = this.now();
      this.changed();
    }
  }
}
