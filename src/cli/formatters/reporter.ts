// What every output format implements. A reporter returns text and never writes: the runner
// streams what it returns, file by file, so a format never holds more than one file's results.
import type { Finding, Severity } from '../../lint/types';

export interface FileReport {
  /** As shown to the user: relative to the working folder when inside it, else absolute; `-` for stdin. */
  readonly displayPath: string;
  /** The Dockerfile's text, for the lines a format quotes or fingerprints. */
  readonly text: string;
  /** Sorted by position. */
  readonly findings: readonly Finding[];
}

/** An input that could not be linted, or was skipped, with the reason. */
export interface InputProblem {
  readonly displayPath: string;
  readonly message: string;
  /** true: counts as unreadable input (exit 2); false: a note only. */
  readonly fatal: boolean;
}

export interface RunSummary {
  readonly filesLinted: number;
  readonly filesWithFindings: number;
  readonly counts: Readonly<Record<Severity, number>>;
  readonly problems: readonly InputProblem[];
}

export interface Reporter {
  begin(): string;
  file(report: FileReport): string;
  end(summary: RunSummary): string;
}

/** 1-based positions, as editors, terminals and SARIF count them. */
export function oneBased(finding: Finding): { line: number; column: number; endLine: number; endColumn: number } {
  const { start, end } = finding.range;
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}
