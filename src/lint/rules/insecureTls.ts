// insecure-tls: switching off certificate checks (curl -k, wget --no-check-certificate, pip
// --trusted-host, NODE_TLS_REJECT_UNAUTHORIZED=0, strict-ssl false, sslverify=0…) lets anyone on
// the network path substitute what the build downloads.
import type { Instruction, Script } from '../../dockerfile/dockerfile';
import { programOf, type ShellWord } from '../../dockerfile/shell';
import type { Rule, RuleContext } from '../rule';
import type { Fix } from '../types';
import { fix, removeWord, runInstructions } from './util';

interface EnvCheck {
  readonly name: RegExp;
  readonly insecure: (value: string) => boolean;
  readonly alias: string;
}

const ENV_CHECKS: readonly EnvCheck[] = [
  { name: /^PYTHONHTTPSVERIFY$/i, insecure: (v) => v === '0', alias: 'CKV2_DOCKER_5' },
  { name: /^NODE_TLS_REJECT_UNAUTHORIZED$/i, insecure: (v) => v === '0', alias: 'CKV2_DOCKER_6' },
  { name: /^NPM_CONFIG_STRICT_SSL$/i, insecure: (v) => /^(?:false|0|no)$/i.test(v), alias: 'CKV2_DOCKER_12' },
  { name: /^GIT_SSL_NO_VERIFY$/i, insecure: (v) => v !== '' && !/^(?:false|0|no)$/i.test(v), alias: 'CKV2_DOCKER_14' },
  { name: /^PIP_TRUSTED_HOST$/i, insecure: (v) => v !== '', alias: 'CKV2_DOCKER_16' },
];

const MESSAGE_TAIL =
  'Without certificate checks anyone on the network path (a proxy, a compromised mirror, a hostile Wi-Fi) can hand the build a modified file. ' +
  'Keep verification on and, behind a TLS-inspecting proxy, add its CA certificate to the image instead.';

function envFinding(context: RuleContext, instruction: Instruction, name: string, value: string, range: Instruction['argsRange']): void {
  for (const check of ENV_CHECKS) {
    if (check.name.test(name) && check.insecure(value)) {
      context.report({ instruction, range, aliases: [check.alias], message: `${name}=${value} turns off TLS certificate verification. ${MESSAGE_TAIL}` });
    }
  }
}

function dropFlag(script: Script, word: ShellWord, letter?: string): Fix {
  if (letter) {
    // Remove one letter from a short-option cluster such as -fsSLk.
    const index = word.value.indexOf(letter, 1);
    const start = word.start + index;
    return fix(`Remove -${letter}`, [{ range: script.text.range(start, start + 1), newText: '' }], { isPreferred: true });
  }
  return fix(`Remove ${word.value}`, [removeWord(script, word)], { isPreferred: true });
}

export const rule: Rule = {
  meta: {
    id: 'insecure-tls',
    title: 'TLS certificate verification disabled',
    category: 'security',
    defaultSeverity: 'error',
    aliases: ['CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_12', 'CKV2_DOCKER_13', 'CKV2_DOCKER_14', 'CKV2_DOCKER_15', 'CKV2_DOCKER_16'],
    summary: 'curl -k, wget --no-check-certificate, pip --trusted-host, NODE_TLS_REJECT_UNAUTHORIZED=0 and the like.',
  },
  check(context): void {
    const model = context.model;
    for (const instruction of model.instructions) {
      if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') {
        for (const pair of instruction.keyValues(instruction.keyword === 'ENV')) {
          envFinding(context, instruction, pair.key, pair.value ?? '', instruction.rangeOf(pair.keyStart, pair.valueEnd));
        }
      }
    }
    for (const instruction of runInstructions(model)) {
      for (const { script, command } of instruction.commands()) {
        for (const word of command.words) {
          const eq = word.value.indexOf('=');
          if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(word.value.slice(0, eq))) {
            envFinding(context, instruction, word.value.slice(0, eq), word.value.slice(eq + 1), script.text.range(word.start, word.end));
          }
        }
        const program = programOf(command);
        if (!program) {
          continue;
        }
        const args = program.args;
        const report = (word: ShellWord, alias: string | undefined, what: string, fixes: Fix[] = []): void =>
          context.report({ instruction, range: script.text.range(word.start, word.end), aliases: alias ? [alias] : [], message: `${what} ${MESSAGE_TAIL}`, fixes });
        switch (program.name) {
          case 'curl':
            for (const word of args) {
              if (word.value === '-k' || word.value === '--insecure') {
                report(word, 'CKV2_DOCKER_2', `curl ${word.value} accepts any TLS certificate.`, [dropFlag(script, word)]);
              } else if (/^-[A-Za-z]+$/.test(word.value) && word.value.includes('k') && !word.quoted) {
                report(word, 'CKV2_DOCKER_2', `curl ${word.value} includes -k, which accepts any TLS certificate.`, [dropFlag(script, word, 'k')]);
              } else if (word.value === '--proxy-insecure') {
                report(word, 'CKV2_DOCKER_2', 'curl --proxy-insecure accepts any proxy certificate.', [dropFlag(script, word)]);
              }
            }
            break;
          case 'wget':
            for (const word of args) {
              if (word.value === '--no-check-certificate') {
                report(word, 'CKV2_DOCKER_3', 'wget --no-check-certificate accepts any TLS certificate.', [dropFlag(script, word)]);
              }
            }
            break;
          case 'git':
            for (let i = 0; i < args.length; i++) {
              const word = args[i];
              const next = args[i + 1];
              if (word && /^http\.sslverify=(?:false|0|no)$/i.test(word.value)) {
                report(word, undefined, `git ${word.value} turns off certificate checks.`);
              } else if (word && next && /^http\.sslverify$/i.test(word.value) && /^(?:false|0|no)$/i.test(next.value)) {
                report(word, undefined, 'git config http.sslVerify false turns off certificate checks.');
              }
            }
            break;
          case 'npm':
          case 'yarn':
          case 'pnpm':
            for (let i = 0; i < args.length; i++) {
              const word = args[i];
              const value = args[i + 1];
              if (word && /^--strict-ssl=(?:false|0)$/i.test(word.value)) {
                report(word, 'CKV2_DOCKER_13', `${program.name} ${word.value} turns off certificate checks.`);
              } else if (word && value && /^strict-ssl$/i.test(word.value) && /^(?:false|0)$/i.test(value.value)) {
                report(word, 'CKV2_DOCKER_13', `${program.name} config set strict-ssl false turns off certificate checks.`);
              }
            }
            break;
          case 'yum':
          case 'dnf':
          case 'yum-config-manager':
          case 'dnf-config-manager':
          case 'tdnf':
          case 'microdnf':
            for (const word of args) {
              if (/sslverify=(?:0|false|no)$/i.test(word.value)) {
                report(word, 'CKV2_DOCKER_15', `${word.value} turns off certificate checks for the repository.`);
              }
            }
            break;
          default:
            break;
        }
        if (/^pip[\d.]*$/.test(program.name) || (/^python/.test(program.name) && args.some((word) => word.value === 'pip'))) {
          for (let i = 0; i < args.length; i++) {
            const word = args[i];
            if (word && (word.value === '--trusted-host' || word.value.startsWith('--trusted-host='))) {
              const value = word.value.includes('=') ? undefined : args[i + 1];
              const edits = [removeWord(script, word), ...(value ? [removeWord(script, value)] : [])];
              report(word, 'CKV2_DOCKER_4', 'pip --trusted-host lets pip accept that host over plain HTTP or with any certificate.', [
                fix('Remove --trusted-host', edits, { isPreferred: true }),
              ]);
            }
          }
        }
      }
    }
  },
};
