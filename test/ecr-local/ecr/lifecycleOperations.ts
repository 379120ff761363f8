// Get/Put/DeleteLifecyclePolicy and Start/GetLifecyclePolicyPreview. Policies are validated and
// previews computed by the extension's own lifecycle core (src/ecr/lifecycle), so the local
// preview and ECR's agree by construction wherever that core is right.
import type {
  DeleteLifecyclePolicyResponse,
  GetLifecyclePolicyPreviewResponse,
  GetLifecyclePolicyResponse,
  PutLifecyclePolicyResponse,
  StartLifecyclePolicyPreviewResponse,
} from '@aws-sdk/client-ecr';
import {
  evaluateLifecyclePolicy,
  parseLifecyclePolicy,
  POLICY_TEXT_MAX_LENGTH,
  POLICY_TEXT_MIN_LENGTH,
  type LifecyclePolicy,
} from '../../../src/ecr/lifecycle';
import { invalidParameter } from '../protocol/apiError';
import { ACCOUNT_ID } from '../store/account';
import { ecrErrors } from '../store/ecrErrors';
import type { LifecyclePreviewRecord, RepositoryRecord } from '../store/model';
import { lookUpImage, readImageId, targetRepository, type EcrCall } from './call';
import { paginate, refusePagingWith } from './paging';

const POLICY_TEXT = { min: POLICY_TEXT_MIN_LENGTH, max: POLICY_TEXT_MAX_LENGTH };

/** Validates policy text with the lifecycle core, refusing it in ECR's words. */
function validatedPolicy(text: string): LifecyclePolicy {
  const parsed = parseLifecyclePolicy(text);
  if (!parsed.ok) {
    throw invalidParameter('LifecyclePolicyText', `Lifecycle policy validation failure: ${parsed.errors.join('; ')}`);
  }
  return parsed.policy;
}

function policyResponse(repository: RepositoryRecord, policy: NonNullable<RepositoryRecord['lifecyclePolicy']>) {
  return {
    registryId: ACCOUNT_ID,
    repositoryName: repository.name,
    lifecyclePolicyText: policy.text,
    ...(policy.lastEvaluatedAt !== undefined ? { lastEvaluatedAt: new Date(policy.lastEvaluatedAt) } : {}),
  };
}

export function putLifecyclePolicy(call: EcrCall): PutLifecyclePolicyResponse {
  const repository = targetRepository(call);
  const text = call.input.requiredString('lifecyclePolicyText', POLICY_TEXT);
  validatedPolicy(text);
  repository.lifecyclePolicy = { text };
  call.store.changed();
  return { registryId: ACCOUNT_ID, repositoryName: repository.name, lifecyclePolicyText: text };
}

export function getLifecyclePolicy(call: EcrCall): GetLifecyclePolicyResponse {
  const repository = targetRepository(call);
  if (!repository.lifecyclePolicy) {
    throw ecrErrors.lifecyclePolicyNotFound(repository.name);
  }
  return policyResponse(repository, repository.lifecyclePolicy);
}

export function deleteLifecyclePolicy(call: EcrCall): DeleteLifecyclePolicyResponse {
  const repository = targetRepository(call);
  const policy = repository.lifecyclePolicy;
  if (!policy) {
    throw ecrErrors.lifecyclePolicyNotFound(repository.name);
  }
  delete repository.lifecyclePolicy;
  call.store.changed();
  return policyResponse(repository, policy);
}

export function startLifecyclePolicyPreview(call: EcrCall): StartLifecyclePolicyPreviewResponse {
  const repository = targetRepository(call);
  const text = call.input.optionalString('lifecyclePolicyText', POLICY_TEXT) ?? repository.lifecyclePolicy?.text;
  if (text === undefined) {
    throw ecrErrors.lifecyclePolicyNotFound(repository.name);
  }
  // The stored policy was validated when it was put; validating again costs little and guards the state file.
  const policy = validatedPolicy(text);
  if (repository.lifecyclePreview?.status === 'IN_PROGRESS') {
    throw ecrErrors.lifecyclePreviewInProgress(repository.name);
  }
  const preview: LifecyclePreviewRecord = { policyText: text, status: 'IN_PROGRESS', results: [] };
  repository.lifecyclePreview = preview;
  call.store.changed();
  // Like ECR, the preview completes a little later: clients poll GetLifecyclePolicyPreview.
  setTimeout(() => {
    try {
      completePreview(call, repository, preview, policy);
    } catch (error) {
      // A timer has no caller to answer: record the failure rather than crash the process.
      preview.status = 'FAILED';
      call.store.log(`lifecycle preview of ${repository.name} failed: ${(error as Error).stack ?? String(error)}`);
    }
  }, call.previewDelayMs).unref();
  return { registryId: ACCOUNT_ID, repositoryName: repository.name, lifecyclePolicyText: text, status: 'IN_PROGRESS' };
}

function completePreview(call: EcrCall, repository: RepositoryRecord, preview: LifecyclePreviewRecord, policy: LifecyclePolicy): void {
  if (repository.lifecyclePreview !== preview) {
    return;
  }
  const images = [...repository.images.values()].map((image) => ({
    imageDigest: image.digest,
    imageTags: image.tags,
    imagePushedAt: new Date(image.pushedAt),
    imageSizeInBytes: image.sizeInBytes,
    ...(image.lastPulledAt !== undefined ? { lastRecordedPullTime: new Date(image.lastPulledAt) } : {}),
  }));
  const evaluation = evaluateLifecyclePolicy(policy, images, new Date(call.store.now()));
  preview.results = evaluation.expired.map(({ image, appliedRulePriority }) => ({
    digest: image.imageDigest,
    tags: [...image.imageTags],
    pushedAt: image.imagePushedAt.getTime(),
    appliedRulePriority,
    sizeInBytes: image.imageSizeInBytes ?? 0,
  }));
  preview.status = 'COMPLETE';
  call.store.changed();
}

export function getLifecyclePolicyPreview(call: EcrCall): GetLifecyclePolicyPreviewResponse {
  const repository = targetRepository(call);
  const { input } = call;
  const preview = repository.lifecyclePreview;
  const ids = input.optionalObjects('imageIds', { min: 1, max: 100 })?.map(readImageId);
  if (ids) {
    refusePagingWith(input, 'imageIds');
  }
  const tagStatus = input.optionalObject('filter')?.optionalString('tagStatus', { oneOf: ['TAGGED', 'UNTAGGED', 'ANY'] }) ?? 'ANY';
  if (!preview) {
    throw ecrErrors.lifecyclePreviewNotFound(repository.name);
  }
  const base = { registryId: ACCOUNT_ID, repositoryName: repository.name, lifecyclePolicyText: preview.policyText, status: preview.status };
  if (preview.status !== 'COMPLETE') {
    return base;
  }
  let results = preview.results.filter(
    (result) => tagStatus === 'ANY' || (tagStatus === 'TAGGED') === result.tags.length > 0,
  );
  if (ids) {
    const wanted = new Set(ids.flatMap((id) => {
      const found = lookUpImage(repository, id);
      return 'image' in found ? [found.image.digest] : id.imageDigest !== undefined ? [id.imageDigest] : [];
    }));
    results = results.filter((result) => wanted.has(result.digest));
  }
  const numbered = results.map((result, index) => ({ result, key: String(index).padStart(8, '0') }));
  const page = ids
    ? { items: numbered }
    : paginate(input, numbered, (entry) => entry.key, { operation: call.operation, maxResults: 100 });
  return {
    ...base,
    previewResults: page.items.map(({ result }) => ({
      ...(result.tags.length > 0 ? { imageTags: [...result.tags] } : {}),
      imageDigest: result.digest,
      imagePushedAt: new Date(result.pushedAt),
      action: { type: 'EXPIRE' },
      appliedRulePriority: result.appliedRulePriority,
    })),
    summary: { expiringImageTotalCount: preview.results.length },
    ...('nextToken' in page && page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}
