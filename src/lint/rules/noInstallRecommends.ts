// no-install-recommends: apt-get installs "recommended" packages by default, often dozens of
// unneeded packages (and their vulnerabilities) per image.
import { hasOption, isInstall } from '../../dockerfile/packages';
import type { Rule } from '../rule';
import { fix, packageUses, runInstructions } from './util';

export const rule: Rule = {
  meta: {
    id: 'no-install-recommends',
    title: 'apt-get installs recommended packages',
    category: 'performance',
    defaultSeverity: 'info',
    aliases: ['DL3015', 'AVD-DS-0029'],
    summary: 'Use apt-get install --no-install-recommends.',
  },
  check(context): void {
    for (const use of packageUses(runInstructions(context.model))) {
      const { pkg, script } = use;
      if ((pkg.manager !== 'apt-get' && pkg.manager !== 'apt') || !isInstall(pkg) || !pkg.subcommandWord) {
        continue;
      }
      if (hasOption(pkg, '--no-install-recommends') || pkg.command.words.some((word) => /^APT::Install-Recommends=(?:false|0|no)$/i.test(word.value))) {
        continue;
      }
      const sub = pkg.subcommandWord;
      context.report({
        instruction: use.instruction,
        range: script.text.range(pkg.program.start, sub.end),
        message:
          `${pkg.manager} install also pulls in every "recommended" package, which adds size and vulnerabilities the application does not use. ` +
          'Add --no-install-recommends and list what you really need.',
        fixes: [fix('Add --no-install-recommends', [{ range: script.text.range(sub.end, sub.end), newText: ' --no-install-recommends' }], { isPreferred: true })],
      });
    }
  },
};
