// What the tree says about an image, decided without the editor: which severities to list, the
// worst one (for the icon), and the storage of a fully listed repository.
import { SEVERITIES, type Image, type ScanState, type Severity } from '../../ecr/model';

export interface SeverityCount {
  readonly severity: Severity;
  readonly count: number;
}

/** The severities with findings, most severe first (zero counts left out). */
export function severityCounts(scan: ScanState | undefined): SeverityCount[] {
  if (!scan) {
    return [];
  }
  return SEVERITIES.flatMap((severity) => {
    const count = scan.severityCounts[severity] ?? 0;
    return count > 0 ? [{ severity, count }] : [];
  });
}

/** The most severe severity with at least one finding; undefined when there is none. */
export function worstSeverity(scan: ScanState | undefined): Severity | undefined {
  return severityCounts(scan)[0]?.severity;
}

/** How a scan state reads on a node: findings, clean, or the state itself. */
export type ScanSummary =
  | { readonly kind: 'none' }
  | { readonly kind: 'findings'; readonly counts: SeverityCount[]; readonly worst: Severity }
  | { readonly kind: 'clean' }
  | { readonly kind: 'inProgress' }
  | { readonly kind: 'failed' }
  | { readonly kind: 'other'; readonly status: string };

export function summariseScan(scan: ScanState | undefined): ScanSummary {
  if (!scan) {
    return { kind: 'none' };
  }
  const counts = severityCounts(scan);
  const status = scan.status.toUpperCase();
  if (counts.length > 0) {
    return { kind: 'findings', counts, worst: counts[0]!.severity };
  }
  if (status === 'COMPLETE' || status === 'ACTIVE') {
    return { kind: 'clean' };
  }
  if (status === 'IN_PROGRESS' || status === 'PENDING' || status === 'SCAN_ELIGIBILITY_EXPIRED_PENDING') {
    return { kind: 'inProgress' };
  }
  if (status === 'FAILED' || status === 'UNSUPPORTED_IMAGE') {
    return { kind: 'failed' };
  }
  return { kind: 'other', status: scan.status };
}

/**
 * Bytes and image count of a repository whose images are all listed. A manifest list's own size
 * is left out: its platform images are images of the repository and counted themselves (the
 * same rule as the core's estimateRepositoryStorage). Shared layers count once per image.
 */
export function storageOfImages(images: readonly Image[]): { bytes: number; imageCount: number } {
  let bytes = 0;
  let imageCount = 0;
  for (const image of images) {
    if (image.isIndex) {
      continue;
    }
    imageCount++;
    bytes += image.sizeBytes ?? 0;
  }
  return { bytes, imageCount };
}

/** Images newest first; those without a push date last, then by digest so the order is stable. */
export function newestFirst(images: readonly Image[]): Image[] {
  return [...images].sort(
    (a, b) => (b.pushedAt?.getTime() ?? -Infinity) - (a.pushedAt?.getTime() ?? -Infinity) || a.digest.localeCompare(b.digest),
  );
}
