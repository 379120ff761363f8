// One scanner outcome, three views of it: ECR basic `findings`, ECR `enhancedFindings`, and
// Amazon Inspector2 findings. Built when asked for from the stored vulnerabilities, so the three
// always agree.
import { createHash } from 'node:crypto';
import type { EnhancedImageScanFinding, FindingSeverity, ImageScanFinding } from '@aws-sdk/client-ecr';
import type { Finding, Severity as InspectorSeverity } from '@aws-sdk/client-inspector2';
import type { Severity, Vulnerability } from '../contracts';
import { ACCOUNT_ID, repositoryArn } from './account';
import type { ImageRecord, ScanRecord } from './model';

export interface ScannedImage {
  readonly region: string;
  readonly repositoryName: string;
  readonly image: ImageRecord;
  readonly scan: ScanRecord;
}

/** Inspector has no UNDEFINED severity: it calls an unrated finding UNTRIAGED. */
function inspectorSeverity(severity: Severity): InspectorSeverity {
  return severity === 'UNDEFINED' ? 'UNTRIAGED' : severity;
}

export function findingArn(scanned: ScannedImage, vulnerability: Vulnerability): string {
  const identity = [
    scanned.region,
    scanned.repositoryName,
    scanned.image.digest,
    vulnerability.vulnerabilityId,
    vulnerability.package.name,
    vulnerability.package.version,
    vulnerability.package.filePath,
  ].join('\n');
  const id = createHash('sha256').update(identity).digest('hex').slice(0, 32);
  return `arn:aws:inspector2:${scanned.region}:${ACCOUNT_ID}:finding/${id}`;
}

export function basicFinding(vulnerability: Vulnerability): ImageScanFinding {
  const attributes = [
    { key: 'package_version', value: vulnerability.package.version },
    { key: 'package_name', value: vulnerability.package.name },
    { key: 'CVSS3_SCORE', value: vulnerability.score.toFixed(1) },
  ];
  return {
    name: vulnerability.vulnerabilityId,
    description: vulnerability.description,
    uri: vulnerability.sourceUrl,
    severity: vulnerability.severity,
    attributes,
  };
}

export function severityCounts(scan: ScanRecord): Partial<Record<FindingSeverity, number>> {
  const counts: Partial<Record<FindingSeverity, number>> = {};
  for (const vulnerability of scan.vulnerabilities) {
    const severity = scan.type === 'ENHANCED' ? inspectorSeverity(vulnerability.severity) : vulnerability.severity;
    counts[severity as FindingSeverity] = (counts[severity as FindingSeverity] ?? 0) + 1;
  }
  return counts;
}

function vulnerablePackage(vulnerability: Vulnerability) {
  const found = vulnerability.package;
  return {
    name: found.name,
    version: found.version,
    packageManager: found.packageManager,
    filePath: found.filePath,
    sourceLayerHash: found.sourceLayerHash,
    ...(vulnerability.fixedInVersion !== undefined ? { fixedInVersion: vulnerability.fixedInVersion } : {}),
  };
}

function remediationText(vulnerability: Vulnerability): string {
  return vulnerability.fixedInVersion !== undefined
    ? `Upgrade ${vulnerability.package.name} to ${vulnerability.fixedInVersion} or later.`
    : `No fixed version of ${vulnerability.package.name} is known yet.`;
}

function imageDetails(scanned: ScannedImage) {
  return {
    repositoryName: scanned.repositoryName,
    imageHash: scanned.image.digest,
    imageTags: [...scanned.image.tags],
    registry: ACCOUNT_ID,
    pushedAt: new Date(scanned.image.pushedAt),
  };
}

function observedAt(scanned: ScannedImage): Date {
  return new Date(scanned.scan.completedAt ?? scanned.scan.startedAt);
}

export function enhancedFinding(scanned: ScannedImage, vulnerability: Vulnerability): EnhancedImageScanFinding {
  const observed = observedAt(scanned);
  return {
    awsAccountId: ACCOUNT_ID,
    description: vulnerability.description,
    findingArn: findingArn(scanned, vulnerability),
    firstObservedAt: observed,
    lastObservedAt: observed,
    updatedAt: observed,
    packageVulnerabilityDetails: packageVulnerabilityDetails(vulnerability),
    remediation: { recommendation: { text: remediationText(vulnerability), url: vulnerability.sourceUrl } },
    resources: [
      {
        id: `${repositoryArn(scanned.region, scanned.repositoryName)}/${scanned.image.digest}`,
        type: 'AWS_ECR_CONTAINER_IMAGE',
        details: { awsEcrContainerImage: imageDetails(scanned) },
      },
    ],
    score: vulnerability.score,
    severity: inspectorSeverity(vulnerability.severity),
    status: 'ACTIVE',
    title: vulnerability.title,
    type: 'PACKAGE_VULNERABILITY',
    fixAvailable: vulnerability.fixedInVersion !== undefined ? 'YES' : 'NO',
    exploitAvailable: vulnerability.exploitAvailable ? 'YES' : 'NO',
  };
}

/** The same in ECR's enhanced findings and Inspector2's findings. */
function packageVulnerabilityDetails(vulnerability: Vulnerability) {
  return {
    vulnerabilityId: vulnerability.vulnerabilityId,
    source: 'NVD',
    sourceUrl: vulnerability.sourceUrl,
    referenceUrls: [...vulnerability.referenceUrls],
    vendorSeverity: vulnerability.severity,
    cvss: [{ baseScore: vulnerability.score, scoringVector: undefined, source: 'NVD', version: '3.1' }],
    vulnerablePackages: [vulnerablePackage(vulnerability)],
  };
}

export function inspectorFinding(scanned: ScannedImage, vulnerability: Vulnerability): Finding {
  const observed = observedAt(scanned);
  return {
    findingArn: findingArn(scanned, vulnerability),
    awsAccountId: ACCOUNT_ID,
    type: 'PACKAGE_VULNERABILITY',
    title: vulnerability.title,
    description: vulnerability.description,
    // Inspector2 spells this member with a capital U.
    remediation: { recommendation: { text: remediationText(vulnerability), Url: vulnerability.sourceUrl } },
    severity: inspectorSeverity(vulnerability.severity),
    firstObservedAt: observed,
    lastObservedAt: observed,
    updatedAt: observed,
    status: 'ACTIVE',
    resources: [
      {
        type: 'AWS_ECR_CONTAINER_IMAGE',
        id: `${repositoryArn(scanned.region, scanned.repositoryName)}/${scanned.image.digest}`,
        partition: 'aws',
        region: scanned.region,
        details: { awsEcrContainerImage: imageDetails(scanned) },
      },
    ],
    inspectorScore: vulnerability.score,
    packageVulnerabilityDetails: packageVulnerabilityDetails(vulnerability),
    fixAvailable: vulnerability.fixedInVersion !== undefined ? 'YES' : 'NO',
    exploitAvailable: vulnerability.exploitAvailable ? 'YES' : 'NO',
    ...(vulnerability.epss !== undefined ? { epss: { score: vulnerability.epss } } : {}),
  };
}
