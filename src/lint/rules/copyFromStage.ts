// copy-from-unknown-stage and copy-from-self: COPY --from must name an earlier stage (or an
// image); a name defined later, or the stage itself, is an error or silently pulls an image.
import type { Rule } from '../rule';

function isImageLike(value: string): boolean {
  return /[:/.@]/.test(value);
}

export const unknownStage: Rule = {
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

export const selfReference: Rule = {
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
