// Stage names: duplicate-stage-name, reserved-stage-name, stage-name-casing, from-as-casing.
import type { Rule } from '../rule';
import { fix } from './util';

export const duplicateStageName: Rule = {
  meta: {
    id: 'duplicate-stage-name',
    title: 'Duplicate stage name',
    category: 'correctness',
    defaultSeverity: 'error',
    aliases: ['DL3024', 'AVD-DS-0012', 'CKV_DOCKER_11', 'DuplicateStageName'],
    summary: 'FROM … AS names must be unique.',
  },
  check(context): void {
    const seen = new Map<string, number>();
    for (const stage of context.model.stages) {
      const alias = stage.alias;
      if (!alias) {
        continue;
      }
      const key = alias.value.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        context.report({
          instruction: stage.from,
          range: stage.from.rangeOf(alias.start, alias.end),
          message: `Stage name "${alias.value}" is already used by stage ${first}. COPY --from and --target would be ambiguous and the build fails. Give each stage its own name.`,
        });
      } else {
        seen.set(key, stage.index);
      }
    }
  },
};

export const reservedStageName: Rule = {
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

export const stageNameCasing: Rule = {
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

export const fromAsCasing: Rule = {
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
