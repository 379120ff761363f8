// expose-proto-casing: tools compare the /tcp or /udp of EXPOSE literally, so it should be
// lowercase.
import type { Rule } from '../rule';
import { exposeWords, portAndProtocol } from './exposeWords';
import { fix } from './util';

export const rule: Rule = {
  meta: {
    id: 'expose-proto-casing',
    title: 'EXPOSE protocol not lowercase',
    category: 'style',
    defaultSeverity: 'warning',
    aliases: ['ExposeProtoCasing'],
    summary: 'Write /tcp or /udp in lowercase.',
  },
  check(context): void {
    for (const { instruction, word } of exposeWords(context.model)) {
      const { proto } = portAndProtocol(word.value);
      if (proto && proto !== proto.toLowerCase() && word.raw === word.value) {
        const start = word.start + word.value.indexOf('/') + 1;
        context.report({
          instruction,
          range: instruction.rangeOf(start, word.end),
          message: `The protocol "${proto}" should be lowercase (${proto.toLowerCase()}); tools compare it literally.`,
          fixes: [fix(`Write ${proto.toLowerCase()}`, [{ range: instruction.rangeOf(start, word.end), newText: proto.toLowerCase() }], { isPreferred: true })],
        });
      }
    }
  },
};
