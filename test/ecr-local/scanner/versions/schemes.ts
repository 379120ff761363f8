// One version ordering per ecosystem the feed knows: Debian and Alpine by hand (no maintained
// npm package does them), npm by `semver` (npm's own), pip by `@renovatebot/pep440` (PEP 440).
import * as pep440 from '@renovatebot/pep440';
import * as semver from 'semver';
import { compareApkVersions, isApkVersion } from './apkVersion';
import { compareDpkgVersions, isDpkgVersion } from './dpkgVersion';

export type Ecosystem = 'debian' | 'alpine' | 'npm' | 'pypi';

export const ECOSYSTEMS: readonly Ecosystem[] = ['debian', 'alpine', 'npm', 'pypi'];

export interface VersionScheme {
  readonly name: string;
  readonly valid: (version: string) => boolean;
  /** Negative, zero or positive; both versions must be valid. */
  readonly compare: (a: string, b: string) => number;
}

export const VERSION_SCHEMES: Record<Ecosystem, VersionScheme> = {
  debian: { name: 'Debian (dpkg)', valid: isDpkgVersion, compare: compareDpkgVersions },
  alpine: { name: 'Alpine (apk)', valid: isApkVersion, compare: compareApkVersions },
  npm: {
    name: 'semver (npm)',
    valid: (version) => semver.valid(version) !== null,
    compare: (a, b) => semver.compare(a, b),
  },
  pypi: {
    name: 'PEP 440 (pip)',
    valid: (version) => pep440.valid(version) !== null,
    compare: (a, b) => Math.sign(pep440.compare(a, b)),
  },
};

/** One affected range: [introduced, fixed) or [introduced, lastAffected]; open ends mean "all". */
export interface AffectedRange {
  readonly introduced?: string;
  readonly fixed?: string;
  readonly lastAffected?: string;
}

export function inRange(scheme: VersionScheme, version: string, range: AffectedRange): boolean {
  if (range.introduced !== undefined && range.introduced !== '0' && scheme.compare(version, range.introduced) < 0) {
    return false;
  }
  if (range.fixed !== undefined && scheme.compare(version, range.fixed) >= 0) {
    return false;
  }
  if (range.lastAffected !== undefined && scheme.compare(version, range.lastAffected) > 0) {
    return false;
  }
  return true;
}
