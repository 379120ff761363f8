// Checks the values of the linting settings, which users type by hand in settings.json: a wrong
// value is reported (and ignored) instead of silently changing what is linted. No vscode here.
import type { SeverityOrOff } from '../../lint/types';

const SEVERITY_WORDS: Readonly<Record<string, SeverityOrOff>> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  style: 'style',
  off: 'off',
  // The words users bring from hadolint and from VS Code's own severities.
  ignore: 'off',
  none: 'off',
  information: 'info',
  hint: 'style',
};

export interface SeverityOverrides {
  readonly overrides: Readonly<Record<string, SeverityOrOff>>;
  readonly problems: readonly string[];
}

/**
 * `ecrExplorer.lint.severity`: rule id or alias → severity. `knownRule` says whether an id or
 * alias names a rule, so that a typo is reported rather than silently doing nothing.
 */
export function severityOverrides(value: unknown, knownRule: (idOrAlias: string) => boolean): SeverityOverrides {
  if (value === undefined || value === null) {
    return { overrides: {}, problems: [] };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { overrides: {}, problems: ['ecrExplorer.lint.severity must be an object such as { "DL3008": "off", "user-root": "error" }.'] };
  }
  const overrides: Record<string, SeverityOrOff> = {};
  const problems: string[] = [];
  for (const [rule, severity] of Object.entries(value as Record<string, unknown>)) {
    const word = typeof severity === 'string' ? SEVERITY_WORDS[severity.trim().toLowerCase()] : undefined;
    if (!knownRule(rule)) {
      problems.push(`ecrExplorer.lint.severity: "${rule}" is not a rule id or alias; run "ECR: Show Lint Rules" for the list.`);
    } else if (word === undefined) {
      problems.push(`ecrExplorer.lint.severity: "${String(severity)}" for ${rule} must be one of error, warning, info, style, off.`);
    } else {
      overrides[rule] = word;
    }
  }
  return { overrides, problems };
}

/** `ecrExplorer.lint.trustedRegistries`: registry names, `*` wildcards allowed at either end. */
export function trustedRegistries(value: unknown): { registries: string[]; problems: string[] } {
  if (value === undefined || value === null) {
    return { registries: [], problems: [] };
  }
  if (!Array.isArray(value)) {
    return { registries: [], problems: ['ecrExplorer.lint.trustedRegistries must be a list of registry names, e.g. ["*.amazonaws.com", "docker.io"].'] };
  }
  const registries: string[] = [];
  const problems: string[] = [];
  for (const item of value as unknown[]) {
    if (typeof item === 'string' && item.trim() !== '' && !/\s/.test(item.trim())) {
      registries.push(item.trim());
    } else {
      problems.push(`ecrExplorer.lint.trustedRegistries: ${JSON.stringify(item)} is not a registry name.`);
    }
  }
  return { registries, problems };
}

/** A whole number within bounds, or the fallback with a problem. */
export function boundedInteger(
  name: string,
  value: unknown,
  bounds: { min: number; max: number; fallback: number },
): { value: number; problems: string[] } {
  if (value === undefined || value === null) {
    return { value: bounds.fallback, problems: [] };
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < bounds.min || value > bounds.max) {
    return {
      value: bounds.fallback,
      problems: [`${name} must be a number from ${bounds.min} to ${bounds.max}; using ${bounds.fallback}.`],
    };
  }
  return { value: Math.round(value), problems: [] };
}
