// What the scan presenter says, decided without the editor: the image's name as users read it,
// the one-sentence outcome of a wait, and the failOnSeverity threshold. Pure, unit-tested.
import { shortDigest } from '../../ecr/format';
import { ENVIRONMENT_PROFILE, SEVERITIES, type Connection, type Severity } from '../../ecr/model';
import type { ImageScanResult } from '../../scan/model';

export interface ImageNaming {
  readonly connection: Connection;
  readonly repositoryName: string;
  readonly imageDigest: string;
  readonly tag?: string;
}

/** What waiting for a scan ended with (P2's waitForScan answers this shape). */
export interface ScanWaitOutcome {
  readonly outcome: 'complete' | 'failed' | 'unsupported' | 'not-scanned' | 'timeout' | 'cancelled';
  readonly status?: string;
  readonly description?: string;
}

/** "team-a/api:v1.5.0 @sha256:0123456789ab", or "team-a/api @sha256:…" untagged. */
export function imageLabel(image: ImageNaming): string {
  return `${image.repositoryName}${image.tag ? `:${image.tag}` : ''} @${shortDigest(image.imageDigest)}`;
}

/** "profile dev, eu-west-1" (environment credentials are named as such). */
export function connectionLabel(connection: Connection): string {
  const who = connection.profile === ENVIRONMENT_PROFILE ? 'environment credentials' : `profile ${connection.profile}`;
  return `${who}, ${connection.region}`;
}

/** "1 CRITICAL, 2 HIGH", most severe first; "no findings" when all are zero. */
export function countsText(counts: Partial<Record<Severity, number>>): string {
  const parts = SEVERITIES.flatMap((severity) => {
    const count = counts[severity] ?? 0;
    return count > 0 ? [`${count} ${severity}`] : [];
  });
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

export interface MessageContext {
  readonly waitSeconds: number;
  /** Where the diagnostics went (a workspace-relative path) and on how many lines. */
  readonly dockerfile?: string;
  readonly lines?: number;
  /** Set when the findings reach ecrExplorer.failOnSeverity. */
  readonly threshold?: Severity;
}

export function presentationMessage(image: ImageNaming, waited: ScanWaitOutcome, result: ImageScanResult | undefined, context: MessageContext): string {
  const label = imageLabel(image);
  const detail = waited.description ? `: ${waited.description}` : '';
  switch (waited.outcome) {
    case 'complete': {
      const counts = result ? countsText(result.severityCounts) : 'no findings';
      const where =
        context.dockerfile !== undefined
          ? `; ${context.lines ?? 0} line${context.lines === 1 ? '' : 's'} of ${context.dockerfile} marked`
          : '; run "Show Findings on Dockerfile" to see them on the Dockerfile that built it';
      const reached = context.threshold ? ` The findings reach ${context.threshold} (ecrExplorer.failOnSeverity).` : '';
      return `Scan of ${label} (${result?.scanType ?? 'BASIC'}): ${counts}${result && result.findings.length > 0 ? where : ''}.${reached}`;
    }
    case 'failed':
      return `The scan of ${label} failed${detail || ` (${waited.status ?? 'FAILED'})`}.`;
    case 'unsupported':
      return `ECR does not scan ${label}${detail || ' (UNSUPPORTED_IMAGE)'}.`;
    case 'not-scanned':
      return `${label} has no scan: its repository does not scan on push. Start a scan from the ECR view (Start Scan).`;
    case 'timeout':
      return `The scan of ${label} did not finish within ${context.waitSeconds} s (ecrExplorer.scanWaitSeconds)${waited.status ? `; it is ${waited.status}` : ''}. Its findings show in the ECR view once it completes (Show Scan Findings).`;
    case 'cancelled':
      return `Stopped waiting for the scan of ${label}; the scan itself goes on in ECR.`;
  }
}

/** ecrExplorer.failOnSeverity: a severity, or undefined for NONE and anything unknown. */
export function thresholdSetting(value: unknown): Severity | undefined {
  return typeof value === 'string' && value !== 'NONE' && value !== 'UNDEFINED' && (SEVERITIES as readonly string[]).includes(value)
    ? (value as Severity)
    : undefined;
}

export interface ThresholdCheck {
  readonly setting: Severity | undefined;
  reached(counts: Partial<Record<Severity, number>>): boolean;
}

/** The threshold check for a setting value; `reaches` is the scan core's comparison. */
export function thresholdOf(value: unknown, reaches: (counts: Partial<Record<Severity, number>>, threshold: Severity) => boolean): ThresholdCheck {
  const setting = thresholdSetting(value);
  return { setting, reached: (counts) => setting !== undefined && reaches(counts, setting) };
}
