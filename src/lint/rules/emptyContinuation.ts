// empty-continuation: the builder skips an empty line inside a \-continuation today but warns that
// it will become an error, and readers take it for the end of the instruction.
import type { Rule } from '../rule';
import { deleteLines, fix } from './util';

export const rule: Rule = {
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
