// ecr-lint's whole run, given its surroundings (argv, folders, streams, the linter) so that it is
// testable in-process; main.ts wires the real process. One process lints every file: inputs are
// discovered, read, linted and reported one at a time, and the exit code is decided at the end.
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Finding, LintOptions, RuleMeta, Severity } from '../lint/types';
import { HELP, parseCliArguments, USAGE, UsageError, type CliCommand, type OutputFormat } from './args';
import { discoverDockerfiles } from './discover';
import { createJsonReporter } from './formatters/json';
import type { InputProblem, Reporter } from './formatters/reporter';
import { createSarifReporter } from './formatters/sarif';
import { createTextReporter } from './formatters/text';
import { describeFsError } from './fsErrors';
import type { OutputSink } from './output';
import { DEFAULT_FAILURE_THRESHOLD, reachesThreshold, type FailureThreshold } from './threshold';

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** Bigger than any real Dockerfile; a file this size is something else (an archive, a log). */
const MAX_BYTES = 4 * 1024 * 1024;

/** The parts of the linter core the CLI uses (src/lint), passed in rather than imported. */
export interface LinterCore {
  lint(text: string, options?: LintOptions): Finding[];
  ruleMetas(): readonly RuleMeta[];
  parseHadolintConfig(
    text: string,
    source: string,
  ): { options: LintOptions; failureThreshold?: Severity | 'none'; problems: string[] };
  findHadolintConfig(cwd: string, env: NodeJS.ProcessEnv, home: string): string | undefined;
}

export interface CliContext {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
  readonly stdout: OutputSink;
  readonly stderr: (text: string) => void;
  readonly stdoutIsTerminal: boolean;
  readonly readStdin: () => Promise<string>;
  readonly version: string;
  readonly ruleDoc: (id: string) => string | undefined;
  readonly core: LinterCore;
}

export async function runCli(context: CliContext): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArguments(context.argv);
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr(`ecr-lint: ${error.message}\n${USAGE}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  if (command.kind === 'help') {
    await context.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  if (command.kind === 'version') {
    await context.stdout.write(`ecr-lint ${context.version}\n`);
    return EXIT.ok;
  }

  const config = await loadConfig(context, command.configFile);
  if (config.kind === 'unreadable') {
    context.stderr(`ecr-lint: ${config.message}\n`);
    return EXIT.usage;
  }
  const threshold: FailureThreshold = command.failureThreshold ?? config.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
  return lintInputs(context, command.inputs, command.format, config.options, threshold);
}

type LoadedConfig =
  | { kind: 'loaded'; options: LintOptions; failureThreshold?: FailureThreshold }
  | { kind: 'unreadable'; message: string };

/** --config FILE, or the file hadolint would use; its problems are warnings, an unreadable one is fatal. */
async function loadConfig(context: CliContext, explicit: string | undefined): Promise<LoadedConfig> {
  let path: string | undefined;
  try {
    path = explicit === undefined ? context.core.findHadolintConfig(context.cwd, context.env, context.home) : resolve(context.cwd, explicit);
  } catch (error) {
    return { kind: 'unreadable', message: `could not look for a .hadolint.yaml: ${describeFsError(error)}` };
  }
  if (path === undefined) {
    return { kind: 'loaded', options: {} };
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { kind: 'unreadable', message: `cannot read the config file ${displayPath(context.cwd, path)}: ${describeFsError(error)}` };
  }
  const parsed = context.core.parseHadolintConfig(text, displayPath(context.cwd, path));
  for (const problem of parsed.problems) {
    context.stderr(`ecr-lint: warning: ${problem}\n`);
  }
  return {
    kind: 'loaded',
    options: parsed.options,
    ...(parsed.failureThreshold === undefined ? {} : { failureThreshold: parsed.failureThreshold }),
  };
}

async function lintInputs(
  context: CliContext,
  inputs: readonly string[],
  format: OutputFormat,
  options: LintOptions,
  threshold: FailureThreshold,
): Promise<number> {
  const reporter = createReporter(context, format);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, style: 0 };
  const problems: InputProblem[] = [];
  let filesLinted = 0;
  let filesWithFindings = 0;
  let failed = false;
  const note = (problem: InputProblem): void => {
    problems.push(problem);
    context.stderr(`ecr-lint: ${problem.fatal ? '' : 'note: '}${problem.displayPath}: ${problem.message}\n`);
  };

  await context.stdout.write(reporter.begin());
  for await (const item of discoverDockerfiles(inputs, context.cwd)) {
    if (context.stdout.closed) {
      break;
    }
    if (item.kind === 'problem') {
      note({ displayPath: displayPath(context.cwd, item.path), message: item.message, fatal: true });
      continue;
    }
    if (item.kind === 'empty-folder') {
      note({ displayPath: displayPath(context.cwd, item.path), message: 'no Dockerfile in this folder', fatal: false });
      continue;
    }
    const shown = item.kind === 'stdin' ? '-' : displayPath(context.cwd, item.path);
    const read = item.kind === 'stdin' ? await readStdin(context) : await readDockerfile(item.path);
    if (read.kind === 'problem') {
      // A file found while searching that is not text is skipped; one the user named is an error.
      note({ displayPath: shown, message: read.message, fatal: item.kind !== 'file' || item.explicit || !read.skippable });
      continue;
    }
    let findings: Finding[];
    try {
      findings = sortFindings(context.core.lint(read.text, options));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      note({ displayPath: shown, message: `internal error while linting (please report it): ${reason}`, fatal: true });
      continue;
    }
    filesLinted++;
    filesWithFindings += findings.length > 0 ? 1 : 0;
    for (const finding of findings) {
      counts[finding.severity]++;
      failed ||= reachesThreshold(finding.severity, threshold);
    }
    await context.stdout.write(reporter.file({ displayPath: shown, text: read.text, findings }));
  }
  if (filesLinted === 0 && !problems.some((problem) => problem.fatal)) {
    note({ displayPath: inputs.join(' '), message: 'no Dockerfile found to lint', fatal: true });
  }
  await context.stdout.write(reporter.end({ filesLinted, filesWithFindings, counts, problems }));
  if (context.stdout.failure) {
    context.stderr(`ecr-lint: cannot write the output: ${context.stdout.failure}\n`);
    return EXIT.usage;
  }
  if (problems.some((problem) => problem.fatal)) {
    return EXIT.usage;
  }
  return failed ? EXIT.findings : EXIT.ok;
}

function createReporter(context: CliContext, format: OutputFormat): Reporter {
  switch (format) {
    case 'json':
      return createJsonReporter();
    case 'sarif':
      return createSarifReporter({
        rules: context.core.ruleMetas(),
        version: context.version,
        ruleDoc: context.ruleDoc,
        cwd: context.cwd,
      });
    case 'text':
      return createTextReporter({ colours: context.stdoutIsTerminal && !context.env.NO_COLOR });
  }
}

type Read = { kind: 'text'; text: string } | { kind: 'problem'; message: string; skippable: boolean };

async function readDockerfile(path: string): Promise<Read> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { kind: 'problem', message: `cannot read it: ${describeFsError(error)}`, skippable: false };
  }
  return decode(bytes);
}

async function readStdin(context: CliContext): Promise<Read> {
  try {
    return decode(Buffer.from(await context.readStdin(), 'utf8'));
  } catch (error) {
    return { kind: 'problem', message: `cannot read standard input: ${describeFsError(error)}`, skippable: false };
  }
}

function decode(bytes: Buffer): Read {
  if (bytes.length > MAX_BYTES) {
    return { kind: 'problem', message: `is ${(bytes.length / 1024 / 1024).toFixed(1)} MiB, too large for a Dockerfile; skipped`, skippable: true };
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    return { kind: 'problem', message: 'is a binary file, not a Dockerfile; skipped', skippable: true };
  }
  // Editors hide a byte-order mark; dropping it keeps columns on line 1 the ones the user sees.
  const text = bytes.toString('utf8');
  return { kind: 'text', text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

/** Relative to the working folder when inside it (short, and what SARIF wants), else absolute. */
export function displayPath(cwd: string, path: string): string {
  const fromCwd = relative(cwd, path);
  return fromCwd === '' ? '.' : fromCwd.startsWith('..') || isAbsolute(fromCwd) ? path : fromCwd;
}
