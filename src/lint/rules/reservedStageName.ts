// reserved-stage-name: scratch (the empty image) and context (the build context) are reserved, so
// a stage with either name cannot be referenced reliably.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'reserved-stage-name',
    title: 'Reserved stage name',
    category: 'correctness',
    defaultSeverity: 'error',
    aliases: ['DL3063', 'ReservedStageName'],
    summary: 'A stage cannot be called scratch or context.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      const alias = stage.alias;
      if (alias && /^(?:scratch|context)$/i.test(alias.value)) {
        context.report({
          instruction: stage.from,
          range: stage.from.rangeOf(alias.start, alias.end),
          message: `"${alias.value}" is a reserved name (the empty image / the build context), so a stage with that name cannot be referenced reliably. Rename the stage.`,
        });
      }
    }
  },
};
