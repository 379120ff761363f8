// What a user types when creating a repository, checked as they type with messages that say
// exactly what is wrong, so that CreateRepository never has to refuse it.
//
// Repository names: ECR's CreateRepository pattern
//   (?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*   2-256 characters.
// Exclusion filters (ImageTagMutabilityExclusionFilter.filter in the ECR API reference and the
// SDK model): 1-128 characters of ^[0-9a-zA-Z._*-]{1,128}$, filterType WILDCARD. The reference
// sets no limit on the number of '*' in one filter (the 4-wildcard limit is the lifecycle
// policies' tagPatternList rule), so none is enforced here.
// Resource tags (ECR's Tag type and the tagging rules of AWS): key 1-128, value 0-256
// characters, at most 50 tags, keys unique, and keys may not start with "aws:".

const SEPARATORS = '._-';
const NAME_PATTERN = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** undefined when ECR accepts the name; otherwise a message naming the first problem and where it is. */
export function validateRepositoryName(name: string): string | undefined {
  if (name.length === 0) {
    return 'Enter a repository name, e.g. "team/app".';
  }
  if (name.length < 2) {
    return 'A repository name needs at least 2 characters.';
  }
  if (name.length > 256) {
    return `A repository name can have at most 256 characters; this one has ${name.length}.`;
  }
  if (NAME_PATTERN.test(name)) {
    return undefined;
  }
  const chars = [...name];
  const upper = chars.findIndex((c) => c >= 'A' && c <= 'Z');
  if (upper >= 0) {
    return `Repository names are lower case: "${chars[upper]}" at position ${upper + 1} must be "${chars[upper]?.toLowerCase()}".`;
  }
  const invalid = chars.findIndex((c) => !/[a-z0-9._/-]/.test(c));
  if (invalid >= 0) {
    const c = chars[invalid] ?? '';
    const shown = /\s/.test(c) ? 'a space' : `"${c}"`;
    return `${shown} at position ${invalid + 1} is not allowed: use lower-case letters, digits, and . _ - between them, with / between namespaces.`;
  }
  // Only allowed characters are left; the problem is where separators and slashes stand.
  const components = name.split('/');
  let position = 1;
  for (const component of components) {
    if (component.length === 0) {
      return position === 1
        ? 'A repository name cannot start with "/".'
        : position > name.length
          ? 'A repository name cannot end with "/".'
          : `Position ${position}: two "/" in a row leave an empty namespace.`;
    }
    const first = component[0] ?? '';
    const last = component[component.length - 1] ?? '';
    if (SEPARATORS.includes(first)) {
      return `"${first}" at position ${position} must follow a letter or digit: each part of the name starts with a letter or digit.`;
    }
    if (SEPARATORS.includes(last)) {
      return `"${last}" at position ${position + component.length - 1} must be followed by a letter or digit: each part of the name ends with one.`;
    }
    for (let index = 1; index < component.length; index += 1) {
      const c = component[index] ?? '';
      if (SEPARATORS.includes(c) && SEPARATORS.includes(component[index - 1] ?? '')) {
        return `"${component[index - 1]}${c}" at position ${position + index - 1}: separators (. _ -) cannot follow each other.`;
      }
    }
    position += component.length + 1;
  }
  return 'This is not a valid repository name: use lower-case letters and digits, separated by . _ - or /.';
}

/** undefined when ECR accepts the exclusion filter (a tag wildcard such as "dev-*"). */
export function validateExclusionFilter(filter: string): string | undefined {
  if (filter.length === 0) {
    return 'Enter a tag filter, e.g. "dev-*" or "latest".';
  }
  if (filter.length > 128) {
    return `A tag filter can have at most 128 characters; this one has ${filter.length}.`;
  }
  const chars = [...filter];
  const invalid = chars.findIndex((c) => !/[0-9a-zA-Z._*-]/.test(c));
  if (invalid >= 0) {
    const c = chars[invalid] ?? '';
    const shown = /\s/.test(c) ? 'a space' : `"${c}"`;
    return `${shown} at position ${invalid + 1} is not allowed in a tag filter: use letters, digits, . _ - and * as the wildcard.`;
  }
  return undefined;
}

const MAX_TAGS = 50;

/**
 * Parses "team=a, env=prod" (commas or new lines between pairs; spaces around keys and values
 * ignored; an empty value is allowed as "key=" since AWS allows empty values).
 */
export function parseResourceTags(text: string): { tags: Array<{ key: string; value: string }> } | { error: string } {
  const tags: Array<{ key: string; value: string }> = [];
  const seen = new Set<string>();
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    if (equals < 0) {
      return { error: `"${entry}" needs a value: write key=value, e.g. "team=payments".` };
    }
    const key = entry.slice(0, equals).trim();
    const value = entry.slice(equals + 1).trim();
    if (key === '') {
      return { error: `"${entry}" has no key before "=".` };
    }
    if (key.length > 128) {
      return { error: `The tag key "${key.slice(0, 20)}…" has ${key.length} characters; keys can have at most 128.` };
    }
    if (value.length > 256) {
      return { error: `The value of tag "${key}" has ${value.length} characters; values can have at most 256.` };
    }
    if (key.toLowerCase().startsWith('aws:')) {
      return { error: `The tag key "${key}" starts with "aws:", which AWS reserves for its own tags.` };
    }
    const disallowed = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/u;
    const badKey = disallowed.exec(key);
    if (badKey) {
      return { error: `The tag key "${key}" contains "${badKey[0]}": keys and values may use letters, digits, spaces and _ . : / = + - @.` };
    }
    const badValue = disallowed.exec(value);
    if (badValue) {
      return { error: `The value of tag "${key}" contains "${badValue[0]}": keys and values may use letters, digits, spaces and _ . : / = + - @.` };
    }
    if (seen.has(key)) {
      return { error: `The tag key "${key}" appears twice; each key can have one value.` };
    }
    seen.add(key);
    tags.push({ key, value });
  }
  if (tags.length > MAX_TAGS) {
    return { error: `${tags.length} tags given; a repository can have at most ${MAX_TAGS}.` };
  }
  return { tags };
}
