// avoid-apt: apt's command-line interface is meant for people and warns that it is not stable for
// scripts; apt-get (and apt-cache) are the scriptable equivalents.
import { programOf } from '../../dockerfile/shell';
import type { Rule } from '../rule';
import { fix, runInstructions } from './util';

export const rule: Rule = {
  meta: {
    id: 'avoid-apt',
    title: 'apt used in a script',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['DL3027', 'CKV_DOCKER_9'],
    summary: 'Use apt-get or apt-cache instead of apt.',
  },
  check(context): void {
    for (const instruction of runInstructions(context.model)) {
      for (const { script, command } of instruction.commands()) {
        const program = programOf(command);
        const word = program ? command.words[program.index] : undefined;
        if (!program || program.name !== 'apt' || !word) {
          continue;
        }
        const sub = program.args.find((arg) => !arg.value.startsWith('-'))?.value ?? '';
        const replacement = ['search', 'show', 'policy', 'depends', 'rdepends'].includes(sub) ? 'apt-cache' : 'apt-get';
        const start = word.value.endsWith('apt') ? word.end - 3 : word.start;
        context.report({
          instruction,
          range: script.text.range(word.start, word.end),
          message: `apt is an interactive front end whose output and behaviour may change ("WARNING: apt does not have a stable CLI interface"). Use ${replacement} in Dockerfiles.`,
          fixes: [fix(`Replace apt with ${replacement}`, [{ range: script.text.range(start, word.end), newText: replacement }], { isPreferred: true })],
        });
      }
    }
  },
};
