// duplicate-stage-name: stage names are matched case-insensitively; two stages with one name make
// COPY --from and --target ambiguous, and the build fails.
import type { Rule } from '../rule';

export const rule: Rule = {
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
