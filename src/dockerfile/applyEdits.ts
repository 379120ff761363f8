// Applies TextEdits (0-based line/character ranges, as in the LSP) to a string. Used by the tests
// to check fixes and by the CLI's --fix style features. Edits must not overlap; they are applied
// from the end of the document backwards so earlier ranges stay valid.
import type { Position, TextEdit } from './types';

/** Offsets of each line start, splitting on \r\n, \r and \n like VS Code does. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        i++;
      }
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

function offsetOf(text: string, starts: readonly number[], position: Position): number {
  if (position.line < 0) {
    return 0;
  }
  if (position.line >= starts.length) {
    return text.length;
  }
  const start = starts[position.line] ?? 0;
  const next = starts[position.line + 1];
  // The end of the line excludes its terminator.
  let end = next === undefined ? text.length : next;
  if (next !== undefined) {
    end--;
    if (end > start && text.charCodeAt(end) === 10 && text.charCodeAt(end - 1) === 13) {
      end--;
    }
  }
  return Math.min(start + Math.max(0, position.character), end);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const resolved = edits
    .map((edit, order) => ({
      start: offsetOf(text, starts, edit.range.start),
      end: offsetOf(text, starts, edit.range.end),
      newText: edit.newText,
      order,
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end || b.order - a.order);
  let result = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const edit of resolved) {
    if (edit.end > limit) {
      throw new Error('Overlapping edits cannot be applied together.');
    }
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}

/** Substitutes a prompted value into a fix's edits (`${value}` placeholders). */
export function withPromptValue(edits: readonly TextEdit[], value: string): TextEdit[] {
  return edits.map((edit) => ({ range: edit.range, newText: edit.newText.split('${value}').join(value) }));
}
