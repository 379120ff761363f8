// lint(): builds the model once, runs every enabled rule over it, applies severity overrides
// (by rule id or by any alias) and the suppression pragmas, and returns findings sorted by
// position. It never throws: a rule that fails on some odd input is skipped for that input.
import { canonicalId, isBuildKitId } from './aliases';
import { buildModel, type DockerfileModel, type Instruction } from '../dockerfile/dockerfile';
import { findPragmas, type Pragma } from './pragmas';
import type { Report, ResolvedOptions, Rule } from './rule';
import { allRules } from './rules/index';
import type { Finding, LintOptions, SeverityOrOff } from './types';

export const DEFAULT_EOL_WARNING_DAYS = 90;

/** canonicalId() of the aliases rules report, computed once per process. */
const canonicalMemo = new Map<string, string>();
function canonical(id: string): string {
  let key = canonicalMemo.get(id);
  if (key === undefined) {
    key = canonicalId(id);
    canonicalMemo.set(id, key);
  }
  return key;
}

function resolveOptions(options: LintOptions): ResolvedOptions {
  const today = options.today instanceof Date && !Number.isNaN(options.today.getTime()) ? options.today : new Date();
  const days = options.eolWarningDays;
  return {
    trustedRegistries: (options.trustedRegistries ?? []).filter((entry) => typeof entry === 'string' && entry.trim() !== ''),
    today,
    eolWarningDays: typeof days === 'number' && Number.isFinite(days) && days >= 0 ? days : DEFAULT_EOL_WARNING_DAYS,
    labelSchema: options.labelSchema ?? {},
    strictLabels: options.strictLabels === true,
  };
}

const VALID_OVERRIDES = new Set<unknown>(['off', 'error', 'warning', 'info', 'style']);

function overridesOf(options: LintOptions): Map<string, SeverityOrOff> {
  const map = new Map<string, SeverityOrOff>();
  for (const [id, severity] of Object.entries(options.severityOverrides ?? {})) {
    // Settings and config files are validated where they are read; anything else is ignored here.
    if (VALID_OVERRIDES.has(severity)) {
      map.set(canonicalId(id), severity);
    }
  }
  return map;
}

class Suppressions {
  private readonly file = new Set<string>();
  private fileBuildKitAll = false;
  private readonly byInstruction = new Map<number, { ids: Set<string>; all: boolean }>();
  private readonly stageRanges: Array<{ from: number; to: number; ids: Set<string> }> = [];

  readonly empty: boolean;

  constructor(model: DockerfileModel, pragmas: readonly Pragma[]) {
    this.empty = pragmas.length === 0;
    const starts = model.instructions.map((instruction) => instruction.startLine);
    const nextInstruction = (line: number): number => {
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((starts[mid] ?? 0) > line) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo;
    };
    for (const pragma of pragmas) {
      if (pragma.scope === 'file') {
        pragma.ids.forEach((id) => this.file.add(id));
        this.fileBuildKitAll ||= pragma.all;
      } else if (pragma.scope === 'next') {
        const index = nextInstruction(pragma.line);
        const entry = this.byInstruction.get(index) ?? { ids: new Set<string>(), all: false };
        pragma.ids.forEach((id) => entry.ids.add(id));
        entry.all ||= pragma.all;
        this.byInstruction.set(index, entry);
      } else {
        const from = nextInstruction(pragma.line);
        let to = model.instructions.length;
        for (let i = from; i < model.instructions.length; i++) {
          if (model.instructions[i]?.keyword === 'FROM' && i > from) {
            to = i;
            break;
          }
        }
        this.stageRanges.push({ from, to, ids: new Set(pragma.ids) });
      }
    }
  }

  /** The whole rule is off for this file (skip running it). */
  fileWide(keys: readonly string[], buildKit: boolean): boolean {
    return keys.some((key) => this.file.has(key)) || (this.fileBuildKitAll && buildKit);
  }

  suppressed(keys: readonly string[], buildKit: boolean, instruction: number | undefined): boolean {
    if (this.fileWide(keys, buildKit)) {
      return true;
    }
    if (instruction === undefined) {
      return false;
    }
    const entry = this.byInstruction.get(instruction);
    if (entry && (entry.all || keys.some((key) => entry.ids.has(key)))) {
      return true;
    }
    return this.stageRanges.some((range) => instruction >= range.from && instruction < range.to && keys.some((key) => range.ids.has(key)));
  }
}

export function lint(text: string, options: LintOptions = {}): Finding[] {
  let model: DockerfileModel;
  try {
    model = buildModel(typeof text === 'string' ? text : '');
  } catch {
    return [];
  }
  const resolved = resolveOptions(options ?? {});
  const overrides = overridesOf(options ?? {});
  const pragmas = options?.inlinePragmas === false ? [] : findPragmas(model);
  const suppressions = new Suppressions(model, pragmas);
  const findings: Finding[] = [];
  for (const rule of allRules) {
    runRule(rule, model, resolved, overrides, suppressions, findings);
  }
  return findings.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.range.end.line - b.range.end.line ||
      a.range.end.character - b.range.end.character ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

function runRule(
  rule: Rule,
  model: DockerfileModel,
  options: ResolvedOptions,
  overrides: ReadonlyMap<string, SeverityOrOff>,
  suppressions: Suppressions,
  out: Finding[],
): void {
  const meta = rule.meta;
  const idKey = canonicalId(meta.id);
  const ruleOverride = overrides.get(idKey);
  const aliasKeys = meta.aliases.map(canonical);
  const anyAliasConfigured = aliasKeys.some((key) => overrides.has(key));
  if (ruleOverride === 'off' || (meta.defaultEnabled === false && ruleOverride === undefined && !anyAliasConfigured)) {
    return;
  }
  if (suppressions.fileWide([idKey], false)) {
    return;
  }
  const reports: Report[] = [];
  try {
    rule.check({ model, options, report: (report) => reports.push(report) });
  } catch {
    // A rule must not take the whole lint down on input it did not expect.
    return;
  }
  for (const report of reports) {
    const aliases = report.aliases ?? meta.aliases;
    const keys = [idKey, ...(aliases === meta.aliases ? aliasKeys : aliases.map(canonical))];
    let severity: SeverityOrOff | undefined = ruleOverride;
    if (severity === undefined) {
      for (const key of keys) {
        const found = overrides.get(key);
        if (found !== undefined) {
          severity = found;
          break;
        }
      }
    }
    if (severity === undefined && meta.defaultEnabled === false) {
      continue;
    }
    if (severity === 'off') {
      continue;
    }
    const instruction = report.instruction ?? instructionAt(model, report.range.start.line);
    if (!suppressions.empty && suppressions.suppressed(keys, aliases.some(isBuildKitId), instruction?.index)) {
      continue;
    }
    out.push({
      ruleId: meta.id,
      aliases,
      category: meta.category,
      severity: (severity ?? report.severity ?? meta.defaultSeverity),
      message: report.message,
      range: report.range,
      fixes: report.fixes ?? [],
    });
  }
}

function instructionAt(model: DockerfileModel, line: number): Instruction | undefined {
  let lo = 0;
  let hi = model.instructions.length - 1;
  let found: Instruction | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const candidate = model.instructions[mid];
    if (!candidate) {
      break;
    }
    if (candidate.startLine <= line) {
      found = candidate;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found && found.endLine >= line ? found : undefined;
}
