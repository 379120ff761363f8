// COPY details: copy-relative-without-workdir, copy-entire-filesystem, copy-then-extract.
import type { Stage } from '../model/dockerfile';
import { programOf } from '../model/shell';
import type { Rule } from '../rule';
import { ARCHIVE } from './preferCopy';
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

export const relativeWithoutWorkdir: Rule = {
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

export const entireFilesystem: Rule = {
  meta: {
    id: 'copy-entire-filesystem',
    title: 'COPY --from of the whole file system',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['DL3067'],
    summary: 'COPY --from=<stage> / / copies everything, including /proc-like and package state.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if (instruction.keyword !== 'COPY' || !instruction.flag('from')) {
        continue;
      }
      const words = instruction.operands();
      const operands = words.map((word) => word.value);
      const first = words[0];
      const last = words[1];
      if (first && last && operands.length === 2 && operands[0] === '/' && (operands[1] === '/' || operands[1] === '/.')) {
        context.report({
          instruction,
          range: instruction.rangeOf(first.start, last.end),
          message: 'COPY --from=… / / copies the whole file system of the other stage, package databases and caches included, which defeats the multi-stage build. Copy only the directories you need.',
        });
      }
    }
  },
};

export const copyThenExtract: Rule = {
  meta: {
    id: 'copy-then-extract',
    title: 'Archive copied, then extracted in RUN',
    category: 'performance',
    defaultSeverity: 'info',
    aliases: ['DL3010'],
    summary: 'Let ADD extract a local archive instead of COPY + RUN tar.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      const archives = new Map<string, number>();
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'COPY' && !instruction.flag('from')) {
          for (const word of instruction.operands().slice(0, -1)) {
            if (ARCHIVE.test(word.value) && !word.value.includes('$')) {
              archives.set(word.value.split('/').pop() ?? word.value, instruction.startLine);
            }
          }
        } else if (instruction.keyword === 'RUN' && archives.size > 0) {
          for (const { script, command } of instruction.commands()) {
            const program = programOf(command);
            if (!program || !['tar', 'gunzip', 'unzip', 'bunzip2', 'xz', 'unxz'].includes(program.name)) {
              continue;
            }
            const file = program.args.find((word) => archives.has(word.value.split('/').pop() ?? ''));
            if (file) {
              context.report({
                instruction,
                range: script.text.range(command.words[program.index]?.start ?? file.start, file.end),
                message: `${file.value} is copied on line ${(archives.get(file.value.split('/').pop() ?? '') ?? 0) + 1} and then unpacked here, so the archive stays in a layer. ADD extracts a local tar archive in one step without keeping it.`,
              });
            }
          }
        }
      }
    }
  },
};
