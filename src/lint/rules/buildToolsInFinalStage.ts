// build-tools-in-final-stage: compilers, build-essential and -dev/-devel packages in the shipped
// image add hundreds of packages (and their CVEs) and give an attacker a toolchain. Build in an
// earlier stage and copy only the result.
import { isInstall, packageCommand } from '../../dockerfile/packages';
import type { Rule } from '../rule';
import { packageUses } from './util';

const TOOLS = new Set([
  'build-essential', 'gcc', 'g++', 'gcc-c++', 'clang', 'llvm', 'make', 'cmake', 'autoconf', 'automake', 'libtool', 'pkg-config', 'pkgconf',
  'pkgconfig', 'gfortran', 'musl-dev', 'linux-headers', 'binutils', 'alpine-sdk', 'kernel-devel', 'kernel-headers', 'golang', 'rustc', 'cargo',
]);
const REMOVE = new Set(['remove', 'purge', 'autoremove', 'del', 'erase']);

function packageName(operand: string): string {
  return operand.split(/[=<>~:]/)[0]?.toLowerCase() ?? '';
}

export function isBuildTool(name: string): boolean {
  return TOOLS.has(name) || /^gcc-\d+$|^g\+\+-\d+$|^clang-\d+$/.test(name) || /[a-z0-9]-dev$/.test(name) || /[a-z0-9]-devel$/.test(name);
}

export const rule: Rule = {
  meta: {
    id: 'build-tools-in-final-stage',
    title: 'Build tools in the final image',
    category: 'security',
    defaultSeverity: 'warning',
    aliases: [],
    summary: 'Compilers, build-essential or -dev packages installed in the final stage.',
  },
  check(context): void {
    const final = context.model.finalStage;
    if (!final) {
      return;
    }
    for (const use of packageUses(final.instructions)) {
      const { pkg, instruction, script } = use;
      if (!['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'tdnf', 'zypper'].includes(pkg.manager) || !isInstall(pkg)) {
        continue;
      }
      const tools = pkg.operands.filter((word) => isBuildTool(packageName(word.value)));
      const firstTool = tools[0];
      const lastTool = tools[tools.length - 1];
      if (!firstTool || !lastTool) {
        continue;
      }
      // Removed again in the same RUN (apk add --virtual .build-deps … && apk del .build-deps, apt-get purge gcc)?
      const removed = new Set<string>();
      let after = false;
      for (const command of script.commands) {
        if (command === use.command) {
          after = true;
          continue;
        }
        const other = after ? packageCommand(command) : undefined;
        if (other && REMOVE.has(other.subcommand)) {
          other.operands.forEach((word) => removed.add(packageName(word.value)));
        }
      }
      const virtualWordIndex = use.command.words.findIndex((word) => word.value === '--virtual' || word.value === '-t');
      const virtualValue = pkg.manager === 'apk' && virtualWordIndex >= 0 ? use.command.words[virtualWordIndex + 1]?.value : undefined;
      if (virtualValue && removed.has(virtualValue.toLowerCase())) {
        continue;
      }
      const kept = tools.filter((word) => !removed.has(packageName(word.value)));
      if (kept.length === 0) {
        continue;
      }
      context.report({
        instruction,
        range: script.text.range(firstTool.start, lastTool.end),
        message:
          `The final image installs build tools (${kept.map((word) => packageName(word.value)).join(', ')}). They are not needed to run the application, ` +
          'add packages whose vulnerabilities the image then carries, and hand an attacker a compiler. Use a multi-stage build: compile in a ' +
          '"FROM … AS build" stage and COPY --from=build only the artefacts into a slim final stage.',
      });
    }
  },
};
