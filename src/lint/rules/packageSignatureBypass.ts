// package-signature-bypass: package managers verify signatures so a mirror or a network attacker
// cannot slip in a modified package; these flags switch that off.
import { programOf } from '../../dockerfile/shell';
import type { Rule } from '../rule';
import { fix, removeWord, runInstructions } from './util';

interface Bypass {
  readonly programs: RegExp;
  readonly flag: RegExp;
  readonly alias?: string;
}

const BYPASSES: readonly Bypass[] = [
  { programs: /^apk$/, flag: /^--allow-untrusted$/, alias: 'CKV2_DOCKER_7' },
  { programs: /^(?:apt-get|apt|aptitude)$/, flag: /^--allow-unauthenticated$/, alias: 'CKV2_DOCKER_8' },
  { programs: /^(?:apt-get|apt|aptitude)$/, flag: /^--force-yes$/, alias: 'CKV2_DOCKER_11' },
  { programs: /^(?:apt-get|apt)$/, flag: /^--allow-insecure-repositories$|^Acquire::AllowInsecureRepositories=(?:true|1|yes)$|^APT::Get::AllowUnauthenticated=(?:true|1|yes)$/i },
  { programs: /^(?:yum|dnf|tdnf|microdnf|zypper)$/, flag: /^--nogpgcheck$|^--no-gpg-checks$/, alias: 'CKV2_DOCKER_9' },
  { programs: /^(?:yum|dnf|tdnf|microdnf)$/, flag: /^--setopt=(?:\S*\.)?gpgcheck=(?:0|false|no)$/i, alias: 'CKV2_DOCKER_9' },
  { programs: /^rpm$/, flag: /^--(?:nodigest|nosignature|noverify|nofiledigest)$/, alias: 'CKV2_DOCKER_10' },
];

export const rule: Rule = {
  meta: {
    id: 'package-signature-bypass',
    title: 'Package signature checks disabled',
    category: 'security',
    defaultSeverity: 'error',
    aliases: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11'],
    summary: 'apk --allow-untrusted, apt-get --allow-unauthenticated/--force-yes, --nogpgcheck, rpm --nosignature…',
  },
  check(context): void {
    for (const instruction of runInstructions(context.model)) {
      for (const { script, command } of instruction.commands()) {
        const program = programOf(command);
        for (const word of program?.args ?? []) {
          if (/\[[^\]]*trusted=yes[^\]]*\]/.test(word.value)) {
            context.report({
              instruction,
              range: script.text.range(word.start, word.end),
              aliases: [],
              message:
                'An APT source marked [trusted=yes] is used without checking its signature, so a mirror or anyone on the network path can serve modified packages. ' +
                'Import the repository key and reference it with [signed-by=/usr/share/keyrings/…] instead.',
            });
          }
        }
        if (!program) {
          continue;
        }
        for (const bypass of BYPASSES) {
          if (!bypass.programs.test(program.name)) {
            continue;
          }
          for (const word of program.args) {
            if (!bypass.flag.test(word.value)) {
              continue;
            }
            context.report({
              instruction,
              range: script.text.range(word.start, word.end),
              aliases: bypass.alias ? [bypass.alias] : [],
              message:
                `${program.name} ${word.value} installs packages without verifying their signatures, so a compromised mirror or anyone on the network path ` +
                'can slip in a modified package. Remove it and import the repository\'s signing key instead.',
              fixes: word.value.startsWith('-') ? [fix(`Remove ${word.value}`, [removeWord(script, word)], { isPreferred: true })] : [],
            });
          }
        }
      }
    }
  },
};
