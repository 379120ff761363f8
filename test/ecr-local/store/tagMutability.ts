// Whether a push may move a tag that already names another image. With the *_WITH_EXCLUSION
// modes, the filters flip the repository's rule for the tags they match.
import type { RepositoryRecord } from './model';
import { matchesAnyFilter } from './wildcardFilters';

export function isTagImmutable(repository: RepositoryRecord, tag: string): boolean {
  const filters = repository.tagMutabilityExclusionFilters;
  switch (repository.tagMutability) {
    case 'MUTABLE':
      return false;
    case 'IMMUTABLE':
      return true;
    case 'IMMUTABLE_WITH_EXCLUSION':
      return !matchesAnyFilter(filters, tag);
    case 'MUTABLE_WITH_EXCLUSION':
      return matchesAnyFilter(filters, tag);
  }
}

/** ECR's refusal message, or undefined when the push may go ahead. */
export function refuseTagMove(repository: RepositoryRecord, tag: string, imageDigest: string): string | undefined {
  const holder = [...repository.images.values()].find((image) => image.tags.includes(tag));
  if (!holder || holder.digest === imageDigest || !isTagImmutable(repository, tag)) {
    return undefined;
  }
  // ECR's wording; with exclusion filters it is the tag, not the whole repository, that is immutable.
  const what = repository.tagMutability === 'IMMUTABLE' ? 'the repository is immutable' : 'the tag is immutable';
  return `The image tag '${tag}' already exists in the '${repository.name}' repository and cannot be overwritten because ${what}.`;
}
