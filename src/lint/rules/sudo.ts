// sudo: builds already run as root until USER changes it; sudo in an image only adds a setuid
// binary and a TTY/signal-handling layer, and it invites images that keep sudo for later use.
import { programOf } from '../../dockerfile/shell';
import type { Rule } from '../rule';
import { fix, runInstructions } from './util';

export const rule: Rule = {
  meta: {
    id: 'sudo',
    title: 'sudo in RUN',
    category: 'security',
    defaultSeverity: 'error',
    aliases: ['DL3004', 'AVD-DS-0010', 'CKV2_DOCKER_1'],
    summary: 'Do not use sudo in RUN instructions.',
  },
  check(context): void {
    for (const instruction of runInstructions(context.model)) {
      for (const { script, command } of instruction.commands()) {
        const program = programOf(command);
        const sudo = program?.sudo;
        if (!sudo) {
          continue;
        }
        const next = command.words[sudo.end];
        const fixes = next ? [fix('Remove sudo', [{ range: script.text.range(sudo.word.start, next.start), newText: '' }], { isPreferred: true })] : [];
        context.report({
          instruction,
          range: script.text.range(sudo.word.start, sudo.word.end),
          message:
            'sudo is not needed at build time: RUN executes as root until a USER instruction changes that. Shipping sudo adds a setuid binary an attacker ' +
            'can use to regain root in the running container, and it has unpredictable TTY and signal behaviour. Drop sudo; run the steps that need root ' +
            'before switching USER (or switch back to root around them).',
          fixes,
        });
      }
    }
  },
};
