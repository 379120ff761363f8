// Parsers for the files that say which packages an image holds: dpkg's status database (and
// distroless images' status.d/ files), apk's installed database, npm's package-lock.json and
// pip's requirements.txt. Each returns what it found and, for a file it cannot read, why.
import type { FoundPackage } from '../contracts';
import type { Ecosystem } from './versions/schemes';

/** A found package plus what the feed needs to match it. */
export interface ScannedPackage extends FoundPackage {
  readonly ecosystem: Ecosystem;
  /** Debian source package or Alpine origin, which OS advisories are keyed by. */
  readonly sourceName?: string;
  /** The source package's version when it differs from the binary's (Debian binNMUs). */
  readonly sourceVersion?: string;
}

/** The contract's view of a scanned package (without what only matching needs). */
export function toFoundPackage(found: ScannedPackage): FoundPackage {
  const { name, version, packageManager, filePath, sourceLayerHash } = found;
  return { name, version, packageManager, filePath, sourceLayerHash };
}

export interface ParsedFile {
  readonly packages: ScannedPackage[];
  /** Why (part of) the file could not be used; empty when all went well. */
  readonly problems: string[];
}

export type PackageFileKind = 'dpkg' | 'apk' | 'npm' | 'pip';

/** Which parser a path inside an image needs, if any. Paths are relative, without a leading slash. */
export function packageFileKind(path: string): PackageFileKind | undefined {
  if (path === 'var/lib/dpkg/status' || (/^var\/lib\/dpkg\/status\.d\/[^/]+$/.test(path) && !path.endsWith('.md5sums'))) {
    return 'dpkg';
  }
  if (path === 'lib/apk/db/installed') {
    return 'apk';
  }
  const segments = path.split('/');
  const base = segments[segments.length - 1];
  if (segments.includes('node_modules')) {
    return undefined; // lockfiles of dependencies are not what the application installs
  }
  if (base === 'package-lock.json') {
    return 'npm';
  }
  if (base === 'requirements.txt') {
    return 'pip';
  }
  return undefined;
}

export function parsePackageFile(kind: PackageFileKind, text: string, filePath: string, sourceLayerHash: string): ParsedFile {
  switch (kind) {
    case 'dpkg':
      return parseDpkgStatus(text, filePath, sourceLayerHash);
    case 'apk':
      return parseApkInstalled(text, filePath, sourceLayerHash);
    case 'npm':
      return parsePackageLock(text, filePath, sourceLayerHash);
    case 'pip':
      return parseRequirements(text, filePath, sourceLayerHash);
  }
}

/** Splits an RFC 822-like control file into stanzas of fields (continuation lines folded in). */
function controlStanzas(text: string): Array<Map<string, string>> {
  const stanzas: Array<Map<string, string>> = [];
  let current = new Map<string, string>();
  let lastField: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      if (current.size > 0) {
        stanzas.push(current);
      }
      current = new Map();
      lastField = undefined;
    } else if (/^[ \t]/.test(line)) {
      if (lastField !== undefined) {
        current.set(lastField, `${current.get(lastField) ?? ''}\n${line.trim()}`);
      }
    } else {
      const colon = line.indexOf(':');
      if (colon > 0) {
        lastField = line.slice(0, colon).trim().toLowerCase();
        current.set(lastField, line.slice(colon + 1).trim());
      }
    }
  }
  if (current.size > 0) {
    stanzas.push(current);
  }
  return stanzas;
}

export function parseDpkgStatus(text: string, filePath: string, sourceLayerHash: string): ParsedFile {
  const packages: ScannedPackage[] = [];
  const problems: string[] = [];
  for (const stanza of controlStanzas(text)) {
    const name = stanza.get('package');
    const version = stanza.get('version');
    if (!name || !version) {
      problems.push(`${filePath}: a stanza without Package or Version was skipped`);
      continue;
    }
    // status.d/ files (distroless) have no Status field; in status, only installed packages count.
    const status = stanza.get('status');
    if (status !== undefined && !/\binstalled$/.test(status)) {
      continue;
    }
    // "Source: openssl" or "Source: glibc (2.36-9)" when the source version differs.
    const source = /^(\S+)(?:\s+\((\S+)\))?/.exec(stanza.get('source') ?? '');
    packages.push({
      name,
      version,
      packageManager: 'OS',
      filePath,
      sourceLayerHash,
      ecosystem: 'debian',
      sourceName: source?.[1] ?? name,
      ...(source?.[2] ? { sourceVersion: source[2] } : {}),
    });
  }
  return { packages, problems };
}

export function parseApkInstalled(text: string, filePath: string, sourceLayerHash: string): ParsedFile {
  const packages: ScannedPackage[] = [];
  const problems: string[] = [];
  // apk's fields are single letters without a space after the colon: "P:busybox".
  for (const block of text.split(/\r?\n\s*\r?\n/)) {
    const fields = new Map<string, string>();
    for (const line of block.split(/\r?\n/)) {
      const match = /^([A-Za-z]):(.*)$/.exec(line);
      if (match?.[1] && match[2] !== undefined && !fields.has(match[1])) {
        fields.set(match[1], match[2].trim());
      }
    }
    if (fields.size === 0) {
      continue;
    }
    const name = fields.get('P');
    const version = fields.get('V');
    if (!name || !version) {
      problems.push(`${filePath}: an entry without P: or V: was skipped`);
      continue;
    }
    packages.push({ name, version, packageManager: 'OS', filePath, sourceLayerHash, ecosystem: 'alpine', sourceName: fields.get('o') ?? name });
  }
  return { packages, problems };
}

interface LockEntry {
  version?: unknown;
  link?: unknown;
  dependencies?: unknown;
}

export function parsePackageLock(text: string, filePath: string, sourceLayerHash: string): ParsedFile {
  let lock: { lockfileVersion?: unknown; packages?: unknown; dependencies?: unknown };
  try {
    lock = JSON.parse(text) as typeof lock;
  } catch (error) {
    return { packages: [], problems: [`${filePath} is not valid JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
  if (typeof lock !== 'object' || lock === null) {
    return { packages: [], problems: [`${filePath} is not a package-lock.json object`] };
  }
  const packages: ScannedPackage[] = [];
  const add = (name: string, version: unknown): void => {
    if (typeof version === 'string' && name !== '') {
      packages.push({ name, version, packageManager: 'NPM', filePath, sourceLayerHash, ecosystem: 'npm' });
    }
  };
  if (typeof lock.packages === 'object' && lock.packages !== null) {
    // lockfileVersion 2 and 3: keys are install paths, "" is the project itself.
    for (const [path, entry] of Object.entries(lock.packages as Record<string, LockEntry>)) {
      const at = path.lastIndexOf('node_modules/');
      if (at < 0 || typeof entry !== 'object' || entry === null || entry.link === true) {
        continue;
      }
      add(path.slice(at + 'node_modules/'.length), entry.version);
    }
  } else if (typeof lock.dependencies === 'object' && lock.dependencies !== null) {
    // lockfileVersion 1: nested dependencies.
    const walk = (dependencies: Record<string, LockEntry>): void => {
      for (const [name, entry] of Object.entries(dependencies)) {
        if (typeof entry === 'object' && entry !== null) {
          add(name, entry.version);
          if (typeof entry.dependencies === 'object' && entry.dependencies !== null) {
            walk(entry.dependencies as Record<string, LockEntry>);
          }
        }
      }
    };
    walk(lock.dependencies as Record<string, LockEntry>);
  } else {
    return { packages: [], problems: [`${filePath} has neither "packages" nor "dependencies"`] };
  }
  return { packages, problems: [] };
}

/** PEP 503 normalisation, which is how PyPI names are compared. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function parseRequirements(text: string, filePath: string, sourceLayerHash: string): ParsedFile {
  const packages: ScannedPackage[] = [];
  const problems: string[] = [];
  // A trailing backslash continues a logical line; problems name the line it started on.
  const logical: Array<{ line: number; text: string }> = [];
  let pending: { line: number; text: string } | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const current = pending ?? { line: index + 1, text: '' };
    const continued = raw.endsWith('\\');
    current.text += ` ${continued ? raw.slice(0, -1) : raw}`;
    pending = continued ? current : undefined;
    if (!continued) {
      logical.push(current);
    }
  });
  if (pending) {
    logical.push(pending);
  }
  for (const { line: lineNumber, text: raw } of logical) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || line.startsWith('-')) {
      continue; // blank, or an option such as -r other.txt, --index-url, -e .
    }
    // Environment markers (after ;) and per-requirement options such as --hash do not change the pin.
    const requirement = line.split(';')[0]!.split(/\s--/)[0]!.trim();
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*([^\s,;]+)$/.exec(requirement);
    if (match?.[1] && match[2]) {
      packages.push({ name: normalizePythonName(match[1]), version: match[2], packageManager: 'PIP', filePath, sourceLayerHash, ecosystem: 'pypi' });
    } else if (/^[A-Za-z0-9]/.test(requirement)) {
      problems.push(`${filePath}:${lineNumber}: "${requirement}" is not pinned with == and was not checked`);
    }
  }
  return { packages, problems };
}
