// StartImageScan, DescribeImageScanFindings and the scanning configuration of the registry
// (Get/PutRegistryScanningConfiguration, BatchGetRepositoryScanningConfiguration).
import type {
  BatchGetRepositoryScanningConfigurationResponse,
  DescribeImageScanFindingsResponse,
  GetRegistryScanningConfigurationResponse,
  PutRegistryScanningConfigurationResponse,
  StartImageScanResponse,
} from '@aws-sdk/client-ecr';
import { ApiError, invalidParameter } from '../protocol/apiError';
import { ACCOUNT_ID, repositoryArn } from '../store/account';
import { ecrErrors } from '../store/ecrErrors';
import { basicFinding, enhancedFinding, severityCounts } from '../store/findings';
import type { ScanFrequency, ScanningRule, ScanType } from '../store/model';
import { effectiveScanning } from '../store/scanPolicy';
import { checkRegistryId, readImageId, REPOSITORY_NAME, requireImage, targetRepository, type EcrCall } from './call';
import { paginate } from './paging';

/** Basic scanning allows one scan per image per 24 hours, scan on push included. */
export const BASIC_SCAN_INTERVAL_MS = 24 * 60 * 60 * 1000;
const SCAN_FILTER = /^[a-z0-9*](?:[._\-/a-z0-9*]?[a-z0-9*]+)*$/;

export function startImageScan(call: EcrCall): StartImageScanResponse {
  const repository = targetRepository(call);
  const id = readImageId(call.input.requiredObject('imageId'));
  const image = requireImage(repository, id);
  if (image.children) {
    throw new ApiError(
      'UnsupportedImageTypeException',
      'The image is an image index (manifest list); scan the platform images it references instead.',
    );
  }
  if (effectiveScanning(call.region, repository).scanType === 'ENHANCED') {
    throw new ApiError(
      'ValidationException',
      'This feature is disabled: the registry uses ENHANCED scanning, where Amazon Inspector scans on push or continuously; StartImageScan is for BASIC scanning.',
    );
  }
  const now = call.store.now();
  if (image.scan?.status === 'IN_PROGRESS' || (image.lastBasicScanAt !== undefined && now - image.lastBasicScanAt < BASIC_SCAN_INTERVAL_MS)) {
    throw ecrErrors.scanQuotaExceeded();
  }
  const scan = call.store.scans.start(call.store.scanTarget(call.regionName, repository, image), 'BASIC');
  call.store.changed();
  return {
    registryId: ACCOUNT_ID,
    repositoryName: repository.name,
    imageId: { imageDigest: image.digest, ...(id.imageTag !== undefined ? { imageTag: id.imageTag } : {}) },
    imageScanStatus: { status: scan.status, description: scan.description },
  };
}

export function describeImageScanFindings(call: EcrCall): DescribeImageScanFindingsResponse {
  const repository = targetRepository(call);
  const id = readImageId(call.input.requiredObject('imageId'));
  const image = requireImage(repository, id);
  const scan = image.scan;
  if (!scan) {
    throw ecrErrors.scanNotFound(repository.name, id);
  }
  const identity = {
    registryId: ACCOUNT_ID,
    repositoryName: repository.name,
    imageId: { imageDigest: image.digest, ...(id.imageTag !== undefined ? { imageTag: id.imageTag } : {}) },
    imageScanStatus: { status: scan.status, description: scan.description },
  };
  if (scan.completedAt === undefined || (scan.status !== 'COMPLETE' && scan.status !== 'ACTIVE')) {
    // Still running, failed or unsupported: a status and no findings.
    call.input.optionalInteger('maxResults', { min: 1, max: 1000 });
    return identity;
  }
  const scanned = { region: call.regionName, repositoryName: repository.name, image, scan };
  const numbered = scan.vulnerabilities.map((vulnerability, index) => ({ vulnerability, key: String(index).padStart(8, '0') }));
  const page = paginate(call.input, numbered, (entry) => entry.key, { operation: call.operation, maxResults: 1000 });
  const summary = {
    imageScanCompletedAt: new Date(scan.completedAt),
    ...(scan.vulnerabilitySourceUpdatedAt !== undefined ? { vulnerabilitySourceUpdatedAt: new Date(scan.vulnerabilitySourceUpdatedAt) } : {}),
    findingSeverityCounts: severityCounts(scan),
  };
  return {
    ...identity,
    imageScanFindings:
      scan.type === 'BASIC'
        ? { ...summary, findings: page.items.map((entry) => basicFinding(entry.vulnerability)) }
        : { ...summary, enhancedFindings: page.items.map((entry) => enhancedFinding(scanned, entry.vulnerability)) },
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

export function getRegistryScanningConfiguration(call: EcrCall): GetRegistryScanningConfigurationResponse {
  const { scanType, rules } = call.region.scanning;
  return { registryId: ACCOUNT_ID, scanningConfiguration: { scanType, rules: copyRules(rules) } };
}

export function putRegistryScanningConfiguration(call: EcrCall): PutRegistryScanningConfigurationResponse {
  const scanType = (call.input.optionalString('scanType', { oneOf: ['BASIC', 'ENHANCED'] }) ?? 'BASIC') as ScanType;
  const rules: ScanningRule[] = (call.input.optionalObjects('rules', { min: 0, max: 2 }) ?? []).map((rule) => ({
    scanFrequency: rule.requiredString('scanFrequency', { oneOf: ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN', 'MANUAL'] }) as ScanFrequency,
    repositoryFilters: rule.requiredObjects('repositoryFilters', { min: 1, max: 100 }).map((filter) => ({
      filter: filter.requiredString('filter', { min: 1, max: 255, pattern: SCAN_FILTER }),
      filterType: filter.requiredString('filterType', { oneOf: ['WILDCARD'] }) as 'WILDCARD',
    })),
  }));
  if (scanType === 'BASIC' && rules.some((rule) => rule.scanFrequency === 'CONTINUOUS_SCAN')) {
    throw invalidParameter('rules', 'CONTINUOUS_SCAN needs scanType ENHANCED; BASIC scanning scans on push or manually');
  }
  call.region.scanning = { scanType, rules };
  call.store.changed();
  return { registryScanningConfiguration: { scanType, rules: copyRules(rules) } };
}

export function batchGetRepositoryScanningConfiguration(call: EcrCall): BatchGetRepositoryScanningConfigurationResponse {
  const names = call.input.requiredStrings('repositoryNames', { min: 1, max: 25 }, REPOSITORY_NAME);
  checkRegistryId(call);
  const result: Required<Pick<BatchGetRepositoryScanningConfigurationResponse, 'scanningConfigurations' | 'failures'>> = {
    scanningConfigurations: [],
    failures: [],
  };
  for (const name of names) {
    const repository = call.region.repositories.get(name);
    if (!repository) {
      result.failures.push({ repositoryName: name, failureCode: 'REPOSITORY_NOT_FOUND', failureReason: 'REPOSITORY_NOT_FOUND' });
      continue;
    }
    const effective = effectiveScanning(call.region, repository);
    result.scanningConfigurations.push({
      repositoryArn: repositoryArn(call.regionName, name),
      repositoryName: name,
      scanOnPush: effective.scanOnPush,
      scanFrequency: effective.scanFrequency,
      appliedScanFilters: effective.appliedScanFilters.map((filter) => ({ ...filter })),
    });
  }
  return result;
}

function copyRules(rules: readonly ScanningRule[]) {
  return rules.map((rule) => ({ scanFrequency: rule.scanFrequency, repositoryFilters: rule.repositoryFilters.map((filter) => ({ ...filter })) }));
}
