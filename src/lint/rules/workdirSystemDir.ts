// workdir-system-dir: /proc, /dev, /boot… are kernel or boot file systems; using one as the
// working directory means the application writes into them.
import type { Rule } from '../rule';

const SYSTEM = /^\/(?:proc|boot|dev|initrd|lost\+found)(?:\/|$)/;

export const rule: Rule = {
  meta: {
    id: 'workdir-system-dir',
    title: 'WORKDIR on a system directory',
    category: 'correctness',
    defaultSeverity: 'error',
    aliases: ['AVD-DS-0030'],
    summary: 'WORKDIR must not be /proc, /boot, /dev, /initrd or /lost+found.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      const path = instruction.keyword === 'WORKDIR' ? instruction.words()[0] : undefined;
      if (path && SYSTEM.test(path.value)) {
        context.report({
          instruction,
          range: instruction.rangeOf(path.start, path.end),
          message: `WORKDIR ${path.value} is a kernel or boot file system, replaced or mounted over at run time. Files written there are lost or clash with the system. Use an application directory such as /app.`,
        });
      }
    }
  },
};
