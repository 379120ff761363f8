// ECR's wildcard filters (lifecycle tagPatternList, tag-mutability exclusion filters, scanning
// and replication repository filters): `*` matches any run of characters, including none, and
// every other character matches itself. No regular expression is built from user text, so a
// pattern cannot be slow or be misread as regex syntax.

/** Number of `*` in a pattern (ECR allows at most 4 in a lifecycle tagPatternList entry). */
export function countWildcards(pattern: string): number {
  let count = 0;
  for (const character of pattern) {
    if (character === '*') {
      count++;
    }
  }
  return count;
}

/** Whether `text` matches the whole of `pattern`. */
export function matchesWildcard(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) {
    return pattern === text;
  }
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) {
    return false;
  }
  // Greedy left-to-right placement of the middle parts is optimal: placing each literal at its
  // earliest position leaves the most room for the ones after it.
  let position = first.length;
  const end = text.length - last.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, position);
    if (found < 0 || found + part.length > end) {
      return false;
    }
    position = found + part.length;
  }
  return true;
}
