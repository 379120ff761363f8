// The linting settings (ecrExplorer.lint.*) for one document, read with the document as scope so
// that folder and language-specific settings apply.
import * as vscode from 'vscode';
import type { LintOptions, SeverityOrOff } from '../../lint/types';
import { boundedInteger, severityOverrides, trustedRegistries } from './settingValues';

export const LINT_SECTION = 'ecrExplorer.lint';
export const DEFAULT_DEBOUNCE_MS = 250;
export const DEFAULT_EOL_WARNING_DAYS = 90;

export interface LintSettings {
  readonly enable: boolean;
  readonly debounceMs: number;
  readonly severityOverrides: Readonly<Record<string, SeverityOrOff>>;
  /** Empty: not set here (the .hadolint.yaml's list, if any, applies). */
  readonly trustedRegistries: readonly string[];
  readonly eolWarningDays: number;
  /** Values that were wrong and ignored, said so that the user can fix them. */
  readonly problems: readonly string[];
}

export function readLintSettings(scope: vscode.ConfigurationScope | undefined, knownRule: (id: string) => boolean): LintSettings {
  const config = vscode.workspace.getConfiguration(LINT_SECTION, scope);
  const severity = severityOverrides(config.get<unknown>('severity'), knownRule);
  const registries = trustedRegistries(config.get<unknown>('trustedRegistries'));
  const debounce = boundedInteger(`${LINT_SECTION}.debounceMs`, config.get<unknown>('debounceMs'), {
    min: 0,
    max: 10_000,
    fallback: DEFAULT_DEBOUNCE_MS,
  });
  const eol = boundedInteger(`${LINT_SECTION}.eolWarningDays`, config.get<unknown>('eolWarningDays'), {
    min: 0,
    max: 3650,
    fallback: DEFAULT_EOL_WARNING_DAYS,
  });
  return {
    enable: config.get<unknown>('enable') !== false,
    debounceMs: debounce.value,
    severityOverrides: severity.overrides,
    trustedRegistries: registries.registries,
    eolWarningDays: eol.value,
    problems: [...severity.problems, ...registries.problems, ...debounce.problems, ...eol.problems],
  };
}

/**
 * Settings override the .hadolint.yaml: per rule for severities (keys made canonical first, so
 * that a setting for `user-root` wins over the file's `DL3002`), as a whole for registries.
 */
export function mergeOptions(fromConfigFile: LintOptions, settings: LintSettings, canonical: (idOrAlias: string) => string): LintOptions {
  const severities: Record<string, SeverityOrOff> = {};
  for (const overrides of [fromConfigFile.severityOverrides ?? {}, settings.severityOverrides]) {
    for (const [rule, severity] of Object.entries(overrides)) {
      severities[canonical(rule)] = severity;
    }
  }
  return {
    ...fromConfigFile,
    severityOverrides: severities,
    ...(settings.trustedRegistries.length > 0 ? { trustedRegistries: settings.trustedRegistries } : {}),
    eolWarningDays: settings.eolWarningDays,
  };
}

export function affectsLinting(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(LINT_SECTION);
}
