// Every ECR operation ecr-local answers, by its X-Amz-Target name. A target not listed here is
// refused with UnknownOperationException, as AWS refuses an operation it does not have.
import { getAuthorizationToken } from './authOperations';
import type { EcrOperation } from './call';
import { batchDeleteImage, batchGetImage, describeImages, listImages } from './imageOperations';
import { getDownloadUrlForLayer } from './layerOperations';
import {
  deleteLifecyclePolicy,
  getLifecyclePolicy,
  getLifecyclePolicyPreview,
  putLifecyclePolicy,
  startLifecyclePolicyPreview,
} from './lifecycleOperations';
import { deleteRepositoryPolicy, getRepositoryPolicy, setRepositoryPolicy } from './policyOperations';
import {
  createPullThroughCacheRule,
  deletePullThroughCacheRule,
  describePullThroughCacheRules,
  describeRegistry,
  putReplicationConfiguration,
} from './registryOperations';
import {
  createRepository,
  deleteRepository,
  describeRepositories,
  putImageScanningConfiguration,
  putImageTagMutability,
} from './repositoryOperations';
import {
  batchGetRepositoryScanningConfiguration,
  describeImageScanFindings,
  getRegistryScanningConfiguration,
  putRegistryScanningConfiguration,
  startImageScan,
} from './scanOperations';
import { listTagsForResource, tagResource, untagResource } from './tagOperations';

export const ECR_TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';

export const ecrOperations: Readonly<Record<string, EcrOperation>> = {
  BatchDeleteImage: batchDeleteImage,
  BatchGetImage: batchGetImage,
  BatchGetRepositoryScanningConfiguration: batchGetRepositoryScanningConfiguration,
  CreatePullThroughCacheRule: createPullThroughCacheRule,
  CreateRepository: createRepository,
  DeleteLifecyclePolicy: deleteLifecyclePolicy,
  DeletePullThroughCacheRule: deletePullThroughCacheRule,
  DeleteRepository: deleteRepository,
  DeleteRepositoryPolicy: deleteRepositoryPolicy,
  DescribeImageScanFindings: describeImageScanFindings,
  DescribeImages: describeImages,
  DescribePullThroughCacheRules: describePullThroughCacheRules,
  DescribeRegistry: describeRegistry,
  DescribeRepositories: describeRepositories,
  GetAuthorizationToken: getAuthorizationToken,
  GetDownloadUrlForLayer: getDownloadUrlForLayer,
  GetLifecyclePolicy: getLifecyclePolicy,
  GetLifecyclePolicyPreview: getLifecyclePolicyPreview,
  GetRegistryScanningConfiguration: getRegistryScanningConfiguration,
  GetRepositoryPolicy: getRepositoryPolicy,
  ListImages: listImages,
  ListTagsForResource: listTagsForResource,
  PutImageScanningConfiguration: putImageScanningConfiguration,
  PutImageTagMutability: putImageTagMutability,
  PutLifecyclePolicy: putLifecyclePolicy,
  PutRegistryScanningConfiguration: putRegistryScanningConfiguration,
  PutReplicationConfiguration: putReplicationConfiguration,
  SetRepositoryPolicy: setRepositoryPolicy,
  StartImageScan: startImageScan,
  StartLifecyclePolicyPreview: startLifecyclePolicyPreview,
  TagResource: tagResource,
  UntagResource: untagResource,
};

/** The handler of a known operation; `Object.hasOwn` keeps names like `toString` unknown. */
export function ecrOperation(name: string): EcrOperation | undefined {
  return Object.hasOwn(ecrOperations, name) ? ecrOperations[name] : undefined;
}
