// shell-via-ln: linking another shell over /bin/sh changes the shell of every program in the
// image, not just of RUN; the SHELL instruction is the way to change the build's shell.
import type { Rule } from '../rule';
import { programUses } from './programUses';

export const rule: Rule = {
  meta: {
    id: 'shell-via-ln',
    title: 'Default shell replaced with ln',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['DL4005'],
    summary: 'Use SHELL to change the shell, not ln -s … /bin/sh.',
  },
  check(context): void {
    for (const { instruction, script, command, program } of programUses(context.model.instructions)) {
      const last = command.words[command.words.length - 1];
      const word = command.words[program.index];
      if (program.name === 'ln' && last && word && /^\/bin\/sh$/.test(last.value)) {
        context.report({
          instruction,
          range: script.text.range(word.start, last.end),
          message: 'Linking another shell over /bin/sh changes it for every program in the image, not just for RUN. Use the SHELL instruction, e.g. SHELL ["/bin/bash", "-c"].',
        });
      }
    }
  },
};
