// consecutive-run: each RUN makes a layer; merging consecutive ones keeps the image smaller and
// lets cleanup in the same layer take effect.
import type { Instruction } from '../../dockerfile/dockerfile';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'consecutive-run',
    title: 'Consecutive RUN instructions',
    category: 'performance',
    defaultSeverity: 'info',
    aliases: ['DL3059'],
    summary: 'Merge consecutive RUN instructions to save layers.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      let previous: Instruction | undefined;
      for (const instruction of stage.instructions) {
        const flags = (candidate: Instruction): string => candidate.flags().map((flag) => candidate.logical.text.slice(flag.start, flag.end)).join(' ');
        if (instruction.keyword === 'RUN' && previous?.keyword === 'RUN' && flags(previous) === flags(instruction) && instruction.heredocs.length === 0 && previous.heredocs.length === 0) {
          context.report({
            instruction,
            range: instruction.keywordRange,
            message: 'This RUN directly follows another one. Each RUN makes a layer; merging them with && keeps the image smaller and lets cleanup in the same layer take effect.',
          });
        }
        previous = instruction;
      }
    }
  },
};
