// from-as-casing: FROM … as (or from … AS) mixes two styles in one line; the keyword's own case
// decides which case AS should have.
import type { Rule } from '../rule';
import { fix } from './util';

export const rule: Rule = {
  meta: {
    id: 'from-as-casing',
    title: 'FROM and AS cased differently',
    category: 'style',
    defaultSeverity: 'warning',
    aliases: ['FromAsCasing'],
    summary: 'Write FROM … AS or from … as, not a mix.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      const operands = stage.from.operands();
      const as = operands[1];
      if (!stage.alias || !as) {
        continue;
      }
      const keyword = stage.from.keywordText;
      const upper = keyword === keyword.toUpperCase();
      const asUpper = as.raw === as.raw.toUpperCase();
      const asLower = as.raw === as.raw.toLowerCase();
      if ((upper && !asUpper) || (!upper && keyword === keyword.toLowerCase() && !asLower)) {
        const wanted = upper ? 'AS' : 'as';
        context.report({
          instruction: stage.from,
          range: stage.from.rangeOf(as.start, as.end),
          message: `"${keyword} … ${as.raw}" mixes cases; keep the keyword and AS in the same case: ${upper ? 'FROM … AS' : 'from … as'}.`,
          fixes: [fix(`Write ${wanted}`, [{ range: stage.from.rangeOf(as.start, as.end), newText: wanted }], { isPreferred: true })],
        });
      }
    }
  },
};
