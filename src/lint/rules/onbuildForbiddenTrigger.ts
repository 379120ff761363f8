// onbuild-forbidden-trigger: the builder rejects ONBUILD ONBUILD, FROM and MAINTAINER, but only
// when a child image is built, long after this Dockerfile seemed fine.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'onbuild-forbidden-trigger',
    title: 'ONBUILD with a forbidden trigger',
    category: 'correctness',
    defaultSeverity: 'error',
    aliases: ['DL3043'],
    summary: 'ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      const trigger = instruction.trigger();
      if (trigger && ['ONBUILD', 'FROM', 'MAINTAINER'].includes(trigger.keyword)) {
        context.report({
          instruction,
          range: trigger.keywordRange,
          message: `ONBUILD ${trigger.keyword} is not allowed: the builder rejects it when a child image is built. Remove the trigger.`,
        });
      }
    }
  },
};
