// env-self-reference: ENV substitutes the values from before the instruction, so a variable used
// in the same ENV that defines it expands to an empty string.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'env-self-reference',
    title: 'ENV uses a variable it defines',
    category: 'correctness',
    defaultSeverity: 'error',
    aliases: ['DL3044'],
    summary: 'A variable defined in an ENV cannot be used in the same ENV.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      const defined = new Set<string>();
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'ARG') {
          instruction.keyValues(false).forEach((pair) => defined.add(pair.key));
          continue;
        }
        if (instruction.keyword !== 'ENV') {
          continue;
        }
        const pairs = instruction.keyValues(true);
        const here = new Set<string>();
        for (const pair of pairs) {
          const raw = instruction.logical.text.slice(pair.valueStart, pair.valueEnd);
          for (const match of raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
            const name = match[1] ?? '';
            if (here.has(name) && !defined.has(name)) {
              const start = pair.valueStart + (match.index ?? 0);
              context.report({
                instruction,
                range: instruction.rangeOf(start, start + match[0].length + (raw[(match.index ?? 0) + match[0].length] === '}' ? 1 : 0)),
                message: `$${name} refers to a variable defined in this same ENV; ENV substitutes the values from before the instruction, so it expands to an empty string. Define ${name} in an earlier ENV.`,
              });
            }
          }
          here.add(pair.key);
        }
        here.forEach((name) => defined.add(name));
      }
    }
  },
};
