// copy-from-unknown-stage: COPY --from must name an earlier stage (or an image); a name defined
// later silently pulls an image of that name, and a later stage index fails the build.
import type { Rule } from '../rule';

function isImageLike(value: string): boolean {
  return /[:/.@]/.test(value);
}

export const rule: Rule = {
  meta: {
    id: 'copy-from-unknown-stage',
    title: 'COPY --from an undefined stage',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['DL3022'],
    summary: 'COPY --from must reference a stage defined earlier.',
  },
  check(context): void {
    const names = new Set<string>();
    for (const stage of context.model.stages) {
      for (const instruction of stage.instructions) {
        const from = instruction.keyword === 'COPY' ? instruction.flag('from') : undefined;
        const value = from?.value;
        if (from && value !== undefined && !value.includes('$') && !names.has(value.toLowerCase()) && !(stage.alias && stage.alias.value.toLowerCase() === value.toLowerCase())) {
          const index = /^\d+$/.test(value) ? Number(value) : undefined;
          const bad = index !== undefined ? index >= stage.index : !isImageLike(value);
          if (bad) {
            context.report({
              instruction,
              range: instruction.rangeOf(from.valueStart, from.end),
              message:
                index !== undefined
                  ? `COPY --from=${value} refers to stage ${value}, which is not defined before this stage. Stages can only copy from earlier ones; reference one by its AS name.`
                  : `COPY --from=${value} does not name an earlier stage, so the builder tries to pull an image called "${value}". Define the stage first (FROM … AS ${value}) or use a full image name.`,
            });
          }
        }
      }
      if (stage.alias) {
        names.add(stage.alias.value.toLowerCase());
      }
    }
  },
};
