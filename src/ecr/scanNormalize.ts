// From ECR's and Inspector2's finding shapes to the one ScanFinding of src/scan/model.ts. Only the
// SDKs' types are imported (no runtime SDK code), so unit tests feed it recorded JSON directly.
import type { EnhancedImageScanFinding, ImageScanFinding } from '@aws-sdk/client-ecr';
import type { Finding as InspectorFinding } from '@aws-sdk/client-inspector2';
import type { ScanFinding } from '../scan/model';
import { SEVERITIES, type Severity } from './model';

/** ECR says UNDEFINED, Inspector UNTRIAGED for an unrated finding; anything unknown is UNDEFINED too. */
export function toSeverity(value: string | undefined): Severity {
  const upper = value?.toUpperCase();
  return SEVERITIES.find((severity) => severity === upper) ?? 'UNDEFINED';
}

/** A basic (Clair-based) finding: the package is in `attributes`, the CVE link is `uri`. */
export function fromBasicFinding(finding: ImageScanFinding): ScanFinding {
  const attributes = new Map((finding.attributes ?? []).map((attribute) => [attribute.key ?? '', attribute.value ?? '']));
  const cvss = numberOf(attributes.get('CVSS3_SCORE')) ?? numberOf(attributes.get('CVSS2_SCORE'));
  const packageName = attributes.get('package_name');
  const installedVersion = attributes.get('package_version');
  return {
    id: finding.name ?? 'unnamed finding',
    severity: toSeverity(finding.severity),
    ...(finding.description ? { description: finding.description } : {}),
    ...(finding.uri ? { url: finding.uri } : {}),
    ...(packageName ? { packageName } : {}),
    ...(installedVersion ? { installedVersion } : {}),
    // Basic scanning only reads OS package databases.
    packageManager: 'OS',
    ...(cvss !== undefined ? { cvssScore: cvss } : {}),
  };
}

/** The fields ECR's enhancedFindings[] and Inspector2's findings share. */
type EnhancedLike = Pick<EnhancedImageScanFinding, 'title' | 'description' | 'severity' | 'fixAvailable' | 'exploitAvailable'> & {
  packageVulnerabilityDetails?: EnhancedImageScanFinding['packageVulnerabilityDetails'] | InspectorFinding['packageVulnerabilityDetails'];
};

/**
 * An enhanced finding names every vulnerable package it found (the same CVE in two packages is
 * one finding): one ScanFinding per package, so each can land on the line that installed it.
 */
export function fromEnhancedFinding(finding: EnhancedImageScanFinding): ScanFinding[] {
  const details = finding.packageVulnerabilityDetails;
  const base = sharedFields(finding);
  const remediation = finding.remediation?.recommendation?.text;
  const url = details?.sourceUrl ?? finding.remediation?.recommendation?.url;
  const common: ScanFinding = {
    ...base,
    ...(url ? { url } : {}),
    ...(finding.score !== undefined ? { inspectorScore: finding.score } : {}),
    ...(remediation ? { remediation } : {}),
  };
  const packages = details?.vulnerablePackages ?? [];
  if (packages.length === 0) {
    return [common];
  }
  return packages.map((found) => ({
    ...common,
    ...(found.name ? { packageName: found.name } : {}),
    ...(found.version ? { installedVersion: withEpochAndRelease(found.version, found.epoch, found.release) } : {}),
    ...(found.fixedInVersion && found.fixedInVersion !== 'NotAvailable' ? { fixedVersion: found.fixedInVersion } : {}),
    ...(found.packageManager ? { packageManager: found.packageManager } : {}),
    ...(found.filePath ? { filePath: found.filePath } : {}),
    ...(found.sourceLayerHash ? { sourceLayerHash: found.sourceLayerHash } : {}),
  }));
}

function sharedFields(finding: EnhancedLike): ScanFinding {
  const details = finding.packageVulnerabilityDetails;
  const cvss = preferredCvss(details?.cvss ?? []);
  const fix = finding.fixAvailable;
  return {
    id: details?.vulnerabilityId ?? finding.title ?? 'unnamed finding',
    severity: toSeverity(finding.severity),
    ...(finding.title ? { title: finding.title } : {}),
    ...(finding.description ? { description: finding.description } : {}),
    ...(cvss !== undefined ? { cvssScore: cvss } : {}),
    ...(finding.exploitAvailable === 'YES' || finding.exploitAvailable === 'NO' ? { exploitAvailable: finding.exploitAvailable === 'YES' } : {}),
    ...(fix === 'YES' || fix === 'NO' || fix === 'PARTIAL' ? { fixAvailable: fix } : {}),
  };
}

/** The newest CVSS version's base score (3.x before 2.0), whatever order the list has. */
function preferredCvss(entries: ReadonlyArray<{ baseScore?: number; version?: string }>): number | undefined {
  let best: { score: number; version: number } | undefined;
  for (const entry of entries) {
    if (entry.baseScore === undefined) {
      continue;
    }
    const version = Number.parseFloat(entry.version ?? '0') || 0;
    if (!best || version > best.version) {
      best = { score: entry.baseScore, version };
    }
  }
  return best?.score;
}

/** Inspector reports rpm versions split (version 3.0.7, release 27.el9, epoch 1): join them as rpm prints them. */
function withEpochAndRelease(version: string, epoch: number | undefined, release: string | undefined): string {
  const withRelease = release && !version.endsWith(`-${release}`) ? `${version}-${release}` : version;
  return epoch && epoch > 0 && !withRelease.includes(':') ? `${epoch}:${withRelease}` : withRelease;
}

/** What Inspector2 adds to an enhanced finding that ECR's copy lacks. */
export interface InspectorDetails {
  readonly inspectorScore?: number;
  readonly epssScore?: number;
  readonly exploitAvailable?: boolean;
}

/** The key that matches an Inspector2 finding with ECR's: vulnerability id + package name. */
export function enrichmentKey(vulnerabilityId: string, packageName: string | undefined): string {
  return `${vulnerabilityId}\u0000${packageName ?? ''}`;
}

/** Inspector2 findings indexed by enrichmentKey (one entry per vulnerable package). */
export function indexInspectorFindings(findings: readonly InspectorFinding[]): Map<string, InspectorDetails> {
  const index = new Map<string, InspectorDetails>();
  for (const finding of findings) {
    const id = finding.packageVulnerabilityDetails?.vulnerabilityId;
    if (!id) {
      continue;
    }
    const details: InspectorDetails = {
      ...(finding.inspectorScore !== undefined ? { inspectorScore: finding.inspectorScore } : {}),
      ...(finding.epss?.score !== undefined ? { epssScore: finding.epss.score } : {}),
      ...(finding.exploitAvailable === 'YES' || finding.exploitAvailable === 'NO' ? { exploitAvailable: finding.exploitAvailable === 'YES' } : {}),
    };
    const packages = finding.packageVulnerabilityDetails?.vulnerablePackages ?? [];
    for (const found of packages.length > 0 ? packages : [{ name: undefined }]) {
      index.set(enrichmentKey(id, found.name), details);
    }
  }
  return index;
}

/** The finding with Inspector's score, EPSS and exploit availability when Inspector knows it. */
export function enrich(finding: ScanFinding, index: ReadonlyMap<string, InspectorDetails>): ScanFinding {
  const details = index.get(enrichmentKey(finding.id, finding.packageName));
  return details ? { ...finding, ...details } : finding;
}

function numberOf(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') {
    return undefined;
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
