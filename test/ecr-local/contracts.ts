// The seams between the two halves of ecr-local, fixed up front so both can be built at once:
// - the control plane (ECR awsJson API, Inspector2 REST API, the store, faults, persistence);
// - the data plane (the /v2/ registry proxy in front of Debian's docker-registry, the scanner
//   that reads pushed layers, the demo seed).
// Regions: the control plane keeps one registry per region (the region comes from the SigV4
// credential scope of each request). The registry password from GetAuthorizationToken names its
// region; the proxy stores region R's repository N as `R/N` in the one docker-registry behind it.
// Shapes follow the ECR and Inspector2 wire models (../shared/notes/ecr-api.md); dates are Date
// here and epoch seconds on the wire.

export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' | 'UNDEFINED';

export type ScanStatus =
  | 'IN_PROGRESS'
  | 'COMPLETE'
  | 'FAILED'
  | 'UNSUPPORTED_IMAGE'
  | 'ACTIVE'
  | 'PENDING'
  | 'SCAN_ELIGIBILITY_EXPIRED'
  | 'FINDINGS_UNAVAILABLE';

/** A package the scanner found in an image, and where it came from. */
export interface FoundPackage {
  readonly name: string;
  readonly version: string;
  /** OS for dpkg/apk databases; NPM, PIP, … for lockfiles (Inspector2's packageManager values). */
  readonly packageManager: 'OS' | 'NPM' | 'PIP' | 'GOBINARY' | 'JAR' | 'GEMSPEC' | 'NUGET';
  /** Path inside the image of the database or lockfile that lists it, e.g. var/lib/dpkg/status. */
  readonly filePath: string;
  /** Digest of the layer blob that holds that file (sha256:…). */
  readonly sourceLayerHash: string;
}

/** One vulnerable package in one image: enough to build a basic finding, an enhanced finding and an Inspector2 finding. */
export interface Vulnerability {
  readonly vulnerabilityId: string; // CVE-…
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  /** CVSS v3 base score. */
  readonly score: number;
  readonly epss?: number;
  readonly exploitAvailable: boolean;
  readonly sourceUrl: string;
  readonly referenceUrls: readonly string[];
  readonly package: FoundPackage;
  /** Undefined when no fixed version is known. */
  readonly fixedInVersion?: string;
}

export interface ScanOutcome {
  readonly status: 'COMPLETE' | 'UNSUPPORTED_IMAGE' | 'FAILED';
  readonly description: string;
  readonly packages: readonly FoundPackage[];
  readonly vulnerabilities: readonly Vulnerability[];
  /** When the feed the scanner matched against was last updated. */
  readonly vulnerabilitySourceUpdatedAt: Date;
}

/** Data plane → control plane: what the scanner offers. */
export interface ImageScanner {
  /** Reads the image's layers from the registry and matches its packages against the feed. */
  scan(region: string, repositoryName: string, imageDigest: string): Promise<ScanOutcome>;
}

/** What the registry proxy reports after a manifest PUT it accepted (the blob store has it). */
export interface PushedManifest {
  readonly region: string;
  readonly repositoryName: string;
  readonly imageDigest: string;
  /** The tag the manifest was pushed under, if pushed by tag. */
  readonly tag?: string;
  readonly manifestMediaType: string;
  readonly artifactMediaType?: string;
  /** Config + layers for an image manifest; for an index, the largest child image's size. */
  readonly imageSizeInBytes: number;
  /** For an image index / manifest list: the digests and platforms of its children. */
  readonly children?: ReadonlyArray<{ digest: string; os: string; architecture: string; variant?: string }>;
  readonly manifestBody: string;
}

/** Control plane → data plane: what the proxy needs from the store, with ECR's rules applied. */
export interface RegistryStoreAccess {
  /** The region a registry password belongs to; 'expired' past its 12 h; 'unknown' otherwise. */
  checkToken(password: string): { region: string } | 'expired' | 'unknown';
  repositoryExists(region: string, repositoryName: string): boolean;
  /**
   * Checks before the manifest is written: a tag that already names another digest in an
   * immutable repository (honouring the *_WITH_EXCLUSION filters) is refused with
   * ImageTagAlreadyExistsException's message; undefined means allowed.
   */
  refuseTag(region: string, repositoryName: string, tag: string, imageDigest: string): string | undefined;
  /** Records the push (push time = now) and starts a scan when the repository or registry asks for one. */
  recordPush(manifest: PushedManifest): void;
  /**
   * The digest a tag names now, by the control plane's records: ECR's tags live in ECR, so a tag
   * removed through BatchDeleteImage must stop resolving even though the backing registry,
   * which cannot delete tags, still links it.
   */
  digestOfTag(region: string, repositoryName: string, tag: string): string | undefined;
  /** Records a pull of a manifest (lastRecordedPullTime). */
  recordPull(region: string, repositoryName: string, imageDigest: string): void;
}

/** Control plane → data plane: deleting images must delete manifests in the real registry too. */
export interface RegistryBackend {
  deleteManifest(region: string, repositoryName: string, imageDigest: string): Promise<void>;
  /** Reads a manifest body (BatchGetImage). */
  getManifest(region: string, repositoryName: string, reference: string): Promise<{ body: string; mediaType: string } | undefined>;
  /**
   * Opens a blob (layer or config) for GetDownloadUrlForLayer's URLs: the registry's response,
   * to stream; undefined when the registry does not have it. Optional: stand-in data planes
   * without blobs leave it out, and the URLs then answer 404.
   */
  openLayer?(region: string, repositoryName: string, digest: string): Promise<import('node:http').IncomingMessage | undefined>;
}

/** The data plane as the control plane's server sees it. */
export interface DataPlane {
  /** Serves a request whose path starts with /v2/ (the OCI distribution API). */
  handle(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse): void;
  readonly scanner: ImageScanner;
  readonly backend: RegistryBackend;
  /** The scanner's feed, for the test-only PUT /ecr-local/feed hook; absent in fake data planes. */
  readonly feed?: import('./scanner/liveFeed').LiveFeed;
  stop(): Promise<void>;
}

/** How ecr-local starts its data plane once the store exists (test/ecr-local/registry/dataPlane.ts). */
export type StartDataPlane = (store: RegistryStoreAccess, options: { dataDir: string }) => Promise<DataPlane>;
