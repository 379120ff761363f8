// What every ECR operation handler receives, and the checks most of them share.
import type { ImageDetail, ImageIdentifier, Repository } from '@aws-sdk/client-ecr';
import type { EcrLocalStore } from '../store';
import { ApiError } from '../protocol/apiError';
import { ACCOUNT_ID, repositoryArn, repositoryUri } from '../store/account';
import { ecrErrors } from '../store/ecrErrors';
import { severityCounts } from '../store/findings';
import type { ImageRecord, RegionRecord, RepositoryRecord } from '../store/model';
import type { Input } from './input';

export interface EcrCall {
  readonly operation: string;
  readonly input: Input;
  readonly regionName: string;
  readonly region: RegionRecord;
  readonly store: EcrLocalStore;
  /** The ecr-local URL: GetAuthorizationToken's proxyEndpoint. */
  readonly endpointUrl: string;
  /** How long a lifecycle policy preview stays IN_PROGRESS. */
  readonly previewDelayMs: number;
}

export type EcrOperation = (call: EcrCall) => object | Promise<object>;

/** CreateRepository's repositoryName rules. */
export const REPOSITORY_NAME = { min: 2, max: 256, pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/ };
export const IMAGE_DIGEST = /^[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+$/;
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const REGISTRY_ID = /^[0-9]{12}$/;

/** Another account's registry: the caller has no right to it, as IAM would answer. */
export function checkRegistryId(call: EcrCall): void {
  const registryId = call.input.optionalString('registryId', { pattern: REGISTRY_ID });
  if (registryId !== undefined && registryId !== ACCOUNT_ID) {
    throw new ApiError(
      'AccessDeniedException',
      `User: arn:aws:iam::${ACCOUNT_ID}:user/ecr-local is not authorized to perform: ecr:${call.operation} on resource: arn:aws:ecr:${call.regionName}:${registryId}:repository/* because ecr-local serves only registry ${ACCOUNT_ID}`,
    );
  }
}

export function readRepositoryName(input: Input, member = 'repositoryName'): string {
  return input.requiredString(member, REPOSITORY_NAME);
}

/** The repository named by the input's repositoryName (after the registryId check). */
export function targetRepository(call: EcrCall): RepositoryRecord {
  checkRegistryId(call);
  const name = readRepositoryName(call.input);
  const repository = call.region.repositories.get(name);
  if (!repository) {
    throw ecrErrors.repositoryNotFound(name);
  }
  return repository;
}

export function describeRepository(regionName: string, repository: RepositoryRecord): Repository {
  return {
    repositoryArn: repositoryArn(regionName, repository.name),
    registryId: ACCOUNT_ID,
    repositoryName: repository.name,
    repositoryUri: repositoryUri(regionName, repository.name),
    createdAt: new Date(repository.createdAt),
    imageTagMutability: repository.tagMutability,
    ...(repository.tagMutabilityExclusionFilters.length > 0
      ? { imageTagMutabilityExclusionFilters: repository.tagMutabilityExclusionFilters.map((filter) => ({ ...filter })) }
      : {}),
    imageScanningConfiguration: { scanOnPush: repository.scanOnPush },
    encryptionConfiguration: { ...repository.encryption },
  };
}

export function describeImage(repository: RepositoryRecord, image: ImageRecord): ImageDetail {
  const scan = image.scan;
  return {
    registryId: ACCOUNT_ID,
    repositoryName: repository.name,
    imageDigest: image.digest,
    ...(image.tags.length > 0 ? { imageTags: [...image.tags] } : {}),
    imageSizeInBytes: image.sizeInBytes,
    imagePushedAt: new Date(image.pushedAt),
    imageManifestMediaType: image.manifestMediaType,
    ...(image.artifactMediaType !== undefined ? { artifactMediaType: image.artifactMediaType } : {}),
    ...(image.lastPulledAt !== undefined ? { lastRecordedPullTime: new Date(image.lastPulledAt) } : {}),
    ...(scan ? { imageScanStatus: { status: scan.status, description: scan.description } } : {}),
    ...(scan?.completedAt !== undefined && (scan.status === 'COMPLETE' || scan.status === 'ACTIVE')
      ? {
          imageScanFindingsSummary: {
            imageScanCompletedAt: new Date(scan.completedAt),
            ...(scan.vulnerabilitySourceUpdatedAt !== undefined
              ? { vulnerabilitySourceUpdatedAt: new Date(scan.vulnerabilitySourceUpdatedAt) }
              : {}),
            findingSeverityCounts: severityCounts(scan),
          },
        }
      : {}),
  };
}

/** Reads one imageId member; its validity is judged by the operation (failures or errors). */
export function readImageId(input: Input): ImageIdentifier {
  const imageDigest = input.optionalString('imageDigest');
  const imageTag = input.optionalString('imageTag');
  return { ...(imageDigest !== undefined ? { imageDigest } : {}), ...(imageTag !== undefined ? { imageTag } : {}) };
}

export type ImageLookup =
  | { readonly image: ImageRecord }
  | { readonly failureCode: 'MissingDigestAndTag' | 'InvalidImageDigest' | 'InvalidImageTag' | 'ImageTagDoesNotMatchDigest' | 'ImageNotFound'; readonly failureReason: string };

/** Finds the image an imageId names, or says why not with BatchDeleteImage/BatchGetImage's failure codes. */
export function lookUpImage(repository: RepositoryRecord, id: ImageIdentifier): ImageLookup {
  const { imageDigest, imageTag } = id;
  if (imageDigest === undefined && imageTag === undefined) {
    return { failureCode: 'MissingDigestAndTag', failureReason: 'Invalid request parameters: both tag and digest cannot be null' };
  }
  if (imageDigest !== undefined && !IMAGE_DIGEST.test(imageDigest)) {
    return { failureCode: 'InvalidImageDigest', failureReason: 'Invalid image digest' };
  }
  if (imageTag !== undefined && !IMAGE_TAG.test(imageTag)) {
    return { failureCode: 'InvalidImageTag', failureReason: 'Invalid image tag' };
  }
  const byTag = imageTag !== undefined ? [...repository.images.values()].find((image) => image.tags.includes(imageTag)) : undefined;
  if (imageDigest !== undefined) {
    const image = repository.images.get(imageDigest);
    if (!image) {
      return { failureCode: 'ImageNotFound', failureReason: 'Requested image not found' };
    }
    if (imageTag !== undefined && byTag !== image) {
      return { failureCode: 'ImageTagDoesNotMatchDigest', failureReason: 'Invalid tag/digest combination' };
    }
    return { image };
  }
  return byTag ? { image: byTag } : { failureCode: 'ImageNotFound', failureReason: 'Requested image not found' };
}

/** For operations that throw instead of listing failures: the image or the matching exception. */
export function requireImage(repository: RepositoryRecord, id: ImageIdentifier): ImageRecord {
  const found = lookUpImage(repository, id);
  if ('image' in found) {
    return found.image;
  }
  if (found.failureCode === 'ImageNotFound' || found.failureCode === 'ImageTagDoesNotMatchDigest') {
    throw ecrErrors.imageNotFound(repository.name, id);
  }
  throw new ApiError('InvalidParameterException', `Invalid parameter at 'imageId' failed to satisfy constraint: '${found.failureReason}'`);
}

/** The images of a manifest list that reference `image` (it cannot be deleted while they exist). */
export function referencingIndexes(repository: RepositoryRecord, image: ImageRecord): ImageRecord[] {
  return [...repository.images.values()].filter((other) => other.children?.some((child) => child.digest === image.digest));
}
