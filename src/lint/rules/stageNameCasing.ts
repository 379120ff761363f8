// stage-name-casing: stage names are matched case-insensitively, so mixed case invites references
// that look different from the definition.
import type { Rule } from '../rule';
import { fix } from './util';

export const rule: Rule = {
  meta: {
    id: 'stage-name-casing',
    title: 'Stage name not lowercase',
    category: 'style',
    defaultSeverity: 'warning',
    aliases: ['StageNameCasing'],
    summary: 'Stage names should be lowercase.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      const alias = stage.alias;
      if (alias && alias.value !== alias.value.toLowerCase() && !alias.value.includes('$')) {
        context.report({
          instruction: stage.from,
          range: stage.from.rangeOf(alias.start, alias.end),
          message: `Stage name "${alias.value}" is not lowercase. Stage names are matched case-insensitively, and mixed case invites references that look different from the definition. Use "${alias.value.toLowerCase()}".`,
          fixes: [fix(`Rename to ${alias.value.toLowerCase()}`, [{ range: stage.from.rangeOf(alias.start, alias.end), newText: alias.value.toLowerCase() }], { isPreferred: true })],
        });
      }
    }
  },
};
