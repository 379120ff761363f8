// workdir-relative: a relative WORKDIR resolves against whatever the base image's working
// directory is, which changes when the base image does.
import type { Rule } from '../rule';

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');
}

export const rule: Rule = {
  meta: {
    id: 'workdir-relative',
    title: 'Relative WORKDIR',
    category: 'correctness',
    defaultSeverity: 'error',
    aliases: ['DL3000', 'AVD-DS-0009', 'CKV_DOCKER_10', 'WorkdirRelativePath'],
    summary: 'WORKDIR must be an absolute path.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      const path = instruction.keyword === 'WORKDIR' ? instruction.words()[0] : undefined;
      if (!path || isAbsolutePath(path.value)) {
        continue;
      }
      context.report({
        instruction,
        range: instruction.rangeOf(path.start, path.end),
        message: `WORKDIR ${path.value} is relative, so it depends on the working directory the base image happens to set; a new base image moves your files. Use an absolute path, e.g. /${path.value.replace(/^\.\//, '')}.`,
      });
    }
  },
};
