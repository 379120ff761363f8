// How a Dockerfile line's scan findings read as a diagnostic, decided without the editor:
// severity, source, the code that links to the worst finding's advisory, and the message that
// names the image. The numbers are vscode.DiagnosticSeverity's (Error 0, Warning 1,
// Information 2, Hint 3), which is a stable part of the API.
import type { Severity } from '../../ecr/model';
import type { ScanFinding, ScanType } from '../../scan/model';
import { safeExternalUrl } from './findingsHtml';

export const DIAGNOSTIC_SEVERITY = { Error: 0, Warning: 1, Information: 2, Hint: 3 } as const;
export type DiagnosticSeverityValue = (typeof DIAGNOSTIC_SEVERITY)[keyof typeof DIAGNOSTIC_SEVERITY];

/** CRITICAL/HIGH → Error, MEDIUM → Warning, LOW/INFORMATIONAL → Information, UNDEFINED → Hint (as Trivy's extension does). */
export function diagnosticSeverity(severity: Severity): DiagnosticSeverityValue {
  switch (severity) {
    case 'CRITICAL':
    case 'HIGH':
      return DIAGNOSTIC_SEVERITY.Error;
    case 'MEDIUM':
      return DIAGNOSTIC_SEVERITY.Warning;
    case 'LOW':
    case 'INFORMATIONAL':
      return DIAGNOSTIC_SEVERITY.Information;
    case 'UNDEFINED':
      return DIAGNOSTIC_SEVERITY.Hint;
  }
}

/** The Problems panel's source: users filter by it. */
export function diagnosticSource(scanType: ScanType): string {
  return scanType === 'ENHANCED' ? 'Amazon Inspector' : 'ECR scan';
}

export const SCAN_SOURCES: readonly string[] = ['ECR scan', 'Amazon Inspector'];

const RANK: Record<Severity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3, INFORMATIONAL: 4, UNDEFINED: 5 };

/** The most severe finding of a line (ties: the first); the diagnostic's code links to it. */
export function worstFinding(findings: readonly ScanFinding[]): ScanFinding | undefined {
  let worst: ScanFinding | undefined;
  for (const finding of findings) {
    if (!worst || RANK[finding.severity] < RANK[worst.severity]) {
      worst = finding;
    }
  }
  return worst;
}

export interface DiagnosticCode {
  readonly value: string;
  /** http(s) only. */
  readonly target?: string;
}

export function diagnosticCode(findings: readonly ScanFinding[]): DiagnosticCode | undefined {
  const worst = worstFinding(findings);
  if (!worst) {
    return undefined;
  }
  const target = safeExternalUrl(worst.url);
  return { value: worst.id, ...(target ? { target } : {}) };
}

/** The mapper's line message, then which image it is about: "… (team-a/api:v1 @sha256:…)". */
export function diagnosticMessage(lineMessage: string, imageLabel: string): string {
  return `${lineMessage} [${imageLabel}]`;
}
