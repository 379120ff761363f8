// What ecr-local remembers, per region. Plain data (dates as epoch milliseconds) so that the
// whole state can be written to one JSON file and read back (persistence.ts); Maps keyed by
// name or digest in memory, arrays on disk.
import type { ScanStatus, Vulnerability } from '../contracts';

export type TagMutability = 'MUTABLE' | 'IMMUTABLE' | 'IMMUTABLE_WITH_EXCLUSION' | 'MUTABLE_WITH_EXCLUSION';
export type EncryptionType = 'AES256' | 'KMS' | 'KMS_DSSE';
export type ScanType = 'BASIC' | 'ENHANCED';
export type ScanFrequency = 'SCAN_ON_PUSH' | 'CONTINUOUS_SCAN' | 'MANUAL';

export interface WildcardFilter {
  readonly filter: string;
  readonly filterType: 'WILDCARD';
}

export interface ResourceTag {
  readonly Key: string;
  readonly Value: string;
}

export interface ScanRecord {
  readonly type: ScanType;
  /** For enhanced scans: the registry rule that asked for it. */
  readonly frequency?: ScanFrequency;
  status: ScanStatus;
  description: string;
  readonly startedAt: number;
  completedAt?: number;
  vulnerabilitySourceUpdatedAt?: number;
  vulnerabilities: Vulnerability[];
}

export interface ImageRecord {
  readonly digest: string;
  tags: string[];
  readonly pushedAt: number;
  readonly sizeInBytes: number;
  readonly manifestMediaType: string;
  readonly artifactMediaType?: string;
  readonly manifestBody: string;
  /** Set for an image index / manifest list. */
  readonly children?: ReadonlyArray<{ digest: string; os: string; architecture: string; variant?: string }>;
  lastPulledAt?: number;
  /** When the last basic scan started: one per 24 h, scan on push included. */
  lastBasicScanAt?: number;
  scan?: ScanRecord;
}

export interface LifecyclePreviewRecord {
  readonly policyText: string;
  status: 'IN_PROGRESS' | 'COMPLETE' | 'FAILED';
  results: Array<{ digest: string; tags: string[]; pushedAt: number; appliedRulePriority: number; sizeInBytes: number }>;
}

export interface RepositoryRecord {
  readonly name: string;
  readonly createdAt: number;
  tagMutability: TagMutability;
  tagMutabilityExclusionFilters: WildcardFilter[];
  scanOnPush: boolean;
  readonly encryption: { readonly encryptionType: EncryptionType; readonly kmsKey?: string };
  tags: ResourceTag[];
  readonly images: Map<string, ImageRecord>;
  lifecyclePolicy?: { text: string; lastEvaluatedAt?: number };
  lifecyclePreview?: LifecyclePreviewRecord;
  repositoryPolicy?: string;
}

export interface ScanningRule {
  readonly scanFrequency: ScanFrequency;
  readonly repositoryFilters: WildcardFilter[];
}

export interface ReplicationRule {
  readonly destinations: Array<{ region: string; registryId: string }>;
  readonly repositoryFilters?: Array<{ filter: string; filterType: 'PREFIX_MATCH' }>;
}

export interface PullThroughCacheRuleRecord {
  readonly ecrRepositoryPrefix: string;
  readonly upstreamRegistryUrl: string;
  readonly upstreamRegistry?: string;
  readonly credentialArn?: string;
  readonly upstreamRepositoryPrefix?: string;
  readonly createdAt: number;
}

/**
 * A region's repositories by name, which also keeps them sorted by name for paging: sorted on
 * the first listing after a change, not per page (100,000 repositories take ~100 ms to sort).
 */
export class RepositoryMap extends Map<string, RepositoryRecord> {
  private sorted: RepositoryRecord[] | undefined;

  override set(name: string, repository: RepositoryRecord): this {
    this.sorted = undefined;
    return super.set(name, repository);
  }

  override delete(name: string): boolean {
    this.sorted = undefined;
    return super.delete(name);
  }

  override clear(): void {
    this.sorted = undefined;
    super.clear();
  }

  /** The repositories in ascending name order (code-unit order, as paging compares keys); do not modify. */
  sortedByName(): readonly RepositoryRecord[] {
    this.sorted ??= [...this.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return this.sorted;
  }
}

export interface RegionRecord {
  readonly repositories: RepositoryMap;
  scanning: { scanType: ScanType; rules: ScanningRule[] };
  replication: { rules: ReplicationRule[] };
  readonly pullThroughCacheRules: Map<string, PullThroughCacheRuleRecord>;
}

export interface TokenRecord {
  readonly region: string;
  readonly expiresAt: number;
}

export function newRegionRecord(): RegionRecord {
  return {
    repositories: new RepositoryMap(),
    scanning: { scanType: 'BASIC', rules: [] },
    replication: { rules: [] },
    pullThroughCacheRules: new Map(),
  };
}
