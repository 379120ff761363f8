// --format sarif: SARIF 2.1.0 as GitHub code scanning reads it. Results are streamed; the run's
// `tool` (the rules, each with its help page) and `invocations` are written after them, which JSON
// allows since object members have no order. Paths inside the working folder are relative to
// %SRCROOT% (the repository root when run from it, as CI does); others are absolute file URIs.
import { createHash } from 'node:crypto';
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding, RuleMeta, Severity } from '../../lint/types';
import { oneBased, type FileReport, type Reporter, type RunSummary } from './reporter';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** Our own fingerprint key: GitHub keeps its `primaryLocationLineHash` for itself. */
export const FINGERPRINT_KEY = 'ecrLintFindingHash/v1';

export interface SarifOptions {
  readonly rules: readonly RuleMeta[];
  readonly version: string;
  /** The Markdown of a rule's page (docs/rules/<id>.md), when the build embedded it. */
  readonly ruleDoc: (id: string) => string | undefined;
  /** Absolute working folder that relative display paths are relative to. */
  readonly cwd: string;
}

const LEVEL: Readonly<Record<Severity, Sarif.ReportingConfiguration.level>> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  style: 'note',
};

/** GitHub ranks security alerts by this 0-10 score: >= 7 high, >= 4 medium, else low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { error: '8.0', warning: '5.5', info: '3.0', style: '1.0' };

export function createSarifReporter(options: SarifOptions): Reporter {
  // Known rules first, in their order; a rule id the list lacks (never expected) is appended.
  const rules: RuleMeta[] = [...options.rules];
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const indexOf = (finding: Finding): number => {
    let index = ruleIndex.get(finding.ruleId);
    if (index === undefined) {
      index = rules.length;
      rules.push({
        id: finding.ruleId,
        title: finding.ruleId,
        category: finding.category,
        defaultSeverity: finding.severity,
        aliases: finding.aliases,
      });
      ruleIndex.set(finding.ruleId, index);
    }
    return index;
  };
  let first = true;

  return {
    begin: () =>
      `{\n"$schema": ${JSON.stringify(SARIF_SCHEMA)},\n"version": "2.1.0",\n"runs": [{\n` +
      `"originalUriBaseIds": ${JSON.stringify(originalUriBaseIds(options.cwd))},\n` +
      `"columnKind": "utf16CodeUnits",\n"results": [`,
    file(report: FileReport): string {
      const lines = report.text.split(/\r?\n/);
      const occurrences = new Map<string, number>();
      let out = '';
      for (const finding of report.findings) {
        const lineText = (lines[finding.range.start.line] ?? '').trim();
        const key = `${finding.ruleId}\u0000${lineText}`;
        const occurrence = (occurrences.get(key) ?? 0) + 1;
        occurrences.set(key, occurrence);
        const result: Sarif.Result = {
          ruleId: finding.ruleId,
          ruleIndex: indexOf(finding),
          level: LEVEL[finding.severity],
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(report.displayPath),
                region: { ...regionOf(finding), snippet: { text: lines[finding.range.start.line] ?? '' } },
              },
            },
          ],
          // Stable when lines move: the rule, the file, the trimmed line and which repeat it is.
          partialFingerprints: {
            [FINGERPRINT_KEY]: createHash('sha256')
              .update(`${finding.ruleId}\u0000${report.displayPath}\u0000${lineText}\u0000${occurrence}`)
              .digest('hex'),
          },
          properties: { aliases: [...finding.aliases], category: finding.category },
        };
        out += `${first ? '\n' : ',\n'}${JSON.stringify(result)}`;
        first = false;
      }
      return out;
    },
    end(summary: RunSummary): string {
      const tool: Sarif.Tool = {
        driver: {
          name: 'ecr-lint',
          fullName: 'ECR Explorer Dockerfile linter',
          semanticVersion: options.version,
          version: options.version,
          rules: rules.map((rule) => ruleDescriptor(rule, options.ruleDoc(rule.id))),
        },
      };
      const invocation: Sarif.Invocation = {
        executionSuccessful: !summary.problems.some((problem) => problem.fatal),
        toolExecutionNotifications: summary.problems.map((problem) => ({
          level: problem.fatal ? 'error' : 'note',
          message: { text: `${problem.displayPath}: ${problem.message}` },
        })),
      };
      return `\n],\n"tool": ${JSON.stringify(tool)},\n"invocations": [${JSON.stringify(invocation)}]\n}]\n}\n`;
    },
  };
}

function originalUriBaseIds(cwd: string): Record<string, Sarif.ArtifactLocation> {
  const href = pathToFileURL(cwd).href;
  return { [SRCROOT]: { uri: href.endsWith('/') ? href : `${href}/` } };
}

export function artifactLocation(displayPath: string): Sarif.ArtifactLocation {
  if (displayPath === '-') {
    return { uri: 'stdin' };
  }
  if (isAbsolute(displayPath)) {
    return { uri: pathToFileURL(displayPath).href };
  }
  const uri = displayPath.split(sep).map(encodeURIComponent).join('/');
  return { uri, uriBaseId: SRCROOT };
}

function regionOf(finding: Finding): Sarif.Region {
  const { line, column, endLine, endColumn } = oneBased(finding);
  // A region never ends before it starts (SARIF rejects it); a reversed range collapses to its start.
  const ordered = endLine > line || (endLine === line && endColumn >= column);
  return ordered
    ? { startLine: line, startColumn: column, endLine, endColumn }
    : { startLine: line, startColumn: column, endLine: line, endColumn: column };
}

function ruleDescriptor(rule: RuleMeta, doc: string | undefined): Sarif.ReportingDescriptor {
  const aliases = rule.aliases.length > 0 ? `Also known as ${rule.aliases.join(', ')}.` : '';
  const help = doc ?? [rule.title, rule.summary, aliases].filter((part) => part).join('\n\n');
  const tags = rule.category === 'security' ? ['security'] : [rule.category];
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    // The rule's one-line summary reads best; a page's first paragraph when a rule lacks one.
    fullDescription: { text: rule.summary ?? firstParagraph(doc) ?? rule.title },
    help: { text: help, markdown: help },
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: {
      tags,
      aliases: [...rule.aliases],
      ...(rule.category === 'security' ? { 'security-severity': SECURITY_SEVERITY[rule.defaultSeverity] } : {}),
    },
  };
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** The first paragraph of prose in a rule page (not a heading, list, table or code). */
function firstParagraph(doc: string | undefined): string | undefined {
  if (!doc) {
    return undefined;
  }
  const paragraphs = doc.split(/\r?\n\s*\r?\n/).map((block) => block.trim());
  const prose = paragraphs.find((block) => block !== '' && !/^(#|```|\||[-*] |>|<)/.test(block));
  return prose?.replace(/\s*\r?\n\s*/g, ' ');
}
