// What a rule module exports, and what it gets to look at. A rule is small: its meta, and a
// check that reads the shared model and reports findings with their fixes.
import type { DockerfileModel, Instruction } from '../dockerfile/dockerfile';
import type { Fix, LabelFormat, Range, RuleMeta, Severity } from './types';

export interface ResolvedOptions {
  readonly trustedRegistries: readonly string[];
  readonly today: Date;
  readonly eolWarningDays: number;
  readonly labelSchema: Readonly<Record<string, LabelFormat>>;
  readonly strictLabels: boolean;
}

export interface Report {
  readonly range: Range;
  readonly message: string;
  /** The instruction the finding is about (pragmas above it apply); found from the range if absent. */
  readonly instruction?: Instruction;
  readonly fixes?: readonly Fix[];
  /** The anchors' ids this particular finding matches, when a rule covers several (default: all). */
  readonly aliases?: readonly string[];
  /** A severity other than the rule's default for this finding (e.g. an upcoming end of life). */
  readonly severity?: Severity;
}

export interface RuleContext {
  readonly model: DockerfileModel;
  readonly options: ResolvedOptions;
  report(report: Report): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(context: RuleContext): void;
}
