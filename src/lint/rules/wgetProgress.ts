// wget-progress: wget's default progress bar writes thousands of lines into the build log;
// --progress=dot:giga (or a quiet option) keeps the log readable.
import type { Rule } from '../rule';
import { programUses } from './programUses';
import { fix } from './util';

export const rule: Rule = {
  meta: {
    id: 'wget-progress',
    title: 'wget without --progress',
    category: 'style',
    defaultSeverity: 'info',
    aliases: ['DL3047'],
    summary: 'wget\'s default progress bar floods build logs.',
  },
  check(context): void {
    for (const { instruction, script, command, program } of programUses(context.model.instructions)) {
      const word = command.words[program.index];
      if (program.name !== 'wget' || !word) {
        continue;
      }
      const quiet = program.args.some((arg) => /^(?:--progress(?:=.*)?|-q|--quiet|-nv|--no-verbose|-o|--output-file(?:=.*)?|-a|--append-output(?:=.*)?|-[A-Za-z]*q[A-Za-z]*)$/.test(arg.value));
      if (quiet) {
        continue;
      }
      context.report({
        instruction,
        range: script.text.range(word.start, word.end),
        message: 'wget prints a progress bar that fills the build log with thousands of lines. Add --progress=dot:giga (or -q).',
        fixes: [fix('Add --progress=dot:giga', [{ range: script.text.range(word.end, word.end), newText: ' --progress=dot:giga' }], { isPreferred: true })],
      });
    }
  },
};
