// The vulnerability feed (../feed/vulnerabilities.json) and the matching of found packages
// against it. The file is checked on load so that a bad edit fails with the entry at fault.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Severity, Vulnerability } from '../contracts';
import type { ScannedPackage } from './packageDatabases';
import { normalizePythonName, toFoundPackage } from './packageDatabases';
import { ECOSYSTEMS, inRange, VERSION_SCHEMES, type AffectedRange, type Ecosystem } from './versions/schemes';

/** The feed file in the source tree (compiled code runs from out/test/ecr-local/scanner). */
export const DEFAULT_FEED_PATH = join(__dirname, '..', '..', '..', '..', 'test', 'ecr-local', 'feed', 'vulnerabilities.json');

const SEVERITIES: readonly Severity[] = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL', 'UNDEFINED'];

export interface FeedAffected {
  readonly ecosystem: Ecosystem;
  /** Source package (Debian), origin (Alpine) or package name (npm, PyPI). */
  readonly package: string;
  readonly ranges: readonly AffectedRange[];
}

export interface FeedEntry {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly score: number;
  readonly epss?: number;
  readonly exploitAvailable: boolean;
  readonly affected: readonly FeedAffected[];
}

export interface Feed {
  readonly updatedAt: Date;
  readonly entries: readonly FeedEntry[];
}

export function loadFeed(path = DEFAULT_FEED_PATH): Feed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the vulnerability feed ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseFeed(text, path);
}

/** Parses and checks a feed; throws an Error naming the file and the entry at fault. */
export function parseFeed(text: string, source: string): Feed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fail = (where: string, what: string): never => {
    throw new Error(`${source}: ${where}: ${what}`);
  };
  const root = data as { updatedAt?: unknown; vulnerabilities?: unknown };
  const updatedAt = new Date(typeof root?.updatedAt === 'string' ? root.updatedAt : NaN);
  if (Number.isNaN(updatedAt.getTime())) {
    fail('updatedAt', 'must be an ISO date');
  }
  if (!Array.isArray(root.vulnerabilities)) {
    return fail('vulnerabilities', 'must be an array');
  }
  const seen = new Set<string>();
  const entries = root.vulnerabilities.map((raw: unknown, index): FeedEntry => {
    const entry = raw as Record<string, unknown>;
    const where = `vulnerabilities[${index}]${typeof entry?.id === 'string' ? ` (${entry.id})` : ''}`;
    if (typeof entry?.id !== 'string' || !/^CVE-\d{4}-\d{4,}$/.test(entry.id)) {
      fail(where, 'id must be a CVE id such as CVE-2023-0286');
    }
    if (seen.has(entry.id as string)) {
      fail(where, 'the id appears twice');
    }
    seen.add(entry.id as string);
    for (const field of ['title', 'description'] as const) {
      if (typeof entry[field] !== 'string' || entry[field] === '') {
        fail(where, `${field} must be a non-empty string`);
      }
    }
    if (!SEVERITIES.includes(entry.severity as Severity)) {
      fail(where, `severity must be one of ${SEVERITIES.join(', ')}`);
    }
    if (typeof entry.score !== 'number' || entry.score < 0 || entry.score > 10) {
      fail(where, 'score must be a CVSS score from 0 to 10');
    }
    if (entry.epss !== undefined && (typeof entry.epss !== 'number' || entry.epss < 0 || entry.epss > 1)) {
      fail(where, 'epss must be a probability from 0 to 1');
    }
    if (typeof entry.exploitAvailable !== 'boolean') {
      fail(where, 'exploitAvailable must be true or false');
    }
    if (!Array.isArray(entry.affected) || entry.affected.length === 0) {
      return fail(where, 'affected must be a non-empty array');
    }
    const affected = entry.affected.map((rawAffected: unknown, affectedIndex): FeedAffected => {
      const item = rawAffected as { ecosystem?: unknown; package?: unknown; ranges?: unknown };
      const at = `${where}.affected[${affectedIndex}]`;
      if (!ECOSYSTEMS.includes(item?.ecosystem as Ecosystem)) {
        fail(at, `ecosystem must be one of ${ECOSYSTEMS.join(', ')}`);
      }
      const ecosystem = item.ecosystem as Ecosystem;
      if (typeof item.package !== 'string' || item.package === '') {
        fail(at, 'package must be a package name');
      }
      if (!Array.isArray(item.ranges) || item.ranges.length === 0) {
        return fail(at, 'ranges must be a non-empty array');
      }
      const scheme = VERSION_SCHEMES[ecosystem];
      const ranges = item.ranges.map((rawRange: unknown, rangeIndex): AffectedRange => {
        const range = rawRange as Record<string, unknown>;
        for (const bound of ['introduced', 'fixed', 'lastAffected'] as const) {
          const value = range?.[bound];
          if (value !== undefined && (typeof value !== 'string' || (value !== '0' && !scheme.valid(value)))) {
            fail(`${at}.ranges[${rangeIndex}]`, `${bound} ${JSON.stringify(value)} is not a valid ${scheme.name} version`);
          }
        }
        return range;
      });
      const name = item.package as string;
      return { ecosystem, package: ecosystem === 'pypi' ? normalizePythonName(name) : name, ranges };
    });
    return { ...(entry as unknown as FeedEntry), affected };
  });
  return { updatedAt, entries };
}

const NVD = 'https://nvd.nist.gov/vuln/detail/';
const ADVISORY_PAGES: Record<Ecosystem, string> = {
  debian: 'https://security-tracker.debian.org/tracker/',
  alpine: 'https://security.alpinelinux.org/vuln/',
  npm: 'https://osv.dev/vulnerability/',
  pypi: 'https://osv.dev/vulnerability/',
};

export interface MatchResult {
  readonly vulnerabilities: Vulnerability[];
  /** Packages whose version the ecosystem's scheme cannot read, so they were not checked. */
  readonly unreadable: ScannedPackage[];
}

/** Every (package, vulnerability) pair where the package's version is in an affected range. */
export function matchPackages(feed: Feed, packages: readonly ScannedPackage[]): MatchResult {
  const index = new Map<string, Array<{ entry: FeedEntry; affected: FeedAffected }>>();
  for (const entry of feed.entries) {
    for (const affected of entry.affected) {
      const key = `${affected.ecosystem}\u0000${affected.package}`;
      index.set(key, [...(index.get(key) ?? []), { entry, affected }]);
    }
  }
  const vulnerabilities: Vulnerability[] = [];
  const unreadable: ScannedPackage[] = [];
  for (const found of packages) {
    const scheme = VERSION_SCHEMES[found.ecosystem];
    const names = new Set([found.name, found.sourceName ?? found.name]);
    const candidates = [...names].flatMap((name) => index.get(`${found.ecosystem}\u0000${name}`) ?? []);
    if (candidates.length === 0) {
      continue;
    }
    // Advisories for source packages give source versions; a binNMU's binary version is close enough otherwise.
    const version = found.sourceVersion ?? found.version;
    if (!scheme.valid(version)) {
      unreadable.push(found);
      continue;
    }
    const reported = new Set<string>();
    for (const { entry, affected } of candidates) {
      if (reported.has(entry.id)) {
        continue; // listed under both the binary and the source name
      }
      const range = affected.ranges.find((candidate) => inRange(scheme, version, candidate));
      if (range === undefined) {
        continue;
      }
      reported.add(entry.id);
      vulnerabilities.push({
        vulnerabilityId: entry.id,
        title: entry.title,
        description: entry.description,
        severity: entry.severity,
        score: entry.score,
        ...(entry.epss !== undefined ? { epss: entry.epss } : {}),
        exploitAvailable: entry.exploitAvailable,
        sourceUrl: `${NVD}${entry.id}`,
        referenceUrls: [`${NVD}${entry.id}`, `${ADVISORY_PAGES[found.ecosystem]}${entry.id}`],
        package: toFoundPackage(found),
        ...(range.fixed !== undefined ? { fixedInVersion: range.fixed } : {}),
      });
    }
  }
  return { vulnerabilities, unreadable };
}
