// Resource tags as ECR validates them (CreateRepository's tags, TagResource): keys 1-128 and
// values 0-256 characters, no `aws:` prefix, at most 50 per resource.
import { ApiError } from '../protocol/apiError';
import type { ResourceTag } from '../store/model';
import type { Input } from './input';

export const MAX_TAGS_PER_RESOURCE = 50;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function readResourceTags(input: Input, member: string, required: boolean): ResourceTag[] | undefined {
  const entries = required ? input.requiredObjects(member) : input.optionalObjects(member);
  return entries?.map((entry) => {
    const Key = entry.requiredString('Key', { min: 1, max: 128 });
    const Value = entry.requiredString('Value', { min: 0, max: 256 });
    if (!TAG_TEXT.test(Key) || !TAG_TEXT.test(Value)) {
      throw new ApiError('InvalidTagParameterException', `The tag '${Key}' has characters outside letters, digits, spaces and _ . : / = + - @.`);
    }
    if (Key.toLowerCase().startsWith('aws:')) {
      throw new ApiError('InvalidTagParameterException', `The tag key '${Key}' uses the reserved prefix 'aws:'.`);
    }
    return { Key, Value };
  });
}

/** Adds or replaces tags by key, refusing to go past the per-resource limit. */
export function mergeTags(existing: readonly ResourceTag[], added: readonly ResourceTag[]): ResourceTag[] {
  const merged = new Map(existing.map((tag) => [tag.Key, tag.Value]));
  for (const tag of added) {
    merged.set(tag.Key, tag.Value);
  }
  if (merged.size > MAX_TAGS_PER_RESOURCE) {
    throw new ApiError(
      'TooManyTagsException',
      `A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags; this request would leave it with ${merged.size}.`,
    );
  }
  return [...merged].map(([Key, Value]) => ({ Key, Value }));
}
