// hardcoded-credential: a key or token written into the Dockerfile itself (any instruction,
// heredoc bodies included) is in the image layers or metadata, in the repository history and in
// every build log. Patterns are the well-known, low-false-positive formats.
import type { Instruction } from '../../dockerfile/dockerfile';
import type { MappedText } from '../../dockerfile/mapped';
import { programOf } from '../../dockerfile/shell';
import type { Rule, RuleContext } from '../rule';

interface Pattern {
  readonly what: string;
  readonly regex: RegExp;
  /** Capture group holding the secret (0 = whole match). */
  readonly group: number;
}

const PATTERNS: readonly Pattern[] = [
  { what: 'an AWS access key id', regex: /\b((?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16})\b/g, group: 1 },
  { what: 'an AWS secret access key', regex: /aws_secret_access_key["']?\s*(?:[=:]|\s)\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi, group: 1 },
  { what: 'a private key', regex: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g, group: 0 },
  { what: 'a GitHub token', regex: /\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g, group: 1 },
  { what: 'an npm token', regex: /\b(npm_[A-Za-z0-9]{36})\b/g, group: 1 },
  { what: 'an npm auth token', regex: /:_authToken=([^\s"'$][^\s"']{7,})/g, group: 1 },
  { what: 'a Slack token', regex: /\b(xox[baprs]-[A-Za-z0-9-]{10,})\b/g, group: 1 },
  { what: 'a Stripe secret key', regex: /\b((?:sk|rk)_live_[A-Za-z0-9]{20,})\b/g, group: 1 },
  { what: 'a Google API key', regex: /\b(AIza[0-9A-Za-z_-]{35})\b/g, group: 1 },
  { what: 'a password in a URL', regex: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/"'$]+:([^\s@/"'$]{3,})@/g, group: 1 },
];

function mask(secret: string): string {
  return secret.length <= 8 ? '…' : `${secret.slice(0, 4)}…`;
}

function scanText(context: RuleContext, instruction: Instruction, text: MappedText, from: number): void {
  const value = text.text;
  // Several patterns can match one secret (a token inside a URL): report each span once.
  const reported: Array<[number, number]> = [];
  for (const pattern of PATTERNS) {
    pattern.regex.lastIndex = from;
    for (let match = pattern.regex.exec(value); match; match = pattern.regex.exec(value)) {
      const secret = match[pattern.group] ?? match[0];
      const start = match.index + match[0].indexOf(secret);
      const end = start + secret.length;
      if (reported.some(([from, to]) => start < to && end > from)) {
        continue;
      }
      reported.push([start, end]);
      context.report({
        instruction,
        range: text.range(start, end),
        aliases: [],
        message:
          `This ${instruction.keyword} contains ${pattern.what} (${mask(secret)}). Anything written in a Dockerfile is kept in the repository history, ` +
          'the image layers or metadata, and build logs, so the credential must be considered leaked. Revoke it, then pass it at build time with ' +
          'RUN --mount=type=secret (or at run time from a secret store) instead of writing it here.',
      });
      if (match[0].length === 0) {
        pattern.regex.lastIndex++;
      }
    }
  }
}

export const rule: Rule = {
  meta: {
    id: 'hardcoded-credential',
    title: 'Credential written in the Dockerfile',
    category: 'security',
    defaultSeverity: 'error',
    aliases: ['CKV2_DOCKER_17'],
    summary: 'AWS keys, private keys, GitHub/npm tokens or passwords written into any instruction.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      scanText(context, instruction, instruction.logical, instruction.argsStart);
      for (const heredoc of instruction.heredocs) {
        scanText(context, instruction, heredoc.body, 0);
      }
      const run = instruction.keyword === 'RUN' ? instruction : instruction.trigger()?.keyword === 'RUN' ? instruction.trigger() : undefined;
      for (const { script, command } of run?.commands() ?? []) {
        const program = programOf(command);
        const word = program ? command.words[program.index] : undefined;
        if (program?.name === 'chpasswd' && word) {
          context.report({
            instruction,
            range: script.text.range(word.start, word.end),
            aliases: ['CKV2_DOCKER_17'],
            message:
              'chpasswd sets a password while the image is built, so the password (or its hash) is in the image and in this file. ' +
              'Do not give accounts in an image a password: use key-based or external authentication, or set secrets when the container starts.',
          });
        }
      }
    }
  },
};
