// copy-from-self: COPY --from naming the stage it is in (by name or index) is an error: a stage
// cannot copy from itself, and the build fails.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'copy-from-self',
    title: 'COPY --from the stage itself',
    category: 'correctness',
    defaultSeverity: 'error',
    aliases: ['DL3023', 'AVD-DS-0006'],
    summary: 'COPY --from cannot reference its own stage.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      for (const instruction of stage.instructions) {
        const from = instruction.keyword === 'COPY' ? instruction.flag('from') : undefined;
        const value = from?.value?.toLowerCase();
        if (from && value !== undefined && ((stage.alias && stage.alias.value.toLowerCase() === value) || value === String(stage.index))) {
          context.report({
            instruction,
            range: instruction.rangeOf(from.valueStart, from.end),
            message: `COPY --from=${from.value ?? ''} refers to the stage this instruction is in; a stage cannot copy from itself and the build fails. Copy from an earlier stage.`,
          });
        }
      }
    }
  },
};
