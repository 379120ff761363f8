// Severity arithmetic over findings: counts, the worst one, whether a threshold is reached (the
// failOnSeverity setting), and "1 CRITICAL, 2 HIGH" for messages and summaries.
import { SEVERITIES, type Severity } from '../ecr/model';
import type { ScanFinding } from './model';

export type SeverityCounts = Partial<Record<Severity, number>>;

const RANKS: Readonly<Record<string, number>> = Object.fromEntries(SEVERITIES.map((severity, rank) => [severity, rank]));

/** 0 for CRITICAL … 5 for UNDEFINED: lower is worse. */
export function severityRank(severity: Severity): number {
  return RANKS[severity] ?? SEVERITIES.length;
}

/** Only severities that occur are present. */
export function severityCounts(findings: readonly Pick<ScanFinding, 'severity'>[]): SeverityCounts {
  const counts: SeverityCounts = {};
  for (const finding of findings) {
    counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  }
  return counts;
}

/** The worst severity among `findings`, undefined when there are none. */
export function worstSeverity(findings: readonly Pick<ScanFinding, 'severity'>[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const finding of findings) {
    if (worst === undefined || severityRank(finding.severity) < severityRank(worst)) {
      worst = finding.severity;
    }
  }
  return worst;
}

/** Whether any finding is at `threshold` or worse (HIGH is reached by CRITICAL and HIGH findings). */
export function reachesSeverity(counts: SeverityCounts, threshold: Severity): boolean {
  const limit = severityRank(threshold);
  return SEVERITIES.some((severity) => severityRank(severity) <= limit && (counts[severity] ?? 0) > 0);
}

/** "1 CRITICAL, 2 HIGH", worst first, severities without findings left out; "no findings" when empty. */
export function formatCounts(counts: SeverityCounts): string {
  const parts = SEVERITIES.flatMap((severity) => {
    const count = counts[severity] ?? 0;
    return count > 0 ? [`${count} ${severity}`] : [];
  });
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

/** What ordering findings reads of them. */
export type SortableFinding = Pick<ScanFinding, 'severity' | 'id' | 'packageName'>;

/** Worst severity first, then by id, then package: the order of lists and messages. */
export function compareFindings(a: SortableFinding, b: SortableFinding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareText(a.id, b.id) ||
    compareText(a.packageName ?? '', b.packageName ?? '')
  );
}

/**
 * `findings` in compareFindings order. Buckets by severity first, then sorts each bucket by id:
 * the same order as sort(compareFindings), with cheaper comparisons (10,000 findings a line).
 */
export function sortFindings<T extends SortableFinding>(findings: readonly T[]): T[] {
  const buckets: T[][] = SEVERITIES.map(() => []);
  const unknown: T[] = [];
  for (const finding of findings) {
    (buckets[RANKS[finding.severity] ?? -1] ?? unknown).push(finding);
  }
  const byId = (a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : compareText(a.packageName ?? '', b.packageName ?? ''));
  const sorted: T[] = [];
  for (const bucket of [...buckets, unknown]) {
    if (bucket.length > 1) {
      bucket.sort(byId);
    }
    for (const finding of bucket) {
      sorted.push(finding);
    }
  }
  return sorted;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
