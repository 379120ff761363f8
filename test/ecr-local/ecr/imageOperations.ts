// ListImages, DescribeImages, BatchGetImage and BatchDeleteImage.
import type {
  BatchDeleteImageResponse,
  BatchGetImageResponse,
  DescribeImagesResponse,
  ImageFailure,
  ImageIdentifier,
  ListImagesResponse,
} from '@aws-sdk/client-ecr';
import { ACCOUNT_ID } from '../store/account';
import type { ImageRecord, RepositoryRecord } from '../store/model';
import { describeImage, lookUpImage, readImageId, referencingIndexes, requireImage, targetRepository, type EcrCall } from './call';
import type { Input } from './input';
import { paginate, refusePagingWith } from './paging';

type TagStatus = 'TAGGED' | 'UNTAGGED' | 'ANY';

function readTagStatus(input: Input): TagStatus {
  return (input.optionalObject('filter')?.optionalString('tagStatus', { oneOf: ['TAGGED', 'UNTAGGED', 'ANY'] }) ?? 'ANY') as TagStatus;
}

function hasTagStatus(image: ImageRecord, status: TagStatus): boolean {
  return status === 'ANY' || (status === 'TAGGED') === image.tags.length > 0;
}

/** Oldest push first, then digest: a stable order for paging. */
function ageKey(image: ImageRecord): string {
  return `${String(image.pushedAt).padStart(16, '0')}|${image.digest}`;
}

function imageIdsOf(image: ImageRecord): ImageIdentifier[] {
  return image.tags.length > 0
    ? image.tags.map((imageTag) => ({ imageDigest: image.digest, imageTag }))
    : [{ imageDigest: image.digest }];
}

export function listImages(call: EcrCall): ListImagesResponse {
  const repository = targetRepository(call);
  const tagStatus = readTagStatus(call.input);
  const entries = [...repository.images.values()]
    .filter((image) => hasTagStatus(image, tagStatus))
    .flatMap((image) => imageIdsOf(image).map((id) => ({ id, key: `${ageKey(image)}|${id.imageTag ?? ''}` })));
  const page = paginate(call.input, entries, (entry) => entry.key, { operation: call.operation, maxResults: 1000 });
  return { imageIds: page.items.map((entry) => entry.id), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

export function describeImages(call: EcrCall): DescribeImagesResponse {
  const repository = targetRepository(call);
  const { input } = call;
  const ids = input.optionalObjects('imageIds', { min: 1, max: 100 })?.map(readImageId);
  if (ids) {
    refusePagingWith(input, 'imageIds');
    const images = new Map<string, ImageRecord>();
    for (const id of ids) {
      const image = requireImage(repository, id);
      images.set(image.digest, image);
    }
    return { imageDetails: [...images.values()].map((image) => describeImage(repository, image)) };
  }
  const tagStatus = readTagStatus(input);
  const candidates = [...repository.images.values()].filter((image) => hasTagStatus(image, tagStatus));
  const page = paginate(input, candidates, ageKey, { operation: call.operation, maxResults: 1000 });
  return {
    imageDetails: page.items.map((image) => describeImage(repository, image)),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

export async function batchGetImage(call: EcrCall): Promise<BatchGetImageResponse> {
  const repository = targetRepository(call);
  const ids = call.input.requiredObjects('imageIds', { min: 1, max: 100 }).map(readImageId);
  call.input.optionalStrings('acceptedMediaTypes', { min: 1, max: 100 }, { min: 1, max: 255 });
  const images: NonNullable<BatchGetImageResponse['images']> = [];
  const failures: ImageFailure[] = [];
  for (const id of ids) {
    const found = lookUpImage(repository, id);
    if (!('image' in found)) {
      failures.push({ imageId: id, failureCode: found.failureCode, failureReason: found.failureReason });
      continue;
    }
    const { image } = found;
    // The registry holds the manifest; the copy recorded at push time stands in without a data plane.
    const fromRegistry = await call.store.backend?.getManifest(call.regionName, repository.name, image.digest);
    images.push({
      registryId: ACCOUNT_ID,
      repositoryName: repository.name,
      imageId: { imageDigest: image.digest, ...(id.imageTag !== undefined ? { imageTag: id.imageTag } : {}) },
      imageManifest: fromRegistry?.body ?? image.manifestBody,
      imageManifestMediaType: fromRegistry?.mediaType ?? image.manifestMediaType,
    });
    call.store.recordPull(call.regionName, repository.name, image.digest);
  }
  return { images, failures };
}

export async function batchDeleteImage(call: EcrCall): Promise<BatchDeleteImageResponse> {
  const repository = targetRepository(call);
  const ids = call.input.requiredObjects('imageIds', { min: 1, max: 100 }).map(readImageId);
  const deleted: ImageIdentifier[] = [];
  const failures: ImageFailure[] = [];
  for (const id of ids) {
    const found = lookUpImage(repository, id);
    if (!('image' in found)) {
      failures.push({ imageId: id, failureCode: found.failureCode, failureReason: found.failureReason });
      continue;
    }
    const { image } = found;
    if (id.imageDigest === undefined && id.imageTag !== undefined) {
      // By tag: only the tag goes, and the image with it when that was its last tag.
      const remaining = image.tags.filter((tag) => tag !== id.imageTag);
      if (remaining.length > 0 || referencingIndexes(repository, image).length > 0) {
        image.tags = remaining;
        call.store.changed();
      } else {
        const failure = await deleteImage(call, repository, image);
        if (failure) {
          failures.push({ imageId: id, ...failure });
          continue;
        }
      }
      deleted.push({ imageDigest: image.digest, imageTag: id.imageTag });
      continue;
    }
    // By digest: the image and all its tags.
    const indexes = referencingIndexes(repository, image);
    if (indexes.length > 0) {
      failures.push({
        imageId: id,
        failureCode: 'ImageReferencedByManifestList',
        failureReason: `Requested image is referenced by a manifest list: [${indexes.map((index) => index.digest).join(', ')}]`,
      });
      continue;
    }
    const ids = imageIdsOf(image);
    const failure = await deleteImage(call, repository, image);
    if (failure) {
      failures.push({ imageId: id, ...failure });
      continue;
    }
    deleted.push(...ids);
  }
  return { imageIds: deleted, failures };
}

/** Deletes the manifest in the registry, then forgets the image; a registry failure keeps it. */
async function deleteImage(
  call: EcrCall,
  repository: RepositoryRecord,
  image: ImageRecord,
): Promise<Pick<ImageFailure, 'failureCode' | 'failureReason'> | undefined> {
  try {
    await call.store.backend?.deleteManifest(call.regionName, repository.name, image.digest);
  } catch (error) {
    return { failureCode: 'ImageInaccessible', failureReason: `The registry could not delete the manifest: ${(error as Error).message}` };
  }
  if (repository.images.get(image.digest) === image) {
    repository.images.delete(image.digest);
    call.store.changed();
  }
  return undefined;
}
