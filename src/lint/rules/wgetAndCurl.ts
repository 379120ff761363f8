// wget-and-curl: a stage that downloads with both wget and curl ships two packages (and their
// vulnerabilities) where one would do.
import type { Instruction } from '../../dockerfile/dockerfile';
import type { Rule } from '../rule';
import { programUses } from './programUses';

export const rule: Rule = {
  meta: {
    id: 'wget-and-curl',
    title: 'Both wget and curl used',
    category: 'performance',
    defaultSeverity: 'warning',
    aliases: ['DL4001', 'AVD-DS-0014'],
    summary: 'Use one download tool, not both.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      const uses: Array<{ tool: string; instruction: Instruction; range: ReturnType<Instruction['rangeOf']> }> = [];
      for (const { instruction, script, command, program } of programUses(stage.instructions)) {
        const word = command.words[program.index];
        if (word && (program.name === 'wget' || program.name === 'curl')) {
          uses.push({ tool: program.name, instruction, range: script.text.range(word.start, word.end) });
        }
      }
      const first = uses[0];
      if (!first || uses.every((use) => use.tool === first.tool)) {
        continue;
      }
      for (const use of uses.filter((candidate) => candidate.tool !== first.tool)) {
        context.report({
          instruction: use.instruction,
          range: use.range,
          message: `This stage uses both ${first.tool} and ${use.tool}; each one is another package (and its vulnerabilities) in the image. Use ${first.tool} throughout.`,
        });
      }
    }
  },
};
