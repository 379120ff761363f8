// copy-relative-without-workdir: a relative COPY destination lands in whatever working directory
// the base image sets, unless this stage (or one it is built FROM) sets a WORKDIR first.
import type { Stage } from '../../dockerfile/dockerfile';
import type { Rule } from '../rule';
import { isAbsolutePath } from './workdirRelative';

/** The stage (or a stage it is built FROM) set a WORKDIR before this point. */
function inheritsWorkdir(stage: Stage): boolean {
  for (let current = stage.parent, guard = 0; current && guard < 1000; current = current.parent, guard++) {
    if (current.instructions.some((instruction) => instruction.keyword === 'WORKDIR')) {
      return true;
    }
  }
  return false;
}

export const rule: Rule = {
  meta: {
    id: 'copy-relative-without-workdir',
    title: 'COPY to a relative path without WORKDIR',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['DL3045'],
    summary: 'COPY to a relative destination needs a WORKDIR first.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      let workdir = inheritsWorkdir(stage);
      for (const instruction of stage.instructions) {
        workdir ||= instruction.keyword === 'WORKDIR';
        if (instruction.keyword !== 'COPY' || instruction.looksLikeJson() || workdir) {
          continue;
        }
        const operands = instruction.operands();
        const dest = operands[operands.length - 1];
        if (operands.length < 2 || !dest || isAbsolutePath(dest.value)) {
          continue;
        }
        context.report({
          instruction,
          range: instruction.rangeOf(dest.start, dest.end),
          message: `COPY to the relative path "${dest.value}" lands in whatever working directory the base image sets. Set WORKDIR first, or use an absolute destination.`,
        });
      }
    }
  },
};
