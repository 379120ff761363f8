// expose-invalid-format: EXPOSE only documents container ports; an IP:host:container mapping
// belongs to docker run -p, where the host side is chosen at run time.
import type { Rule } from '../rule';
import { exposeWords } from './exposeWords';
import { fix } from './util';

export const rule: Rule = {
  meta: {
    id: 'expose-invalid-format',
    title: 'EXPOSE with a host address or host port',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['ExposeInvalidFormat'],
    summary: 'EXPOSE takes container ports only, not IP:host:container mappings.',
  },
  check(context): void {
    for (const { instruction, word } of exposeWords(context.model)) {
      if (!word.value.includes(':') || word.value.includes('$')) {
        continue;
      }
      const container = word.value.slice(word.value.lastIndexOf(':') + 1);
      context.report({
        instruction,
        range: instruction.rangeOf(word.start, word.end),
        message: `EXPOSE ${word.value} looks like a docker run -p mapping. EXPOSE only documents container ports; the host address and port are chosen at run time. Write EXPOSE ${container}.`,
        fixes: [fix(`Write ${container}`, [{ range: instruction.rangeOf(word.start, word.end), newText: container }], { isPreferred: true })],
      });
    }
  },
};
