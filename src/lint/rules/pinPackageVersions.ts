// pin-package-versions: `apt-get install curl`, `pip install flask`, `npm install -g pm2`… install
// whatever version the repository has that day; the build is not reproducible and can pick up a
// breaking or compromised release. One rule for every manager, each finding with its manager's
// hadolint id so `# hadolint ignore=DL3008` still only silences apt.
import type { Manager, PackageCommand } from '../../dockerfile/packages';
import { hasOption, isInstall } from '../../dockerfile/packages';
import type { Rule } from '../rule';
import { packageUses, runInstructions } from './util';

const ALIAS: Partial<Record<Manager, string>> = {
  'apt-get': 'DL3008',
  apt: 'DL3008',
  pip: 'DL3013',
  npm: 'DL3016',
  apk: 'DL3018',
  gem: 'DL3028',
  yum: 'DL3033',
  zypper: 'DL3037',
  dnf: 'DL3041',
  microdnf: 'DL3041',
  go: 'DL3062',
};

const HOW: Partial<Record<Manager, string>> = {
  'apt-get': 'name=version (apt-get install curl=7.88.1-10+deb12u5)',
  apt: 'name=version',
  pip: 'name==version, or a requirements file with pinned versions',
  npm: 'name@version',
  apk: 'name=version (apk add curl=8.5.0-r0)',
  gem: 'name:version or -v version',
  yum: 'name-version',
  zypper: 'name=version',
  dnf: 'name-version',
  microdnf: 'name-version',
  go: 'module@version (not @latest)',
};

function isLocalOrUrl(value: string): boolean {
  return /^[./~]|:\/\/|^git\+|^file:|\.(?:deb|rpm|apk|whl|gem|tgz|tar\.gz|zip)$/i.test(value) || value.includes('$');
}

function isUnpinned(pkg: PackageCommand, value: string): boolean {
  if (isLocalOrUrl(value)) {
    return false;
  }
  switch (pkg.manager) {
    case 'apt-get':
    case 'apt':
    case 'apk':
      return !/[=~<>]/.test(value) && !value.includes('/');
    case 'zypper':
      return !/[=<>]/.test(value);
    case 'pip':
      return !/[=<>~!@]/.test(value) && !(/^(?:pip|setuptools|wheel)$/i.test(value) && hasOption(pkg, '--upgrade', '-U'));
    case 'npm': {
      const at = value.lastIndexOf('@');
      return at <= 0 && !value.includes('/') ? true : at <= 0 && value.startsWith('@');
    }
    case 'gem':
      return !value.includes(':') && !hasOption(pkg, '-v', '--version');
    case 'yum':
    case 'dnf':
    case 'microdnf':
      return !/-\d/.test(value) && !value.startsWith('@');
    case 'go':
      return !value.includes('@') || value.endsWith('@latest');
    default:
      return false;
  }
}

export const rule: Rule = {
  meta: {
    id: 'pin-package-versions',
    title: 'Package installed without a version',
    category: 'maintainability',
    defaultSeverity: 'warning',
    aliases: ['DL3008', 'DL3013', 'DL3016', 'DL3018', 'DL3028', 'DL3033', 'DL3037', 'DL3041', 'DL3062'],
    summary: 'apt-get, apk, pip, npm, gem, yum, dnf, zypper and go install packages should name a version.',
  },
  check(context): void {
    for (const use of packageUses(runInstructions(context.model))) {
      const { pkg, script } = use;
      const alias = ALIAS[pkg.manager];
      const installs = pkg.manager === 'go' ? pkg.subcommand === 'install' : pkg.manager === 'npm' ? isInstall(pkg) && (hasOption(pkg, '-g', '--global') || pkg.operands.length > 0) : isInstall(pkg);
      if (!alias || !installs) {
        continue;
      }
      const operands = pkg.manager === 'yarn' ? pkg.operands.slice(1) : pkg.operands;
      const loose = operands.filter((word) => isUnpinned(pkg, word.value));
      const first = loose[0];
      const last = loose[loose.length - 1];
      if (!first || !last) {
        continue;
      }
      context.report({
        instruction: use.instruction,
        range: script.text.range(first.start, last.end),
        aliases: [alias],
        message:
          `${pkg.manager} ${pkg.subcommand} of ${loose.map((word) => word.value).join(', ')} without a version installs whatever is newest when the image is built, ` +
          `so two builds of the same Dockerfile can differ and a broken or malicious release slips in unnoticed. Pin versions as ${HOW[pkg.manager] ?? 'name=version'}.`,
      });
    }
  },
};
