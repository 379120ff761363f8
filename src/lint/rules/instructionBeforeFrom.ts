// instruction-before-from: only ARG, comments and parser directives may precede the first FROM;
// anything else fails the build.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'instruction-before-from',
    title: 'Instruction before FROM',
    category: 'correctness',
    defaultSeverity: 'error',
    aliases: ['DL3061'],
    summary: 'A Dockerfile must start with FROM (ARG and comments may precede it).',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if (instruction.keyword === 'FROM') {
        return;
      }
      if (instruction.keyword !== 'ARG') {
        context.report({
          instruction,
          range: instruction.keywordRange,
          message: `${instruction.keywordText} comes before the first FROM. Only ARG (and comments and parser directives) may precede FROM; the build fails. Move it after FROM.`,
        });
      }
    }
  },
};
