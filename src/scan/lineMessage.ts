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

export interface PackageSummary {
  readonly name: string | undefined;
  readonly installedVersion: string | undefined;
  /** The highest fixed version among the package's findings that have one. */
  readonly fixedVersion: string | undefined;
  /** Some finding of the package is known to have no fix (enhanced scanning says so; basic scanning does not know). */
  readonly noFix: boolean;
  /** Worst first. */
  readonly findings: readonly ScanFinding[];
}

/** Findings grouped by package (name + installed version), worst package first; sorted findings in, in order. */
export function summarisePackages(sorted: readonly ScanFinding[]): PackageSummary[] {
  const groups = new Map<string, ScanFinding[]>();
  for (const finding of sorted) {
    const key = finding.packageName === undefined ? `\u0001${finding.id}` : `${finding.packageName}\u0000${finding.installedVersion ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
    }
    group.push(finding);
  }
  return [...groups.values()].map((findings) => {
    const first = findings[0];
    const fixed = highestVersion(findings.flatMap((finding) => (finding.fixedVersion ? [finding.fixedVersion] : [])));
    return {
      name: first?.packageName,
      installedVersion: first?.installedVersion,
      fixedVersion: fixed,
      noFix: findings.some((finding) => !finding.fixedVersion && finding.fixAvailable === 'NO'),
      findings,
    };
  });
}

export function describePackage(summary: PackageSummary): string {
  const ids = summary.findings.slice(0, MAX_IDS_PER_PACKAGE).map((finding) => finding.id);
  const more = summary.findings.length - ids.length;
  const idText = `(${ids.join(', ')}${more > 0 ? ` +${more}` : ''})`;
  if (summary.name === undefined) {
    return idText.slice(1, -1);
  }
  const installed = summary.installedVersion ? ` ${summary.installedVersion}` : '';
  if (summary.fixedVersion) {
    return `${summary.name}${installed} → ${summary.fixedVersion} ${idText}`;
  }
  return `${summary.name}${installed}${summary.noFix ? ', no fix yet' : ''} ${idText}`;
}

/** `findings` must be sorted with compareFindings. */
export function lineMessage(sorted: readonly ScanFinding[], packages: readonly PackageSummary[] = summarisePackages(sorted)): string {
  let message = `${formatCounts(severityCounts(sorted))}:`;
  let shown = 0;
  for (const summary of packages) {
    const entry = describePackage(summary);
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
