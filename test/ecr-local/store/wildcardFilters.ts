// Repository and tag filters with `*` wildcards (tag-mutability exclusions, registry scanning
// rules): the same matcher as the lifecycle policy's tagPatternList.
import { matchesWildcard } from '../../../src/ecr/lifecycle';
import type { WildcardFilter } from './model';

export function matchesAnyFilter(filters: readonly WildcardFilter[], value: string): boolean {
  return filters.some((filter) => matchesWildcard(filter.filter, value));
}
