// ARG/ENV/LABEL rules: env-self-reference, legacy-key-value, undefined-arg-in-from,
// invalid-default-arg-in-from.
import { AUTOMATIC_PLATFORM_ARGS } from '../model/dockerfile';
import type { Rule } from '../rule';
import { fix } from './util';

export const envSelfReference: Rule = {
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

export const legacyKeyValue: Rule = {
  meta: {
    id: 'legacy-key-value',
    title: 'ENV or LABEL in the legacy "key value" form',
    category: 'style',
    defaultSeverity: 'warning',
    aliases: ['LegacyKeyValueFormat'],
    summary: 'Write ENV/LABEL as key=value.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'LABEL') {
        continue;
      }
      const [pair] = instruction.keyValues(true);
      if (!pair || pair.equals || pair.value === undefined) {
        continue;
      }
      const value = pair.value;
      const quoted = /^[^\s"'\\$]*$/.test(value) ? value : `"${value.replace(/(["\\])/g, '\\$1')}"`;
      context.report({
        instruction,
        range: instruction.argsRange,
        message: `"${instruction.keywordText} ${pair.key} ${value}" uses the legacy space-separated form, which cannot hold several pairs and is ambiguous with spaces. Write ${instruction.keywordText} ${pair.key}=${quoted}.`,
        fixes: value.includes('$') || value.includes('"') ? [] : [fix(`Write ${pair.key}=…`, [{ range: instruction.rangeOf(pair.keyStart, pair.valueEnd), newText: `${pair.key}=${quoted}` }], { isPreferred: true })],
      });
    }
  },
};

export const undefinedArgInFrom: Rule = {
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

export const invalidDefaultArgInFrom: Rule = {
  meta: {
    id: 'invalid-default-arg-in-from',
    title: 'FROM is invalid with the ARG defaults',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['InvalidDefaultArgInFrom'],
    summary: 'With the default ARG values, FROM must still name a valid image.',
  },
  check(context): void {
    const declared = context.model.globalArgValues;
    for (const stage of context.model.stages) {
      const word = stage.imageWord;
      if (!word || !stage.substituted) {
        continue;
      }
      const missing = stage.unresolvedVariables.filter((name) => declared.has(name) && !AUTOMATIC_PLATFORM_ARGS.has(name));
      const image = stage.image?.text;
      const broken = image !== undefined && (/[:@]$/.test(image) || image.startsWith(':') || image.includes('::'));
      if (missing.length === 0 && !broken) {
        continue;
      }
      context.report({
        instruction: stage.from,
        range: stage.from.rangeOf(word.start, word.end),
        message:
          missing.length > 0
            ? `ARG ${missing.join(', ')} has no default, so "${word.value}" is not a valid image unless every build passes --build-arg. Give the ARG a default value.`
            : `With the ARG defaults "${word.value}" becomes "${image ?? ''}", which is not a valid image reference. Fix the default value.`,
      });
    }
  },
};
