// Package-manager invocations inside RUN commands: which manager, which subcommand, its options
// and the package operands, so the pinning, cache, -y and build-tool rules share one reading.
import { programOf, type ShellCommand, type ShellWord } from './shell';

export type Manager = 'apt-get' | 'apt' | 'aptitude' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'tdnf' | 'zypper' | 'pip' | 'npm' | 'yarn' | 'pnpm' | 'gem' | 'go' | 'rpm';

export interface PackageCommand {
  readonly manager: Manager;
  readonly command: ShellCommand;
  /** The program word (apt-get, pip3, python -m pip → the `pip` word). */
  readonly program: ShellWord;
  readonly subcommand: string;
  readonly subcommandWord: ShellWord | undefined;
  /** Options anywhere after the program (values of separate-value options excluded). */
  readonly options: readonly ShellWord[];
  /** Operands after the subcommand. */
  readonly operands: readonly ShellWord[];
}

/** Options that take their value as the next word, per manager. */
const VALUE_OPTIONS: Record<string, ReadonlySet<string>> = {
  apt: new Set(['-o', '-c', '-t', '-a', '--option', '--config-file', '--target-release', '--default-release', '--host-architecture']),
  apk: new Set(['-X', '--repository', '-p', '--root', '-t', '--virtual', '--arch', '--keys-dir', '--repositories-file', '--cache-dir']),
  rpm: new Set(['-c', '--config', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '-x', '--exclude', '-d', '-e', '--repo', '--repoid', '--setopt', '--forcearch', '--downloaddir', '--destdir', '--root']),
  zypper: new Set(['-R', '--root', '-c', '--config', '-t', '--type', '-r', '--repo', '--from']),
  pip: new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host', '-t', '--target', '--prefix', '--root', '--src', '--upgrade-strategy', '--progress-bar', '--platform', '--python-version', '--implementation', '--abi', '--no-binary', '--only-binary', '--cache-dir', '--log', '--proxy', '--timeout', '--retries', '--exists-action', '--cert', '--client-cert', '--global-option', '--install-option', '-C', '--config-settings', '--report']),
  npm: new Set(['--prefix', '--registry', '--cache', '-w', '--workspace', '--tag', '--loglevel', '--userconfig', '--omit', '--include']),
  gem: new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '--source', '-s', '-P', '--trust-policy', '--platform', '-g', '--file']),
  none: new Set(),
};

/** Every program name that is a Manager as written (pip's versioned names are matched apart). */
const MANAGERS: ReadonlySet<string> = new Set<Manager>(['apt-get', 'apt', 'aptitude', 'apk', 'yum', 'dnf', 'microdnf', 'tdnf', 'zypper', 'npm', 'yarn', 'pnpm', 'gem', 'go', 'rpm']);

function managerOf(name: string): Manager | undefined {
  if (/^pip(?:\d(?:\.\d+)?)?$/.test(name)) {
    return 'pip';
  }
  return MANAGERS.has(name) ? (name as Manager) : undefined;
}

function optionFamily(manager: Manager): string {
  switch (manager) {
    case 'apt-get':
    case 'apt':
    case 'aptitude':
      return 'apt';
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'tdnf':
    case 'rpm':
      return 'rpm';
    case 'apk':
    case 'zypper':
    case 'pip':
    case 'npm':
    case 'gem':
      return manager;
    default:
      return 'none';
  }
}

const packageMemo = new WeakMap<ShellCommand, PackageCommand | null>();

/** The package-manager invocation a command is, if any (memoised per command). */
export function packageCommand(command: ShellCommand): PackageCommand | undefined {
  let found = packageMemo.get(command);
  if (found === undefined) {
    found = readPackageCommand(command) ?? null;
    packageMemo.set(command, found);
  }
  return found ?? undefined;
}

function readPackageCommand(command: ShellCommand): PackageCommand | undefined {
  const program = programOf(command);
  if (!program) {
    return undefined;
  }
  let manager = managerOf(program.name);
  let args = program.args;
  let programWord = command.words[program.index];
  // python -m pip install …
  if (!manager && /^python(?:\d(?:\.\d+)?)?$/.test(program.name)) {
    const m = args.findIndex((word) => word.value === '-m');
    const module = args[m + 1];
    if (m >= 0 && module && /^pip\d?$/.test(module.value)) {
      manager = 'pip';
      programWord = module;
      args = args.slice(m + 2);
    }
  }
  if (!manager || !programWord) {
    return undefined;
  }
  const valueOptions = VALUE_OPTIONS[optionFamily(manager)] ?? new Set<string>();
  const options: ShellWord[] = [];
  const operands: ShellWord[] = [];
  let subcommandWord: ShellWord | undefined;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (!word) {
      continue;
    }
    if (word.value.startsWith('-') && word.value.length > 1 && !word.quoted) {
      options.push(word);
      if (valueOptions.has(word.value)) {
        i++;
      }
      continue;
    }
    if (!subcommandWord) {
      subcommandWord = word;
    } else {
      operands.push(word);
    }
  }
  return { manager, command, program: programWord, subcommand: subcommandWord?.value ?? '', subcommandWord, options, operands };
}

export function hasOption(pkg: PackageCommand, ...names: string[]): boolean {
  return pkg.options.some((option) => names.some((name) => option.value === name || option.value.startsWith(name + '=') || (isShortCluster(option.value) && name.length === 2 && name.startsWith('-') && !name.startsWith('--') && option.value.includes(name[1] ?? ''))));
}

function isShortCluster(value: string): boolean {
  return /^-[A-Za-z]{2,}$/.test(value);
}

export function isInstall(pkg: PackageCommand): boolean {
  switch (pkg.manager) {
    case 'apk':
      return pkg.subcommand === 'add';
    case 'zypper':
      return pkg.subcommand === 'install' || pkg.subcommand === 'in';
    case 'npm':
    case 'pnpm':
      return pkg.subcommand === 'install' || pkg.subcommand === 'i' || pkg.subcommand === 'add';
    case 'yarn':
      return pkg.subcommand === 'add' || (pkg.subcommand === 'global' && pkg.operands[0]?.value === 'add');
    case 'rpm':
      return false;
    default:
      return pkg.subcommand === 'install';
  }
}
