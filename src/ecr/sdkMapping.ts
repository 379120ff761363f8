// From the SDK's shapes to the explorer's model (model.ts): the one place that knows both.
import type { ImageDetail, ImageScanFindingsSummary, ImageScanStatus, Repository as SdkRepository } from '@aws-sdk/client-ecr';
import { SEVERITIES, type EncryptionType, type Image, type Repository, type ScanState, type Severity, type TagMutability } from './model';

/** Manifest lists (Docker) and image indexes (OCI): they point at one manifest per platform. */
export const INDEX_MEDIA_TYPES: readonly string[] = [
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
];

const TAG_MUTABILITIES: readonly TagMutability[] = ['MUTABLE', 'IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION'];
const ENCRYPTION_TYPES: readonly EncryptionType[] = ['AES256', 'KMS', 'KMS_DSSE'];

export function toRepository(repository: SdkRepository): Repository {
  const mutability = TAG_MUTABILITIES.find((value) => value === repository.imageTagMutability) ?? 'MUTABLE';
  const encryptionType = ENCRYPTION_TYPES.find((value) => value === repository.encryptionConfiguration?.encryptionType) ?? 'AES256';
  const kmsKey = repository.encryptionConfiguration?.kmsKey;
  return {
    name: repository.repositoryName ?? '',
    uri: repository.repositoryUri ?? '',
    arn: repository.repositoryArn ?? '',
    registryId: repository.registryId ?? '',
    ...(repository.createdAt ? { createdAt: repository.createdAt } : {}),
    tagMutability: mutability,
    tagMutabilityExclusions: (repository.imageTagMutabilityExclusionFilters ?? []).flatMap((filter) => (filter.filter ? [filter.filter] : [])),
    scanOnPush: repository.imageScanningConfiguration?.scanOnPush ?? false,
    encryption: { type: encryptionType, ...(kmsKey ? { kmsKey } : {}) },
  };
}

export function toImage(repositoryName: string, detail: ImageDetail): Image {
  const scan = toScanState(detail.imageScanStatus, detail.imageScanFindingsSummary);
  const mediaType = detail.imageManifestMediaType;
  return {
    repositoryName: detail.repositoryName ?? repositoryName,
    digest: detail.imageDigest ?? '',
    tags: [...(detail.imageTags ?? [])],
    ...(detail.imageSizeInBytes !== undefined ? { sizeBytes: detail.imageSizeInBytes } : {}),
    ...(detail.imagePushedAt ? { pushedAt: detail.imagePushedAt } : {}),
    ...(detail.lastRecordedPullTime ? { lastPulledAt: detail.lastRecordedPullTime } : {}),
    ...(mediaType ? { manifestMediaType: mediaType } : {}),
    ...(detail.artifactMediaType ? { artifactMediaType: detail.artifactMediaType } : {}),
    isIndex: mediaType !== undefined && INDEX_MEDIA_TYPES.includes(mediaType),
    ...(scan ? { scan } : {}),
  };
}

export function toScanState(status: ImageScanStatus | undefined, summary: ImageScanFindingsSummary | undefined): ScanState | undefined {
  if (!status?.status && !summary) {
    return undefined;
  }
  const severityCounts: Partial<Record<Severity, number>> = {};
  for (const [severity, count] of Object.entries(summary?.findingSeverityCounts ?? {})) {
    const known = SEVERITIES.find((value) => value === severity);
    if (known && typeof count === 'number' && count > 0) {
      severityCounts[known] = count;
    }
  }
  return {
    status: status?.status ?? (summary ? 'COMPLETE' : 'UNKNOWN'),
    ...(status?.description ? { description: status.description } : {}),
    ...(summary?.imageScanCompletedAt ? { completedAt: summary.imageScanCompletedAt } : {}),
    severityCounts,
  };
}
