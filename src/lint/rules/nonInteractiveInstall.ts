// non-interactive-install: without -y the package manager stops to ask for confirmation and the
// build fails (or, with some managers, silently installs nothing).
import { hasOption, isInstall } from '../../dockerfile/packages';
import type { Rule } from '../rule';
import { fix, packageUses, runInstructions } from './util';

export const rule: Rule = {
  meta: {
    id: 'non-interactive-install',
    title: 'Install command may prompt',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['DL3014', 'DL3030', 'DL3034', 'DL3038', 'AVD-DS-0021'],
    summary: 'apt-get, yum, dnf and zypper install need -y / -n to run unattended.',
  },
  check(context): void {
    for (const use of packageUses(runInstructions(context.model))) {
      const { pkg, script } = use;
      if (!isInstall(pkg) || !pkg.subcommandWord) {
        continue;
      }
      let aliases: string[] | undefined;
      switch (pkg.manager) {
        case 'apt-get':
          if (!hasOption(pkg, '-y', '--yes', '--assume-yes', '-qq', '-q=2', '--quiet=2')) {
            aliases = ['DL3014', 'AVD-DS-0021'];
          }
          break;
        case 'yum':
          if (!hasOption(pkg, '-y', '--assumeyes')) {
            aliases = ['DL3030'];
          }
          break;
        case 'dnf':
          if (!hasOption(pkg, '-y', '--assumeyes')) {
            aliases = ['DL3038'];
          }
          break;
        case 'zypper':
          if (!hasOption(pkg, '-n', '--non-interactive', '-y', '--no-confirm')) {
            aliases = ['DL3034'];
          }
          break;
        default:
          break;
      }
      if (!aliases) {
        continue;
      }
      const sub = pkg.subcommandWord;
      const flag = '-y';
      context.report({
        instruction: use.instruction,
        range: script.text.range(pkg.program.start, sub.end),
        aliases,
        message: `${pkg.manager} ${pkg.subcommand} without ${flag} asks for confirmation; in a build nobody answers, so the step fails or hangs. Add ${flag}.`,
        fixes: [fix(`Add ${flag}`, [{ range: script.text.range(sub.end, sub.end), newText: ` ${flag}` }], { isPreferred: true })],
      });
    }
  },
};
