// expose-port-range: EXPOSE takes a port (or range) from 0 to 65535, optionally with /tcp or /udp;
// anything else is not a port the container can publish.
import type { Rule } from '../rule';
import { exposeWords, portAndProtocol } from './exposeWords';

export const rule: Rule = {
  meta: {
    id: 'expose-port-range',
    title: 'EXPOSE port out of range',
    category: 'correctness',
    defaultSeverity: 'error',
    aliases: ['DL3011', 'AVD-DS-0008'],
    summary: 'Ports must be between 0 and 65535.',
  },
  check(context): void {
    for (const { instruction, word } of exposeWords(context.model)) {
      const { port } = portAndProtocol(word.value);
      if (port.includes('$') || port.includes(':')) {
        continue;
      }
      const bounds = port.split('-');
      if (bounds.length <= 2 && bounds.every((bound) => /^\d+$/.test(bound) && Number(bound) <= 65535)) {
        continue;
      }
      context.report({
        instruction,
        range: instruction.rangeOf(word.start, word.end),
        message: `"${word.value}" is not a valid port: use a number (or range) between 0 and 65535, optionally followed by /tcp or /udp.`,
      });
    }
  },
};
