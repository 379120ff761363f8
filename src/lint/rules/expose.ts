// EXPOSE rules: expose-port-range, expose-proto-casing, expose-invalid-format.
import type { Rule } from '../rule';
import { fix } from './util';

function parts(value: string): { port: string; proto: string | undefined } {
  const slash = value.indexOf('/');
  return slash >= 0 ? { port: value.slice(0, slash), proto: value.slice(slash + 1) } : { port: value, proto: undefined };
}

export const portRange: Rule = {
  meta: {
    id: 'expose-port-range',
    title: 'EXPOSE port out of range',
    category: 'correctness',
    defaultSeverity: 'error',
    aliases: ['DL3011', 'AVD-DS-0008'],
    summary: 'Ports must be between 0 and 65535.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if (instruction.keyword !== 'EXPOSE') {
        continue;
      }
      for (const word of instruction.words()) {
        const { port } = parts(word.value);
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
    }
  },
};

export const protoCasing: Rule = {
  meta: {
    id: 'expose-proto-casing',
    title: 'EXPOSE protocol not lowercase',
    category: 'style',
    defaultSeverity: 'warning',
    aliases: ['ExposeProtoCasing'],
    summary: 'Write /tcp or /udp in lowercase.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if (instruction.keyword !== 'EXPOSE') {
        continue;
      }
      for (const word of instruction.words()) {
        const { proto } = parts(word.value);
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
    }
  },
};

export const invalidFormat: Rule = {
  meta: {
    id: 'expose-invalid-format',
    title: 'EXPOSE with a host address or host port',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['ExposeInvalidFormat'],
    summary: 'EXPOSE takes container ports only, not IP:host:container mappings.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if (instruction.keyword !== 'EXPOSE') {
        continue;
      }
      for (const word of instruction.words()) {
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
    }
  },
};
