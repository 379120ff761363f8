// TagResource, UntagResource and ListTagsForResource on repository ARNs.
import type { ListTagsForResourceResponse, TagResourceResponse, UntagResourceResponse } from '@aws-sdk/client-ecr';
import { invalidParameter } from '../protocol/apiError';
import { ACCOUNT_ID, parseRepositoryArn } from '../store/account';
import { ecrErrors } from '../store/ecrErrors';
import type { RepositoryRecord } from '../store/model';
import type { EcrCall } from './call';
import { mergeTags, readResourceTags } from './resourceTags';

function taggedRepository(call: EcrCall): RepositoryRecord {
  const arn = call.input.requiredString('resourceArn', { min: 1 });
  const parsed = parseRepositoryArn(arn);
  if (!parsed) {
    throw invalidParameter('resourceArn', `Invalid ARN '${arn}': expected arn:aws:ecr:REGION:ACCOUNT:repository/NAME`);
  }
  if (parsed.region !== call.regionName || parsed.accountId !== ACCOUNT_ID) {
    throw invalidParameter(
      'resourceArn',
      `'${arn}' is not in this registry (${call.regionName}, ${ACCOUNT_ID}); sign the request for the ARN's region`,
    );
  }
  const repository = call.region.repositories.get(parsed.repositoryName);
  if (!repository) {
    throw ecrErrors.repositoryNotFound(parsed.repositoryName);
  }
  return repository;
}

export function tagResource(call: EcrCall): TagResourceResponse {
  const repository = taggedRepository(call);
  const tags = readResourceTags(call.input, 'tags', true) ?? [];
  repository.tags = mergeTags(repository.tags, tags);
  call.store.changed();
  return {};
}

export function untagResource(call: EcrCall): UntagResourceResponse {
  const repository = taggedRepository(call);
  const keys = new Set(call.input.requiredStrings('tagKeys', { min: 0, max: 50 }, { min: 1, max: 128 }));
  repository.tags = repository.tags.filter((tag) => !keys.has(tag.Key));
  call.store.changed();
  return {};
}

export function listTagsForResource(call: EcrCall): ListTagsForResourceResponse {
  const repository = taggedRepository(call);
  return { tags: repository.tags.map((tag) => ({ ...tag })) };
}
