// A piece of logical text (an instruction with its line continuations joined and embedded comment
// lines dropped, or a heredoc body) that remembers where each character came from in the document,
// so a rule can report on a slice of the logical text and still point at the right columns.
import type { Position, Range } from './types';

export class MappedText {
  /** Flat triples: logical offset where a segment starts, its document line, its start character. */
  private readonly segments: number[] = [];
  private value = '';

  get text(): string {
    return this.value;
  }

  append(piece: string, line: number, character: number): void {
    if (piece.length === 0) {
      return;
    }
    this.segments.push(this.value.length, line, character);
    this.value += piece;
  }

  /** The document position of the character at `offset` (clamped to the text). */
  position(offset: number): Position {
    const segs = this.segments;
    if (segs.length === 0) {
      return { line: 0, character: 0 };
    }
    const target = Math.max(0, Math.min(offset, this.value.length));
    let lo = 0;
    let hi = segs.length / 3 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((segs[mid * 3] ?? 0) <= target) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    const base = lo * 3;
    return { line: segs[base + 1] ?? 0, character: (segs[base + 2] ?? 0) + target - (segs[base] ?? 0) };
  }

  /** The position just after the character before `offset`: the right end of a range. */
  endPosition(offset: number): Position {
    if (offset <= 0) {
      return this.position(0);
    }
    const last = this.position(Math.min(offset, this.value.length) - 1);
    return { line: last.line, character: last.character + 1 };
  }

  range(start: number, end: number): Range {
    const from = this.position(start);
    return { start: from, end: end > start ? this.endPosition(end) : from };
  }
}
