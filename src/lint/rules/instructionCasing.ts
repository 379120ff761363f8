// instruction-casing: instructions in two cases read as two styles; the file's majority case wins,
// so the fixes touch as few lines as possible.
import type { Rule } from '../rule';
import { fix } from './util';

export const rule: Rule = {
  meta: {
    id: 'instruction-casing',
    title: 'Inconsistent instruction casing',
    category: 'style',
    defaultSeverity: 'warning',
    aliases: ['ConsistentInstructionCasing'],
    summary: 'Write all instructions in the same case (upper case by convention).',
  },
  check(context): void {
    const instructions = context.model.instructions;
    const lower = instructions.filter((instruction) => instruction.keywordText === instruction.keywordText.toLowerCase()).length;
    const wantLower = lower > instructions.length - lower;
    for (const instruction of instructions) {
      const text = instruction.keywordText;
      const wanted = wantLower ? text.toLowerCase() : text.toUpperCase();
      if (text === wanted || !/^[A-Za-z]+$/.test(text)) {
        continue;
      }
      context.report({
        instruction,
        range: instruction.keywordRange,
        message: `"${text}" is cased differently from the rest of the file; use ${wanted} so instructions read alike.`,
        fixes: [fix(`Write ${wanted}`, [{ range: instruction.keywordRange, newText: wanted }], { isPreferred: true })],
      });
    }
  },
};
