// cd-instead-of-workdir: `cd` in a RUN only lasts for that RUN; later instructions still run in
// the old directory, which surprises readers. WORKDIR changes it for good and documents it.
import { programOf } from '../../dockerfile/shell';
import type { Rule } from '../rule';
import { runInstructions } from './util';

export const rule: Rule = {
  meta: {
    id: 'cd-instead-of-workdir',
    title: 'cd instead of WORKDIR',
    category: 'maintainability',
    defaultSeverity: 'warning',
    aliases: ['DL3003', 'AVD-DS-0013'],
    summary: 'Use WORKDIR to change directory.',
  },
  check(context): void {
    for (const instruction of runInstructions(context.model)) {
      for (const { script, command } of instruction.commands()) {
        const program = programOf(command);
        const word = program ? command.words[program.index] : undefined;
        if (program?.name === 'cd' && word && !script.heredoc) {
          context.report({
            instruction,
            range: script.text.range(word.start, command.words[command.words.length - 1]?.end ?? word.end),
            message: 'cd only applies to the rest of this RUN; the next instruction starts again in the WORKDIR. Use WORKDIR <dir> so the directory is explicit and lasts.',
          });
        }
      }
    }
  },
};
