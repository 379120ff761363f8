// The linter's public shapes, shared by the engine and rules (src/lint), the CLI (src/cli) and
// the VS Code adapters (src/views). Pure data: no vscode, no I/O. Positions are 0-based lines
// and UTF-16 characters, as in dockerfile-ast and the LSP; the CLI adds 1 where it prints.

export type Severity = 'error' | 'warning' | 'info' | 'style';
/** A severity, or 'off' to disable a rule (settings, .hadolint.yaml `ignored`). */
export type SeverityOrOff = Severity | 'off';

export type Category = 'security' | 'correctness' | 'maintainability' | 'performance' | 'style';

export type { Position, Range, TextEdit, FixPrompt, Fix } from '../dockerfile/types';
import type { Range, Fix } from '../dockerfile/types';

export interface RuleMeta {
  /** Our id: kebab-case, stable, e.g. `user-root`. */
  readonly id: string;
  readonly title: string;
  readonly category: Category;
  readonly defaultSeverity: Severity;
  /**
   * The anchors' ids for the same rule: hadolint `DL3002`, Trivy `AVD-DS-0002` (also matched as
   * `DS-0002`/`DS002`), Checkov `CKV_DOCKER_8`, BuildKit `JSONArgsRecommended`. Suppressing or
   * configuring any alias acts on the rule.
   */
  readonly aliases: readonly string[];
  /** False for rules that only run when a severity is configured for them (hadolint's "ignore" level). */
  readonly defaultEnabled?: boolean;
  /** One line: what the rule checks (docs index, settings descriptions). */
  readonly summary?: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly aliases: readonly string[];
  readonly category: Category;
  /** After per-rule overrides. */
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  /** Fixes of the rule itself; suppression fixes come from suppressionFixes(). */
  readonly fixes: readonly Fix[];
}

export interface LintOptions {
  /** Per rule id or alias; 'off' disables. From settings and .hadolint.yaml `override`/`ignored`. */
  readonly severityOverrides?: Readonly<Record<string, SeverityOrOff>>;
  /** Registries FROM may use (`*` prefix/suffix wildcards); empty or absent = rule inactive. */
  readonly trustedRegistries?: readonly string[];
  /** "Today" for end-of-life checks; tests fix it. */
  readonly today?: Date;
  /** How many days before an end-of-life date base-image-eol starts to warn. */
  readonly eolWarningDays?: number;
  /** Honour inline pragmas (hadolint's `disable-ignore-pragma` turns them off). */
  readonly inlinePragmas?: boolean;
  /** hadolint's `label-schema`: required label names and their formats (label-schema rule). */
  readonly labelSchema?: Readonly<Record<string, LabelFormat>>;
  /** hadolint's `strict-labels`: labels outside labelSchema are reported. */
  readonly strictLabels?: boolean;
}

/** hadolint's label-schema value types. */
export type LabelFormat = 'text' | 'url' | 'spdx' | 'rfc3339' | 'hash' | 'semver' | 'email';
