// undefined-arg-in-from: FROM sees only the ARGs declared before the first FROM (and the automatic
// platform ARGs), so any other variable in FROM is always empty.
import { AUTOMATIC_PLATFORM_ARGS } from '../../dockerfile/dockerfile';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'undefined-arg-in-from',
    title: 'FROM uses an undeclared ARG',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['UndefinedArgInFrom'],
    summary: 'Variables in FROM must be declared by an ARG before the first FROM.',
  },
  check(context): void {
    const declared = context.model.globalArgValues;
    for (const stage of context.model.stages) {
      const from = stage.from;
      for (const match of from.args.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}?|\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
        const name = match[1] ?? match[2] ?? '';
        if (declared.has(name) || AUTOMATIC_PLATFORM_ARGS.has(name)) {
          continue;
        }
        const start = from.argsStart + (match.index ?? 0);
        context.report({
          instruction: from,
          range: from.rangeOf(start, start + match[0].length),
          message: `FROM uses $${name}, but no ARG ${name} is declared before the first FROM, so it is always empty. Add ARG ${name}=<default> at the top of the file.`,
        });
      }
    }
  },
};
