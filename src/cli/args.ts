// Command-line arguments of ecr-lint. Node's own parseArgs does the tokenising; this module turns
// its terse errors into messages that say what to type instead, and checks the values.
import { parseArgs } from 'node:util';
import { FAILURE_THRESHOLDS, type FailureThreshold } from './threshold';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'lint';
      readonly format: OutputFormat;
      /** An explicit --config; otherwise the config is discovered the way hadolint does. */
      readonly configFile?: string;
      /** An explicit --failure-threshold; otherwise the config's, otherwise the default. */
      readonly failureThreshold?: FailureThreshold;
      /** Files and folders as given; `-` is standard input. */
      readonly inputs: readonly string[];
    };

/** A mistake in how the command was called (exit code 2); the message is shown with the usage line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE =
  'Usage: ecr-lint [--format text|json|sarif] [--config FILE] ' +
  '[--failure-threshold error|warning|info|style|none] <files or folders...>';

export const HELP = `${USAGE}

Lints Dockerfiles for security and correctness problems. Folders are searched recursively
(node_modules and .git are skipped) for Dockerfile, Containerfile, *.Dockerfile and Dockerfile.*.
Use - to read one Dockerfile from standard input.

Options:
  -f, --format FORMAT             text (default), json or sarif (SARIF 2.1.0, for code scanning)
  -c, --config FILE               a hadolint-style .hadolint.yaml; by default the one hadolint
                                  would find (./.hadolint.yaml or .yml, then the user's config)
  -t, --failure-threshold LEVEL   exit 1 when a finding has this severity or a higher one:
                                  error, warning, info (default), style, or none (never)
  -h, --help                      show this help
  -v, --version                   show the version

Exit codes: 0 no finding reached the threshold, 1 one did, 2 usage error or unreadable input.
Suppress a finding in the Dockerfile with "# hadolint ignore=<id>" on the line above, or
"# hadolint global ignore=<id>" for the whole file; rule ids and their aliases both work.`;

export function parseCliArguments(argv: readonly string[]): CliCommand {
  let parsed: ReturnType<typeof parseWithNode>;
  try {
    parsed = parseWithNode(argv);
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    return { kind: 'help' };
  }
  if (values.version) {
    return { kind: 'version' };
  }
  const format = oneOf('--format', values.format ?? 'text', OUTPUT_FORMATS);
  const failureThreshold =
    values['failure-threshold'] === undefined
      ? undefined
      : oneOf('--failure-threshold', values['failure-threshold'], FAILURE_THRESHOLDS);
  if (values.config !== undefined && values.config.trim() === '') {
    throw new UsageError('--config needs a file name.');
  }
  if (positionals.length === 0) {
    throw new UsageError('Give at least one Dockerfile or folder to lint (use . for the current folder).');
  }
  const empty = positionals.find((input) => input.trim() === '');
  if (empty !== undefined) {
    throw new UsageError('An empty file name was given; remove the empty argument.');
  }
  if (positionals.filter((input) => input === '-').length > 1) {
    throw new UsageError('Standard input (-) can be read only once.');
  }
  return {
    kind: 'lint',
    format,
    ...(values.config === undefined ? {} : { configFile: values.config }),
    ...(failureThreshold === undefined ? {} : { failureThreshold }),
    inputs: positionals,
  };
}

function parseWithNode(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      config: { type: 'string', short: 'c' },
      'failure-threshold': { type: 'string', short: 't' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  const match = allowed.find((candidate) => candidate === value.trim().toLowerCase());
  if (match === undefined) {
    throw new UsageError(`${option} must be one of ${allowed.join(', ')}; got "${value}".`);
  }
  return match;
}

/** Node's parseArgs errors carry a code; say the same thing shorter, with the fix. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1] ?? 'an option';
    return `Unknown option ${option}. Run ecr-lint --help for the options; put -- before a file name that starts with -.`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /--[a-z-]+/.exec(message)?.[0] ?? 'an option';
    return `${option} needs a value, e.g. ${option}${option === '--format' ? ' json' : option === '--config' ? ' .hadolint.yaml' : ' error'}.`;
  }
  return message;
}
