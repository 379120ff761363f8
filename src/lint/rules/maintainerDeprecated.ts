// maintainer-deprecated: MAINTAINER is deprecated and the standard tooling does not show it; the
// OCI authors label carries the same information where tools look for it.
import type { Instruction } from '../../dockerfile/dockerfile';
import type { Rule } from '../rule';
import { fix, replace } from './util';

function authorLabel(instruction: Instruction): string {
  const author = instruction.args.trim().replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `LABEL org.opencontainers.image.authors="${author}"`;
}

export const rule: Rule = {
  meta: {
    id: 'maintainer-deprecated',
    title: 'MAINTAINER is deprecated',
    category: 'maintainability',
    defaultSeverity: 'error',
    aliases: ['DL4000', 'AVD-DS-0022', 'CKV_DOCKER_6', 'MaintainerDeprecated'],
    summary: 'Use LABEL org.opencontainers.image.authors instead of MAINTAINER.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if (instruction.keyword !== 'MAINTAINER') {
        continue;
      }
      context.report({
        instruction,
        range: instruction.keywordRange,
        message: 'MAINTAINER is deprecated and not shown by the standard tooling. Record the author as a label: LABEL org.opencontainers.image.authors="…".',
        fixes: [fix('Replace with LABEL org.opencontainers.image.authors', [replace(instruction.headRange, authorLabel(instruction))], { isPreferred: true })],
      });
    }
  },
};
