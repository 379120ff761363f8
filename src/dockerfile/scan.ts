// The single pass that cuts a Dockerfile into parser directives, comments and instructions, the
// way BuildKit reads it: directives only at the very top, `\` (or the escape directive's
// character) at the end of a line continues the instruction, comment and empty lines inside a
// continuation are dropped, and RUN/COPY/ADD heredocs (`<<EOF` … `EOF`) take the lines after the

// alone costs about half of dockerfile-utils' validate() (measured: 1.1 ms of 2.4 ms for a
// 100-line file, 3.6 ms for 300 lines), which leaves no room for the rules within our budget.
import { MappedText } from './mapped';

export interface Directive {
  readonly name: string;
  readonly value: string;
  readonly line: number;
  /** Character where the value starts. */
  readonly valueStart: number;
}

export interface HeredocBody {
  readonly name: string;
  /** `<<-`: leading tabs are stripped from the body and the terminator. */
  readonly stripTabs: boolean;
  /** `<<'EOF'` / `<<"EOF"`: no expansion in the body. */
  readonly quoted: boolean;
  /** Offsets of the `<<NAME` marker in the instruction's logical text. */
  readonly markerStart: number;
  readonly markerEnd: number;
  readonly body: MappedText;
  /** First body line, and the terminator's line (undefined when the heredoc never ends). */
  readonly firstLine: number;
  readonly terminatorLine: number | undefined;
}

export interface RawInstruction {
  readonly keywordText: string;
  readonly logical: MappedText;
  /** Offset in `logical` where the arguments start (after the keyword and its whitespace). */
  readonly argsStart: number;
  readonly startLine: number;
  readonly startCharacter: number;
  /** Last line of the instruction itself, before any heredoc body. */
  readonly lastLogicalLine: number;
  /** Last line including heredoc bodies. */
  readonly endLine: number;
  readonly endCharacter: number;
  readonly heredocs: readonly HeredocBody[];
  readonly emptyContinuationLines: readonly number[];
  readonly commentLines: readonly number[];
}

export interface ScanResult {
  readonly lines: readonly string[];
  readonly directives: readonly Directive[];
  readonly escape: string;
  readonly instructions: readonly RawInstruction[];
  /** Lines that are comments outside instructions (directive lines excluded). */
  readonly commentLines: readonly number[];
}

const DIRECTIVE = /^[ \t]*#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function firstNonBlank(line: string): number {
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) {
      break;
    }
    i++;
  }
  return i;
}

/** Where the continuation escape sits when the line ends with it (trailing blanks allowed), else -1. */
function continuationAt(line: string, escape: string): number {
  let end = line.length - 1;
  while (end >= 0) {
    const c = line.charCodeAt(end);
    if (c !== 32 && c !== 9) {
      break;
    }
    end--;
  }
  return end >= 0 && line[end] === escape ? end : -1;
}

export function scan(text: string): ScanResult {
  const lines = splitLines(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text);
  const directives: Directive[] = [];
  let escape = '\\';
  let index = 0;
  for (; index < lines.length; index++) {
    const match = DIRECTIVE.exec(lines[index] ?? '');
    if (!match) {
      break;
    }
    const name = (match[1] ?? '').toLowerCase();
    if (!KNOWN_DIRECTIVES.has(name) || directives.some((d) => d.name === name)) {
      break;
    }
    const value = match[2] ?? '';
    const line = lines[index] ?? '';
    directives.push({ name, value, line: index, valueStart: value === '' ? line.length : line.lastIndexOf(value) });
    if (name === 'escape' && (value === '`' || value === '\\')) {
      escape = value;
    }
  }

  const instructions: RawInstruction[] = [];
  const commentLines: number[] = [];
  while (index < lines.length) {
    const line = lines[index] ?? '';
    const start = firstNonBlank(line);
    if (start >= line.length) {
      index++;
      continue;
    }
    if (line[start] === '#') {
      commentLines.push(index);
      index++;
      continue;
    }
    const parsed = scanInstruction(lines, index, start, escape);
    instructions.push(parsed);
    index = parsed.endLine + 1;
  }
  return { lines, directives, escape, instructions, commentLines };
}

function scanInstruction(lines: readonly string[], first: number, start: number, escape: string): RawInstruction {
  const logical = new MappedText();
  const emptyContinuationLines: number[] = [];
  const innerComments: number[] = [];
  let lineIndex = first;
  let line = lines[first] ?? '';
  let from = start;
  let last = first;
  let lastEnd = line.length;
  for (;;) {
    const cont = continuationAt(line, escape);
    const stop = cont >= 0 ? cont : line.length;
    logical.append(line.slice(from, stop), lineIndex, from);
    last = lineIndex;
    lastEnd = line.length;
    if (cont < 0) {
      break;
    }
    // A continuation: skip comment and empty lines, then take the next line whole.
    let next = lineIndex + 1;
    while (next < lines.length) {
      const candidate = lines[next] ?? '';
      const blank = firstNonBlank(candidate);
      if (blank >= candidate.length) {
        emptyContinuationLines.push(next);
      } else if (candidate[blank] === '#') {
        innerComments.push(next);
      } else {
        break;
      }
      next++;
    }
    if (next >= lines.length) {
      last = Math.max(last, next - 1);
      lastEnd = (lines[last] ?? '').length;
      break;
    }
    lineIndex = next;
    line = lines[next] ?? '';
    from = 0;
  }

  const full = logical.text;
  let keywordEnd = 0;
  while (keywordEnd < full.length && !/\s/.test(full[keywordEnd] ?? '')) {
    keywordEnd++;
  }
  let argsStart = keywordEnd;
  while (argsStart < full.length && /\s/.test(full[argsStart] ?? '')) {
    argsStart++;
  }
  const keywordText = full.slice(0, keywordEnd);
  const heredocs: HeredocBody[] = [];
  let endLine = last;
  let endCharacter = lastEnd;
  let keyword = keywordText.toUpperCase();
  if (keyword === 'ONBUILD') {
    const trigger = /^\S+/.exec(full.slice(argsStart));
    keyword = trigger ? trigger[0].toUpperCase() : '';
  }
  if (HEREDOC_KEYWORDS.has(keyword)) {
    for (const marker of heredocMarkers(full, argsStart)) {
      const body = new MappedText();
      let cursor = endLine + 1;
      let terminatorLine: number | undefined;
      while (cursor < lines.length) {
        const raw = lines[cursor] ?? '';
        const stripped = marker.stripTabs ? raw.replace(/^\t+/, '') : raw;
        if (stripped === marker.name) {
          terminatorLine = cursor;
          break;
        }
        body.append(stripped + '\n', cursor, raw.length - stripped.length);
        cursor++;
      }
      heredocs.push({ ...marker, body, firstLine: endLine + 1, terminatorLine });
      endLine = terminatorLine ?? lines.length - 1;
      endCharacter = (lines[endLine] ?? '').length;
      if (terminatorLine === undefined) {
        break;
      }
    }
  }
  return {
    keywordText,
    logical,
    argsStart,
    startLine: first,
    startCharacter: start,
    lastLogicalLine: last,
    endLine,
    endCharacter,
    heredocs,
    emptyContinuationLines,
    commentLines: innerComments,
  };
}

interface Marker {
  readonly name: string;
  readonly stripTabs: boolean;
  readonly quoted: boolean;
  readonly markerStart: number;
  readonly markerEnd: number;
}

/** `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` outside quotes; `<<<` (a here-string) is not one. */
export function heredocMarkers(text: string, from: number): Marker[] {
  const markers: Marker[] = [];
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === '\\' && quote === '"') {
        i++;
      } else if (c === quote) {
        quote = '';
      }
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c !== '<' || text[i + 1] !== '<' || text[i + 2] === '<' || text[i - 1] === '<') {
      continue;
    }
    const match = /^<<(-?)(["']?)([A-Za-z0-9_][A-Za-z0-9_.-]*)\2/.exec(text.slice(i, i + 200));
    if (match) {
      markers.push({
        name: match[3] ?? '',
        stripTabs: match[1] === '-',
        quoted: (match[2] ?? '') !== '',
        markerStart: i,
        markerEnd: i + match[0].length,
      });
      i += match[0].length - 1;
    }
  }
  return markers;
}
