// copy-entire-filesystem: COPY --from=<stage> / / copies the other stage's whole file system,
// package databases and caches included, which defeats the multi-stage build.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'copy-entire-filesystem',
    title: 'COPY --from of the whole file system',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['DL3067'],
    summary: 'COPY --from=<stage> / / copies everything, including /proc-like and package state.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if (instruction.keyword !== 'COPY' || !instruction.flag('from')) {
        continue;
      }
      const words = instruction.operands();
      const operands = words.map((word) => word.value);
      const first = words[0];
      const last = words[1];
      if (first && last && operands.length === 2 && operands[0] === '/' && (operands[1] === '/' || operands[1] === '/.')) {
        context.report({
          instruction,
          range: instruction.rangeOf(first.start, last.end),
          message: 'COPY --from=… / / copies the whole file system of the other stage, package databases and caches included, which defeats the multi-stage build. Copy only the directories you need.',
        });
      }
    }
  },
};
