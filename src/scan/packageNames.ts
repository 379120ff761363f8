// Which package a finding is about and which package an install command names, in one comparable
// form: (family, name). Families group package managers that install into the same namespace:
// every OS manager (apt, apk, yum/dnf, zypper) installs OS packages, npm/yarn/pnpm install npm
// packages, and so on.
//
// Names are matched exactly as the scanner reports them and as the command installs them. An
// OS finding names the binary package (libssl3, zlib1g), which is only matched when the command
// names that same package: that openssl's source package built libssl3 is not in the Dockerfile's
// text, so a guess would put findings on wrong lines. Only pip (PEP 503: case, "-", "_" and "."
// are the same) and npm (lower case) names are normalised, as their registries do.
import type { Manager } from '../dockerfile/packages';
import type { ScanFinding } from './model';

export type PackageFamily = 'os' | 'pip' | 'npm' | 'gem' | 'go' | 'java' | 'other';

const FAMILY_OF_SCANNER: Readonly<Record<string, PackageFamily>> = {
  OS: 'os',
  PIP: 'pip',
  PYTHONPKG: 'pip',
  PYTHON: 'pip',
  POETRY: 'pip',
  PIPENV: 'pip',
  NPM: 'npm',
  NODEPKG: 'npm',
  YARN: 'npm',
  PNPM: 'npm',
  GEM: 'gem',
  GEMSPEC: 'gem',
  BUNDLER: 'gem',
  GOBINARY: 'go',
  GOMOD: 'go',
  GO: 'go',
  JAR: 'java',
  POM: 'java',
  GRADLE: 'java',
  MAVEN: 'java',
};

/** The manifests and lockfiles that bring in each language family's packages. */
export const MANIFESTS: Readonly<Record<PackageFamily, readonly string[]>> = {
  os: [],
  pip: ['requirements.txt', 'Pipfile.lock', 'Pipfile', 'poetry.lock', 'pyproject.toml', 'setup.py', 'setup.cfg', 'uv.lock'],
  npm: ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'package.json'],
  gem: ['Gemfile.lock', 'Gemfile'],
  go: ['go.sum', 'go.mod'],
  java: ['pom.xml', 'build.gradle', 'build.gradle.kts', 'gradle.lockfile'],
  other: ['Cargo.lock', 'composer.lock', 'packages.lock.json', 'Podfile.lock', 'mix.lock', 'pubspec.lock'],
};

const FAMILY_OF_MANIFEST = new Map<string, PackageFamily>(
  (Object.entries(MANIFESTS) as Array<[PackageFamily, readonly string[]]>).flatMap(([family, names]) => names.map((name) => [name, family] as const)),
);

/** OS package databases: a COPY or ADD that writes one brings in every package it lists. */
export const OS_PACKAGE_DATABASES: readonly string[] = ['var/lib/dpkg/status', 'lib/apk/db/installed', 'var/lib/rpm/Packages', 'var/lib/rpm/rpmdb.sqlite', 'usr/lib/sysimage/rpm/rpmdb.sqlite'];
const OS_DATABASE_DIRECTORIES: readonly string[] = ['var/lib/dpkg/status.d/', 'var/lib/rpm/', 'usr/lib/sysimage/rpm/'];

export function baseName(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47 /* / */) {
    end--;
  }
  return path.slice(path.lastIndexOf('/', end - 1) + 1, end);
}

/** Whether a manifest or lockfile of some language family is named by `path`. */
export function manifestFamily(path: string): PackageFamily | undefined {
  return FAMILY_OF_MANIFEST.get(baseName(path));
}

/** Whether `path` (no leading slash) is an OS package database or inside a database directory. */
export function isOsPackageDatabase(path: string): boolean {
  const clean = path.replace(/^\/+/, '');
  return OS_PACKAGE_DATABASES.includes(clean) || OS_DATABASE_DIRECTORIES.some((directory) => clean.startsWith(directory));
}

export function familyOfFinding(finding: Pick<ScanFinding, 'packageManager' | 'filePath'>): PackageFamily {
  const byScanner = finding.packageManager ? (FAMILY_OF_SCANNER[finding.packageManager] ?? FAMILY_OF_SCANNER[finding.packageManager.toUpperCase()]) : undefined;
  if (byScanner) {
    return byScanner;
  }
  if (finding.packageManager) {
    return 'other';
  }
  if (finding.filePath) {
    return manifestFamily(finding.filePath) ?? (isOsPackageDatabase(finding.filePath) ? 'os' : 'other');
  }
  return 'os';
}

export function familyOfManager(manager: Manager): PackageFamily | undefined {
  switch (manager) {
    case 'apt-get':
    case 'apt':
    case 'aptitude':
    case 'apk':
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'tdnf':
    case 'zypper':
      return 'os';
    case 'pip':
      return 'pip';
    case 'npm':
    case 'yarn':
    case 'pnpm':
      return 'npm';
    case 'gem':
      return 'gem';
    case 'go':
      return 'go';
    default:
      return undefined;
  }
}

/** The form names are compared in, per family. */
export function normaliseName(family: PackageFamily, name: string): string {
  switch (family) {
    case 'pip':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'npm':
      return name.toLowerCase();
    default:
      return name;
  }
}

export function packageKey(family: PackageFamily, name: string): string {
  return `${family}\u0000${normaliseName(family, name)}`;
}

/** A package operand of an install command: what to match, and what to keep when pinning it. */
export interface NamedOperand {
  /** The package name (for rpm managers possibly with a version suffix still on; see `alternatives`). */
  readonly name: string;
  /** Other names the operand may stand for (rpm's `openssl-3.0.7` → `openssl`). */
  readonly alternatives: readonly string[];
  /** What the pinned operand starts with: the name as written with its arch or extras (`libc6:amd64`, `requests[socks]`). */
  readonly base: string;
}

/**
 * The package an operand names, or undefined for what is not a package from the registry
 * (options, paths, URLs, archives, shell expansions).
 */
export function readOperand(manager: Manager, operand: string): NamedOperand | undefined {
  if (operand === '' || operand.includes('$') || operand.includes('`') || /^[.~/]/.test(operand) || operand.includes('://') || /^(?:git\+|file:|https?:)/.test(operand)) {
    return undefined;
  }
  if (/\.(?:deb|rpm|apk|whl|tgz|tar\.gz|zip)$/.test(operand)) {
    return undefined;
  }
  switch (manager) {
    case 'apt-get':
    case 'apt':
    case 'aptitude': {
      const base = operand.split(/[=/]/, 1)[0] ?? '';
      const name = base.split(':', 1)[0] ?? '';
      return valid(name) ? { name, alternatives: [], base } : undefined;
    }
    case 'apk':
    case 'zypper': {
      const base = operand.split(/[=<>~]/, 1)[0] ?? '';
      const name = base.split('@', 1)[0] ?? '';
      return valid(name) ? { name, alternatives: [], base: name } : undefined;
    }
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'tdnf': {
      if (/[*?[]/.test(operand) || operand.startsWith('@')) {
        return undefined;
      }
      // `openssl-3.0.7-27.el9` and `openssl.x86_64` name openssl too; the operand itself may also be a name (python3-pip).
      const alternatives = new Set<string>();
      const withoutArch = operand.replace(/\.(?:x86_64|aarch64|i686|noarch|ppc64le|s390x)$/, '');
      alternatives.add(withoutArch);
      const versionless = /^(.+?)-\d[^-]*(?:-[^-]+)?$/.exec(withoutArch)?.[1];
      if (versionless) {
        alternatives.add(versionless);
      }
      alternatives.delete(operand);
      return valid(operand) ? { name: operand, alternatives: [...alternatives], base: versionless ?? withoutArch } : undefined;
    }
    case 'pip': {
      if (operand.includes('/')) {
        return undefined;
      }
      const base = operand.split(/\s*(?:[=<>!~;@]|\s)/, 1)[0] ?? '';
      const name = base.replace(/\[.*\]$/, '');
      return valid(name) ? { name, alternatives: [], base } : undefined;
    }
    case 'npm':
    case 'yarn':
    case 'pnpm': {
      const at = operand.indexOf('@', 1);
      const base = at > 0 ? operand.slice(0, at) : operand;
      if (base.startsWith('@') ? !/^@[^/]+\/[^/]+$/.test(base) : base.includes('/')) {
        return undefined;
      }
      return valid(base.replace(/^@/, '').replace('/', '')) ? { name: base, alternatives: [], base } : undefined;
    }
    case 'gem': {
      const base = operand.split(':', 1)[0] ?? '';
      return valid(base) ? { name: base, alternatives: [], base } : undefined;
    }
    case 'go': {
      const base = operand.split('@', 1)[0] ?? '';
      return base.includes('.') ? { name: base, alternatives: [], base } : undefined;
    }
    default:
      return undefined;
  }
}

function valid(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(name);
}

/** The operand that installs exactly `version` of a package named by `base`, in the manager's syntax. */
export function pinnedOperand(manager: Manager, base: string, version: string): string {
  let pinned: string;
  switch (manager) {
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'tdnf':
      pinned = `${base}-${version}`;
      break;
    case 'pip':
      pinned = `${base}==${version}`;
      break;
    case 'npm':
    case 'yarn':
    case 'pnpm':
      pinned = `${base}@${version}`;
      break;
    case 'gem':
      pinned = `${base}:${version}`;
      break;
    case 'go':
      pinned = `${base}@${/^\d/.test(version) ? `v${version}` : version}`;
      break;
    default:
      // apt, apk (`name>=ver` is a range, not a pin), zypper.
      pinned = `${base}=${version}`;
  }
  // Versions are plain words; anything else is quoted so the shell passes it as written.
  return /^[A-Za-z0-9._+~:=@/\-[\],]+$/.test(pinned) ? pinned : `'${pinned.replace(/'/g, `'\\''`)}'`;
}
