// Formatting rules: json-args-recommended, instruction-casing, empty-continuation.
import type { Rule } from '../rule';
import { deleteLines, fix } from './util';

const SHELL_META = /[$|&;<>*?`(){}~\\'"#\n]/;

export const jsonArgs: Rule = {
  meta: {
    id: 'json-args-recommended',
    title: 'CMD/ENTRYPOINT in shell form',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['DL3025', 'JSONArgsRecommended'],
    summary: 'Use the JSON (exec) form for CMD and ENTRYPOINT so signals reach the process.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      const shellChanged = stage.instructions.some((instruction) => instruction.keyword === 'SHELL');
      for (const instruction of stage.instructions) {
        if ((instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') || instruction.looksLikeJson() || instruction.args.trim() === '' || shellChanged) {
          continue;
        }
        const args = instruction.args;
        const simple = !SHELL_META.test(args);
        const words = instruction.words().map((word) => word.value);
        context.report({
          instruction,
          range: instruction.argsRange,
          message:
            `${instruction.keyword} in shell form runs under /bin/sh -c, which becomes PID 1 and does not forward SIGTERM: the container ignores docker stop ` +
            `and is killed after the timeout. Use the JSON form${simple ? `: ${instruction.keyword} ${JSON.stringify(words).replace(/","/g, '", "')}` : ' (wrap real shell syntax in a script and exec it)'}.`,
          fixes: simple ? [fix('Use the JSON form', [{ range: instruction.argsRange, newText: JSON.stringify(words).replace(/","/g, '", "') }], { isPreferred: true })] : [],
        });
      }
    }
  },
};

export const instructionCasing: Rule = {
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

export const emptyContinuation: Rule = {
  meta: {
    id: 'empty-continuation',
    title: 'Empty line inside a continuation',
    category: 'style',
    defaultSeverity: 'warning',
    aliases: ['NoEmptyContinuation'],
    summary: 'An empty line inside a \\-continued instruction is deprecated.',
  },
  check(context): void {
    const model = context.model;
    for (const instruction of model.instructions) {
      for (const line of instruction.raw.emptyContinuationLines) {
        context.report({
          instruction,
          range: { start: { line, character: 0 }, end: { line, character: (model.lines[line] ?? '').length } },
          message: 'This empty line sits inside a line continuation. The builder skips it today but warns that it will become an error, and readers take it for the end of the instruction. Remove it.',
          fixes: [fix('Remove the empty line', [deleteLines(model, line, line)], { isPreferred: true })],
        });
      }
    }
  },
};
