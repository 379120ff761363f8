// copy-dest-slash: with several sources the destination must be a directory ending in `/`,
// otherwise the build fails.
import type { Rule } from '../rule';
import { fix } from './util';

export const rule: Rule = {
  meta: {
    id: 'copy-dest-slash',
    title: 'Several sources copied to a destination without /',
    category: 'correctness',
    defaultSeverity: 'error',
    aliases: ['DL3021', 'AVD-DS-0011'],
    summary: 'COPY/ADD with more than one source needs a destination ending in /.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.heredocs.length > 0 || instruction.looksLikeJson()) {
        continue;
      }
      const operands = instruction.operands();
      const dest = operands[operands.length - 1];
      if (operands.length <= 2 || !dest || dest.value.endsWith('/') || dest.value.includes('$')) {
        continue;
      }
      context.report({
        instruction,
        range: instruction.rangeOf(dest.start, dest.end),
        message: `${instruction.keyword} has ${operands.length - 1} sources, so its destination "${dest.value}" must be a directory written with a trailing slash; otherwise the build fails. Write "${dest.value}/".`,
        fixes: [fix(`Change the destination to ${dest.value}/`, [{ range: instruction.rangeOf(dest.end, dest.end), newText: '/' }], { isPreferred: true })],
      });
    }
  },
};
