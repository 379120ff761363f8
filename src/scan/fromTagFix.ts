// "Move to a newer base tag": the edit that swaps the tag of a FROM's image, keeping its registry
// and repository as written and dropping a digest (a digest pins the old image). Which tag to
// move to is the view's choice (it knows the repository's tags and their scans).
import { buildModel } from '../dockerfile/dockerfile';
import type { Fix } from '../dockerfile/types';

/** Docker's tag grammar. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * The fix for the FROM instruction that covers `line` (0-based), or undefined when there is none,
 * its image is written in quotes, or `newTag` is not a tag. Variables in the repository part are
 * kept (`FROM ${REGISTRY}/app:1.0` → `${REGISTRY}/app:1.1`); a variable tag is replaced.
 */
export function fromTagFix(text: string, line: number, newTag: string): Fix | undefined {
  if (!TAG.test(newTag)) {
    return undefined;
  }
  let instruction;
  try {
    instruction = buildModel(text).instructions.find((candidate) => candidate.keyword === 'FROM' && candidate.startLine <= line && line <= candidate.endLine);
  } catch {
    return undefined;
  }
  const word = instruction?.operands()[0];
  if (!instruction || !word || word.raw !== word.value) {
    return undefined;
  }
  const nameEnd = repositoryEnd(word.raw);
  // `FROM ${BASE}` may hold a tag of its own: where the tag goes is not knowable from the text.
  const variableWithoutTag = nameEnd === word.raw.length && word.raw.includes('$');
  if (nameEnd === 0 || variableWithoutTag || word.raw.toLowerCase() === 'scratch') {
    return undefined;
  }
  const newText = `${word.raw.slice(0, nameEnd)}:${newTag}`;
  if (newText === word.raw) {
    return undefined;
  }
  return {
    title: `Move the base image to ${newTag}`,
    edits: [{ range: instruction.rangeOf(word.start, word.end), newText }],
  };
}

/** Where the repository part of an image reference ends (before `:tag` or `@digest`), skipping `${…}`. */
function repositoryEnd(reference: string): number {
  let depth = 0;
  let lastSlash = -1;
  for (let i = 0; i < reference.length; i++) {
    const c = reference[i];
    if (c === '$' && reference[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}' && depth > 0) {
      depth--;
    } else if (depth === 0 && c === '/') {
      lastSlash = i;
    } else if (depth === 0 && c === '@') {
      return i;
    } else if (depth === 0 && c === ':' && i > lastSlash && !isRegistryPort(reference, i, lastSlash)) {
      return i;
    }
  }
  return reference.length;
}

/** `localhost:5000/app`: a colon before the first slash, followed by a path, is the registry's port. */
function isRegistryPort(reference: string, colon: number, lastSlash: number): boolean {
  return lastSlash < 0 && /^\d+\//.test(reference.slice(colon + 1));
}
