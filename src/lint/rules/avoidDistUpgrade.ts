// avoid-dist-upgrade: a distribution upgrade inside an image build swaps major package versions
// underneath the base image; use a newer base image instead.
import type { Rule } from '../rule';
import { packageUses, runInstructions } from './util';

export const rule: Rule = {
  meta: {
    id: 'avoid-dist-upgrade',
    title: 'Distribution upgrade in the build',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['DL3035', 'AVD-DS-0024'],
    summary: 'No apt-get dist-upgrade or zypper dist-upgrade in a Dockerfile.',
  },
  check(context): void {
    for (const use of packageUses(runInstructions(context.model))) {
      const { pkg, script } = use;
      const sub = pkg.subcommandWord;
      const apt = (pkg.manager === 'apt-get' || pkg.manager === 'apt') && (pkg.subcommand === 'dist-upgrade' || pkg.subcommand === 'full-upgrade');
      const zypper = pkg.manager === 'zypper' && (pkg.subcommand === 'dist-upgrade' || pkg.subcommand === 'dup');
      if (!sub || (!apt && !zypper)) {
        continue;
      }
      context.report({
        instruction: use.instruction,
        range: script.text.range(pkg.program.start, sub.end),
        aliases: [apt ? 'AVD-DS-0024' : 'DL3035'],
        message:
          `${pkg.manager} ${pkg.subcommand} upgrades the whole distribution inside the build: package versions change between builds and can break the base ` +
          'image\'s assumptions. Use a newer base image tag instead, and install only the packages you need.',
      });
    }
  },
};
