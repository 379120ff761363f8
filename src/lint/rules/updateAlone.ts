// update-alone: `RUN apt-get update` in its own instruction is cached by the builder; a later
// `RUN apt-get install` then uses a stale index and installs outdated (or missing) packages.
import { isInstall, packageCommand } from '../../dockerfile/packages';
import type { Rule } from '../rule';
import { runInstructions } from './util';

export const rule: Rule = {
  meta: {
    id: 'update-alone',
    title: 'Package index update in a RUN of its own',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['AVD-DS-0017', 'CKV_DOCKER_5'],
    summary: 'apt-get/apk/yum update must be in the same RUN as the install.',
  },
  check(context): void {
    for (const instruction of runInstructions(context.model)) {
      const all = instruction.commands();
      const packages = all.map(({ command }) => packageCommand(command));
      const installs = packages.some((pkg) => pkg && (isInstall(pkg) || pkg.subcommand === 'upgrade'));
      if (installs) {
        continue;
      }
      all.forEach(({ script }, index) => {
        const pkg = packages[index];
        if (!pkg || pkg.subcommand !== 'update' || !['apt-get', 'apt', 'apk', 'yum', 'dnf', 'zypper'].includes(pkg.manager) || !pkg.subcommandWord) {
          return;
        }
        context.report({
          instruction,
          range: script.text.range(pkg.program.start, pkg.subcommandWord.end),
          message:
            `${pkg.manager} update runs in a RUN without an install. The builder caches this layer, so a later install uses an index from the day the cache was made ` +
            `and installs outdated packages or fails. Combine them: RUN ${pkg.manager} update && ${pkg.manager === 'apk' ? 'apk add' : `${pkg.manager} install`} … in one instruction.`,
        });
      });
    }
  },
};
