// legacy-key-value: the space-separated "ENV key value" form (and LABEL's) holds a single pair
// and is ambiguous with spaces; key=value is not.
import type { Rule } from '../rule';
import { fix } from './util';

export const rule: Rule = {
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
