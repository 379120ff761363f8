// The one-line summary of a line's findings: "1 CRITICAL, 2 HIGH: openssl 3.0.11 → 3.0.13
// (CVE-2023-5678), zlib1g 1:1.2.11 → 1:1.2.13 (CVE-2022-37434) and 3 more". Findings of one
// package are told together (its highest fixed version, its ids), worst package first, and the
// text stops at a bounded length however many findings the line has.
import type { ScanFinding } from './model';
import { compareFindings, formatCounts, severityCounts } from './severity';
import { highestVersion } from './versionOrder';

/** Package entries stop being added once the message is this long; the rest are counted. */
const MAX_MESSAGE_LENGTH = 200;
const MAX_IDS_PER_PACKAGE = 2;

/** What the message reads of a finding: the mapper passes its own one-shape copies of these fields. */
export type MessageFinding = Pick<ScanFinding, 'id' | 'severity' | 'packageName' | 'installedVersion' | 'fixedVersion' | 'fixAvailable'>;

/** Findings grouped by package (name + installed version), in the order of their worst finding; sorted findings in. */
export function groupByPackage<T extends MessageFinding>(sorted: readonly T[]): T[][] {
  // Keyed by name, then version: no key strings built per finding.
  const byName = new Map<string | undefined, Map<string | undefined, T[]>>();
  const groups: T[][] = [];
  for (const finding of sorted) {
    if (finding.packageName === undefined) {
      groups.push([finding]);
      continue;
    }
    let versions = byName.get(finding.packageName);
    if (!versions) {
      versions = new Map();
      byName.set(finding.packageName, versions);
    }
    const group = versions.get(finding.installedVersion);
    if (group) {
      group.push(finding);
    } else {
      const created = [finding];
      versions.set(finding.installedVersion, created);
      groups.push(created);
    }
  }
  return groups;
}

/** "openssl 3.0.11 → 3.0.15 (CVE-a, CVE-b +1)": the highest fixed version of the package's findings, or "no fix yet" when the scanner says so. */
export function describePackage(group: readonly MessageFinding[]): string {
  const first = group[0];
  const ids = group.slice(0, MAX_IDS_PER_PACKAGE).map((finding) => finding.id);
  const more = group.length - ids.length;
  const idText = `${ids.join(', ')}${more > 0 ? ` +${more}` : ''}`;
  if (first?.packageName === undefined) {
    return idText;
  }
  const installed = first.installedVersion ? ` ${first.installedVersion}` : '';
  const fixed = highestVersion(group.flatMap((finding) => (finding.fixedVersion ? [finding.fixedVersion] : [])));
  if (fixed) {
    return `${first.packageName}${installed} → ${fixed} (${idText})`;
  }
  // Basic scanning does not say whether a fix exists: only enhanced scanning's "NO" is told.
  const noFix = group.some((finding) => finding.fixAvailable === 'NO');
  return `${first.packageName}${installed}${noFix ? ', no fix yet' : ''} (${idText})`;
}

/** `sorted` must be sorted with compareFindings. */
export function lineMessage(sorted: readonly MessageFinding[]): string {
  const packages = groupByPackage(sorted);
  let message = `${formatCounts(severityCounts(sorted))}:`;
  let shown = 0;
  for (const group of packages) {
    const entry = describePackage(group);
    if (shown > 0 && message.length + entry.length + 2 > MAX_MESSAGE_LENGTH) {
      break;
    }
    message += `${shown > 0 ? ',' : ''} ${entry}`;
    shown++;
  }
  const rest = packages.length - shown;
  return rest > 0 ? `${message} and ${rest} more` : message;
}

export { compareFindings };
