// label-key-invalid: Docker's label key format (lowercase letters, digits, dots and dashes) and
// none of the namespaces Docker reserves, so every tool reads a key the same way.
import type { Rule } from '../rule';

const RESERVED = /^(?:com\.docker\.|io\.docker\.|org\.dockerproject\.)/;
const KEY = /^[a-z0-9](?:[a-z0-9]|[.-](?=[a-z0-9]))*$/;

export const rule: Rule = {
  meta: {
    id: 'label-key-invalid',
    title: 'Invalid label key',
    category: 'style',
    defaultSeverity: 'style',
    aliases: ['DL3048'],
    summary: 'Label keys: lowercase letters, digits, dots and dashes; no Docker-reserved namespace.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if (instruction.keyword !== 'LABEL') {
        continue;
      }
      for (const pair of instruction.keyValues(true)) {
        const reserved = RESERVED.test(pair.key);
        if (!reserved && KEY.test(pair.key)) {
          continue;
        }
        context.report({
          instruction,
          range: instruction.rangeOf(pair.keyStart, pair.keyEnd),
          message: reserved
            ? `Label "${pair.key}" uses a namespace reserved by Docker (com.docker.*, io.docker.*, org.dockerproject.*). Use your own reverse-DNS prefix or org.opencontainers.image.*.`
            : `Label key "${pair.key}" should use only lowercase letters, digits, "." and "-", starting and ending with a letter or digit, so every tool reads it the same way.`,
        });
      }
    }
  },
};
