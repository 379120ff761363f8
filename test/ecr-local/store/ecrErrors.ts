// ECR's exceptions with ECR's own wording, so that a client (and a person reading its log)
// sees what AWS would have said.
import { ApiError } from '../protocol/apiError';
import { ACCOUNT_ID } from './account';

export interface ImageIdentifier {
  readonly imageDigest?: string;
  readonly imageTag?: string;
}

/** ECR prints an imageId as {imageDigest:'…', imageTag:'…'} with 'null' for what is missing. */
export function describeImageId(id: ImageIdentifier): string {
  return `{imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'}`;
}

export const ecrErrors = {
  repositoryNotFound: (name: string) =>
    new ApiError('RepositoryNotFoundException', `The repository with name '${name}' does not exist in the registry with id '${ACCOUNT_ID}'`),
  repositoryAlreadyExists: (name: string) =>
    new ApiError('RepositoryAlreadyExistsException', `The repository with name '${name}' already exists in the registry with id '${ACCOUNT_ID}'`),
  repositoryNotEmpty: (name: string) =>
    new ApiError(
      'RepositoryNotEmptyException',
      `The repository with name '${name}' in registry with id '${ACCOUNT_ID}' cannot be deleted because it still contains images`,
    ),
  imageNotFound: (repository: string, id: ImageIdentifier) =>
    new ApiError(
      'ImageNotFoundException',
      `The image with imageId ${describeImageId(id)} does not exist within the repository with name '${repository}' in the registry with id '${ACCOUNT_ID}'`,
    ),
  scanNotFound: (repository: string, id: ImageIdentifier) =>
    new ApiError(
      'ScanNotFoundException',
      `Image scan does not exist for the image with '${describeImageId(id)}' in the repository with name '${repository}' in the registry with id '${ACCOUNT_ID}'`,
    ),
  lifecyclePolicyNotFound: (repository: string) =>
    new ApiError(
      'LifecyclePolicyNotFoundException',
      `Lifecycle policy does not exist for the repository with name '${repository}' in the registry with id '${ACCOUNT_ID}'`,
    ),
  lifecyclePreviewNotFound: (repository: string) =>
    new ApiError(
      'LifecyclePolicyPreviewNotFoundException',
      `There is no dry run for the repository with name '${repository}' in the registry with id '${ACCOUNT_ID}'; start one with StartLifecyclePolicyPreview`,
    ),
  lifecyclePreviewInProgress: (repository: string) =>
    new ApiError(
      'LifecyclePolicyPreviewInProgressException',
      `The previous lifecycle policy preview request has not completed for the repository with name '${repository}' in the registry with id '${ACCOUNT_ID}'. Please try again later.`,
    ),
  repositoryPolicyNotFound: (repository: string) =>
    new ApiError(
      'RepositoryPolicyNotFoundException',
      `Repository policy does not exist for the repository with name '${repository}' in the registry with id '${ACCOUNT_ID}'`,
    ),
  pullThroughCacheRuleNotFound: (prefix: string) =>
    new ApiError(
      'PullThroughCacheRuleNotFoundException',
      `The pull through cache rule with prefix '${prefix}' does not exist in the registry with id '${ACCOUNT_ID}'`,
    ),
  pullThroughCacheRuleAlreadyExists: (prefix: string) =>
    new ApiError(
      'PullThroughCacheRuleAlreadyExistsException',
      `A pull through cache rule with prefix '${prefix}' already exists in the registry with id '${ACCOUNT_ID}'`,
    ),
  scanQuotaExceeded: () =>
    new ApiError('LimitExceededException', 'The scan quota per image has been exceeded. Wait and try again.'),
};
