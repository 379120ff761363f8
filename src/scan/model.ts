// What a scan found, in one shape whatever scanner produced it: ECR basic scanning
// (DescribeImageScanFindings' findings[]), ECR enhanced scanning (its enhancedFindings[]) and
// Amazon Inspector (ListFindings). Plain data, no SDK types: the views, the line mapper, the
// findings webview and the benchmarks depend on this file only.
import type { Severity } from '../ecr/model';

export type ScanType = 'BASIC' | 'ENHANCED';

export interface ScanFinding {
  /** The vulnerability id (CVE-…, GHSA-…, ALAS-…), or the finding's name when it has none. */
  readonly id: string;
  readonly severity: Severity;
  readonly title?: string;
  readonly description?: string;
  /** The advisory's page (the CVE link). */
  readonly url?: string;
  readonly packageName?: string;
  readonly installedVersion?: string;
  /** The first version without the vulnerability; absent when no fix is known. */
  readonly fixedVersion?: string;
  /** Inspector's packageManager (OS, NPM, PIP, JAR, GOBINARY, …); for basic findings OS. */
  readonly packageManager?: string;
  /** Where the package was found in the image (a lockfile, a package database). */
  readonly filePath?: string;
  /** The digest of the image layer that brought the package in (enhanced scanning). */
  readonly sourceLayerHash?: string;
  /** CVSS base score (basic: CVSS3_SCORE or CVSS2_SCORE attribute; enhanced: the first cvss entry). */
  readonly cvssScore?: number;
  /** Enhanced scanning only: Inspector's score, EPSS probability (0-1), exploit and fix availability. */
  readonly inspectorScore?: number;
  readonly epssScore?: number;
  readonly exploitAvailable?: boolean;
  readonly fixAvailable?: 'YES' | 'NO' | 'PARTIAL';
  /** Enhanced scanning's remediation text, when it has one. */
  readonly remediation?: string;
}

export interface ImageScanResult {
  readonly repositoryName: string;
  readonly imageDigest: string;
  readonly scanType: ScanType;
  /** ECR's imageScanStatus.status (COMPLETE, ACTIVE, FAILED, UNSUPPORTED_IMAGE, …). */
  readonly status: string;
  readonly description?: string;
  readonly completedAt?: Date;
  readonly vulnerabilitySourceUpdatedAt?: Date;
  /** Counted from `findings` (every page read), never from a summary that could disagree. */
  readonly severityCounts: Partial<Record<Severity, number>>;
  readonly findings: readonly ScanFinding[];
  /**
   * Set when an enhanced scan's findings could not be completed from Amazon Inspector (e.g. no
   * inspector2:ListFindings permission): EPSS and Inspector scores are then missing, and this says
   * why in one sentence. The findings themselves are complete.
   */
  readonly enrichmentProblem?: string;
}
