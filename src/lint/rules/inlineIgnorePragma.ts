// inline-ignore-pragma: for teams that want every exception in the shared configuration, where
// it is reviewed once, rather than scattered through Dockerfiles. Off by default, as in hadolint.
import { findPragmas } from '../pragmas';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'inline-ignore-pragma',
    title: 'Inline ignore pragma',
    category: 'maintainability',
    defaultSeverity: 'info',
    defaultEnabled: false,
    aliases: ['DL1001'],
    summary: 'Reports inline "# hadolint ignore=" / "# ecr-lint ignore=" comments (off by default).',
  },
  check(context): void {
    const model = context.model;
    for (const pragma of findPragmas(model)) {
      if ((pragma.tool !== 'hadolint' && pragma.tool !== 'ecr-lint') || pragma.scope !== 'next') {
        continue;
      }
      const line = model.lines[pragma.line] ?? '';
      const start = line.indexOf('#');
      context.report({
        range: { start: { line: pragma.line, character: start }, end: { line: pragma.line, character: line.trimEnd().length } },
        message: 'This comment switches rules off for one instruction. Your team asked for exceptions to live in the shared configuration (.hadolint.yaml ignored/override or the settings), where they are reviewed once; move it there.',
      });
    }
  },
};
