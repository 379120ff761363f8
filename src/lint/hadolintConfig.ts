// .hadolint.yaml / .hadolint.yml: the configuration hadolint users already have. Read with the
// `yaml` package; anything unexpected becomes a problem with its line number, never a throw.
// findHadolintConfig() looks where hadolint itself looks (src/Hadolint/Config/Configfile.hs):
// the working folder, the XDG config folder, ~/.hadolint/, then the home folder.
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { LabelFormat, LintOptions, Severity, SeverityOrOff } from './types';

export interface HadolintConfig {
  readonly options: LintOptions;
  readonly failureThreshold?: Severity | 'none';
  readonly problems: string[];
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];
const LABEL_FORMATS: readonly LabelFormat[] = ['text', 'url', 'spdx', 'rfc3339', 'hash', 'semver', 'email'];
/** Keys hadolint accepts that have no meaning for this linter (output and exit behaviour). */
const ACCEPTED_ELSEWHERE = new Set(['format', 'no-fail', 'no-color', 'verbose', 'notrusted', 'shell']);

export function parseHadolintConfig(text: string, source: string): HadolintConfig {
  try {
    return parse(text, source);
  } catch (error) {
    // The yaml package reports problems in document.errors; this is only a last line of defence.
    return { options: {}, problems: [`${source}:1: cannot read the configuration (${error instanceof Error ? error.message : String(error)}).`] };
  }
}

function parse(text: string, source: string): HadolintConfig {
  const problems: string[] = [];
  const lines = new LineCounter();
  const document = parseDocument(typeof text === 'string' ? text : '', { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const lineOf = (node: { range?: readonly number[] | null } | null | undefined): number => (node?.range ? lines.linePos(node.range[0] ?? 0).line : 1);
  const problem = (node: { range?: readonly number[] | null } | null | undefined, message: string): void => {
    problems.push(`${source}:${lineOf(node)}: ${message}`);
  };
  for (const error of document.errors) {
    const line = error.linePos?.[0]?.line ?? 1;
    problems.push(`${source}:${line}: ${error.message.split('\n')[0] ?? 'invalid YAML'}`);
  }
  const severityOverrides: Record<string, SeverityOrOff> = {};
  const options: { -readonly [K in keyof LintOptions]: LintOptions[K] } = {};
  let failureThreshold: Severity | 'none' | undefined;
  const root = document.contents;
  if (root === null || root === undefined || (isScalar(root) && (root.value === null || root.value === ''))) {
    return { options, problems };
  }
  if (!isMap(root)) {
    problem(root, 'the configuration must be a mapping of keys such as ignored, override and trustedRegistries.');
    return { options, problems };
  }

  const stringList = (node: unknown, key: string): string[] => {
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) {
      return [];
    }
    if (!isSeq(node)) {
      problem(node, `"${key}" must be a list, e.g. ${key}: [DL3008].`);
      return [];
    }
    const values: string[] = [];
    for (const item of node.items) {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number') && String(item.value).trim() !== '') {
        values.push(String(item.value).trim());
      } else {
        problem(item as Node, `every entry of "${key}" must be a non-empty string.`);
      }
    }
    return values;
  };

  const ignored: string[] = [];
  for (const pair of root.items) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value;
    switch (key) {
      case 'ignored':
        ignored.push(...stringList(value, key));
        break;
      case 'override':
        if (value === null || (isScalar(value) && value.value === null)) {
          break;
        }
        if (!isMap(value)) {
          problem(value, '"override" must map error, warning, info or style to lists of rule ids.');
          break;
        }
        for (const level of value.items) {
          const name = isScalar(level.key) ? String(level.key.value) : '';
          if (!(SEVERITIES as readonly string[]).includes(name)) {
            problem(level.key, `unknown severity "${name}" in override: use error, warning, info or style.`);
            continue;
          }
          for (const id of stringList(level.value, `override.${name}`)) {
            severityOverrides[id] = name as Severity;
          }
        }
        break;
      case 'trustedRegistries':
        options.trustedRegistries = stringList(value, key);
        break;
      case 'failure-threshold': {
        const level = isScalar(value) ? String(value.value) : '';
        if ((SEVERITIES as readonly string[]).includes(level)) {
          failureThreshold = level as Severity;
        } else if (level === 'none' || level === 'ignore') {
          failureThreshold = 'none';
        } else {
          problem((value ?? keyNode), `"failure-threshold" must be error, warning, info, style or none, not "${level}".`);
        }
        break;
      }
      case 'disable-ignore-pragma':
      case 'strict-labels': {
        if (!isScalar(value) || typeof value.value !== 'boolean') {
          problem((value ?? keyNode), `"${key}" must be true or false.`);
          break;
        }
        if (key === 'disable-ignore-pragma') {
          options.inlinePragmas = !value.value;
        } else {
          options.strictLabels = value.value;
        }
        break;
      }
      case 'label-schema': {
        if (!isMap(value)) {
          problem((value ?? keyNode), '"label-schema" must map label names to a type (text, url, spdx, rfc3339, hash, semver, email).');
          break;
        }
        const schema: Record<string, LabelFormat> = {};
        for (const entry of value.items) {
          const name = isScalar(entry.key) ? String(entry.key.value) : '';
          const format = isScalar(entry.value) ? String(entry.value.value) : '';
          if ((LABEL_FORMATS as readonly string[]).includes(format)) {
            schema[name] = format as LabelFormat;
          } else {
            problem((entry.value ?? entry.key), `label "${name}" has unknown type "${format}": use ${LABEL_FORMATS.join(', ')}.`);
          }
        }
        options.labelSchema = schema;
        break;
      }
      default:
        if (!ACCEPTED_ELSEWHERE.has(key)) {
          problem(keyNode, `unknown key "${key}": hadolint's keys are ignored, override, trustedRegistries, failure-threshold, disable-ignore-pragma, label-schema, strict-labels.`);
        }
    }
  }
  for (const id of ignored) {
    severityOverrides[id] = 'off';
  }
  if (Object.keys(severityOverrides).length > 0) {
    options.severityOverrides = severityOverrides;
  }
  return { options, ...(failureThreshold ? { failureThreshold } : {}), problems };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The configuration file hadolint would use, in its own search order; undefined when none exists. */
export function findHadolintConfig(cwd: string, env: Record<string, string | undefined>, home: string): string | undefined {
  if (typeof cwd !== 'string' || typeof home !== 'string') {
    return undefined;
  }
  const configured = env?.XDG_CONFIG_HOME;
  const xdg = configured && isAbsolute(configured) ? configured : join(home, '.config');
  const candidates = [
    join(cwd, '.hadolint.yaml'),
    join(cwd, '.hadolint.yml'),
    join(xdg, 'hadolint.yaml'),
    join(xdg, 'hadolint.yml'),
    join(home, '.hadolint', 'hadolint.yaml'),
    join(home, '.hadolint', 'hadolint.yml'),
    join(home, '.hadolint', 'config.yaml'),
    join(home, '.hadolint', 'config.yml'),
    join(home, '.hadolint.yaml'),
    join(home, '.hadolint.yml'),
  ];
  return candidates.find(isFile);
}
