// multiple-instructions: only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect, so
// an earlier one is dead text that readers take for live. Each finding carries the aliases of its
// own keyword, as hadolint and Trivy have one rule per keyword.
import type { Rule } from '../rule';

const MULTIPLE_ALIASES: Record<string, string[]> = {
  CMD: ['DL4003', 'AVD-DS-0016', 'MultipleInstructionsDisallowed'],
  ENTRYPOINT: ['DL4004', 'AVD-DS-0007', 'MultipleInstructionsDisallowed'],
  HEALTHCHECK: ['DL3012', 'AVD-DS-0023', 'MultipleInstructionsDisallowed'],
};

export const rule: Rule = {
  meta: {
    id: 'multiple-instructions',
    title: 'CMD, ENTRYPOINT or HEALTHCHECK repeated',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['DL3012', 'DL4003', 'DL4004', 'AVD-DS-0007', 'AVD-DS-0016', 'AVD-DS-0023', 'MultipleInstructionsDisallowed'],
    summary: 'Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      for (const keyword of Object.keys(MULTIPLE_ALIASES)) {
        const all = stage.instructions.filter((instruction) => instruction.keyword === keyword);
        const last = all[all.length - 1];
        for (const instruction of all.slice(0, -1)) {
          context.report({
            instruction,
            range: instruction.keywordRange,
            aliases: MULTIPLE_ALIASES[keyword],
            message: `This ${keyword} is overridden by the one on line ${(last?.startLine ?? 0) + 1}: only the last ${keyword} of a stage takes effect. Remove it, or merge the two.`,
          });
        }
      }
    }
  },
};
