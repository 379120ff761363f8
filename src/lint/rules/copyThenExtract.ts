// copy-then-extract: an archive that is copied and then unpacked in RUN stays in a layer; ADD
// extracts a local tar archive in one step without keeping it.
import { programOf } from '../../dockerfile/shell';
import type { Rule } from '../rule';
import { ARCHIVE } from './preferCopy';

export const rule: Rule = {
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
