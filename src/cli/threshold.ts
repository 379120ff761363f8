// When does a finding fail the run? Severities are ordered error > warning > info > style, and a
// threshold of `none` never fails (hadolint's --failure-threshold, same names and default).
import type { Severity } from '../lint/types';

export const FAILURE_THRESHOLDS = ['error', 'warning', 'info', 'style', 'none'] as const;
export type FailureThreshold = (typeof FAILURE_THRESHOLDS)[number];

/** hadolint's default: style findings are reported but do not fail the run. */
export const DEFAULT_FAILURE_THRESHOLD: FailureThreshold = 'info';

const RANK: Readonly<Record<Severity, number>> = { style: 0, info: 1, warning: 2, error: 3 };

export function reachesThreshold(severity: Severity, threshold: FailureThreshold): boolean {
  return threshold !== 'none' && RANK[severity] >= RANK[threshold];
}

/** Most severe first, for sorting and summaries. */
export const SEVERITIES_BY_RANK: readonly Severity[] = ['error', 'warning', 'info', 'style'];
