// package-cache-not-cleaned: package indexes and download caches left in a layer make the
// shipped image bigger (and slower to pull and scan) for no benefit. Checked in the final stage;
// RUN --mount=type=cache keeps the cache out of the layer and is accepted.
import type { Instruction, Script } from '../../dockerfile/dockerfile';
import { hasOption, isInstall, type PackageCommand } from '../../dockerfile/packages';
import { programOf } from '../../dockerfile/shell';
import type { Rule } from '../rule';
import type { Fix } from '../types';
import { fix, packageUses } from './util';

function scriptText(script: Script): string {
  return script.text.text;
}

function cleans(script: Script, program: RegExp, subcommand: RegExp): boolean {
  return script.commands.some((command) => {
    const found = programOf(command);
    return !!found && program.test(found.name) && found.args.some((word) => subcommand.test(word.value));
  });
}

function usesCacheMount(instruction: Instruction): boolean {
  return instruction.flags().some((flag) => flag.name === 'mount' && /type=cache/.test(flag.value ?? ''));
}

/** Lines of the ENV instructions of the stage that turn pip's cache off (computed once per lint). */
function pipCacheOffFrom(instructions: readonly Instruction[]): number {
  for (const other of instructions) {
    if (other.keyword === 'ENV' && other.keyValues(true).some((pair) => pair.key === 'PIP_NO_CACHE_DIR' && pair.value !== '' && !/^(?:0|false|no|off)$/i.test(pair.value ?? ''))) {
      return other.index;
    }
  }
  return Number.POSITIVE_INFINITY;
}

function insertAfterSubcommand(script: Script, pkg: PackageCommand, flag: string): Fix[] {
  const sub = pkg.subcommandWord;
  return sub ? [fix(`Add ${flag}`, [{ range: script.text.range(sub.end, sub.end), newText: ` ${flag}` }], { isPreferred: true })] : [];
}

export const rule: Rule = {
  meta: {
    id: 'package-cache-not-cleaned',
    title: 'Package manager cache left in the image',
    category: 'performance',
    defaultSeverity: 'info',
    aliases: ['DL3009', 'DL3019', 'DL3032', 'DL3036', 'DL3040', 'DL3042', 'DL3060', 'AVD-DS-0015', 'AVD-DS-0019', 'AVD-DS-0020', 'AVD-DS-0025', 'AVD-DS-0027'],
    summary: 'apt lists, apk/yum/dnf/zypper/pip/yarn caches must be removed in the RUN that creates them.',
  },
  check(context): void {
    const final = context.model.finalStage;
    if (!final) {
      return;
    }
    const seen = new Set<string>();
    const pipCacheOff = pipCacheOffFrom(final.instructions);
    for (const use of packageUses(final.instructions)) {
      const { pkg, script, instruction } = use;
      if (usesCacheMount(instruction)) {
        continue;
      }
      const text = scriptText(script);
      const word = pkg.subcommandWord ?? pkg.program;
      const range = script.text.range(pkg.program.start, word.end);
      const report = (aliases: string[], what: string, cure: string, fixes: Fix[] = []): void => {
        const key = `${instruction.index}:${aliases[0] ?? ''}`;
        if (seen.has(key)) {
          return;
        }
        seen.add(key);
        context.report({
          instruction,
          range,
          aliases,
          message: `${what} stays in this layer and makes the shipped image larger (slower pulls, more to scan) without any use at run time. ${cure}`,
          fixes,
        });
      };
      if (!isInstall(pkg) && !(pkg.manager === 'yarn' && pkg.subcommand === 'install') && !(pkg.manager === 'yarn' && pkg.subcommand === '')) {
        continue;
      }
      switch (pkg.manager) {
        case 'apt-get':
        case 'apt':
          if (!/rm\s+(?:-\w+\s+)*[^&;|]*\/var\/lib\/apt\/lists/.test(text)) {
            report(['DL3009'], 'The apt package lists (/var/lib/apt/lists)', 'End the same RUN with && rm -rf /var/lib/apt/lists/*.');
          }
          break;
        case 'apk':
          if (!hasOption(pkg, '--no-cache') && !/\/var\/cache\/apk/.test(text)) {
            report(['DL3019', 'AVD-DS-0025'], 'The apk index cache', 'Use apk add --no-cache.', insertAfterSubcommand(script, pkg, '--no-cache'));
          }
          break;
        case 'yum':
          if (!cleans(script, /^yum$/, /^all$/) && !/\/var\/cache\/yum/.test(text)) {
            report(['DL3032', 'AVD-DS-0015'], 'The yum cache', 'End the same RUN with && yum clean all.');
          }
          break;
        case 'dnf':
          if (!cleans(script, /^dnf$/, /^all$/) && !/\/var\/cache\/dnf/.test(text)) {
            report(['DL3040', 'AVD-DS-0019'], 'The dnf cache', 'End the same RUN with && dnf clean all.');
          }
          break;
        case 'microdnf':
          if (!cleans(script, /^microdnf$/, /^all$/)) {
            report(['AVD-DS-0027'], 'The microdnf cache', 'End the same RUN with && microdnf clean all.');
          }
          break;
        case 'zypper':
          if (!cleans(script, /^zypper$/, /^(?:clean|cc)$/)) {
            report(['DL3036', 'AVD-DS-0020'], 'The zypper cache', 'End the same RUN with && zypper clean --all.');
          }
          break;
        case 'pip':
          if (!hasOption(pkg, '--no-cache-dir') && instruction.index < pipCacheOff) {
            report(['DL3042'], 'pip\'s download cache', 'Use pip install --no-cache-dir (or ENV PIP_NO_CACHE_DIR=1).', insertAfterSubcommand(script, pkg, '--no-cache-dir'));
          }
          break;
        case 'yarn':
          if (!cleans(script, /^yarn$/, /^cache$/) && !text.includes('yarn cache clean')) {
            report(['DL3060'], 'Yarn\'s package cache', 'End the same RUN with && yarn cache clean.');
          }
          break;
        default:
          break;
      }
    }
  },
};
