// Dockerfile-level words: the arguments of FROM, COPY, EXPOSE, USER… split on blanks, with quotes
// and the escape character honoured, each with its offsets in the instruction's logical text.

export interface Word {
  /** The value with quotes removed and escapes resolved. */
  readonly value: string;
  /** The text as written. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
}

export function splitWords(text: string, from: number, to: number, escape: string): Word[] {
  const words: Word[] = [];
  let i = from;
  while (i < to) {
    while (i < to && (text[i] === ' ' || text[i] === '\t')) {
      i++;
    }
    if (i >= to) {
      break;
    }
    const start = i;
    let value = '';
    while (i < to && text[i] !== ' ' && text[i] !== '\t') {
      const c = text[i] ?? '';
      if (c === escape && i + 1 < to) {
        value += text[i + 1];
        i += 2;
      } else if (c === '"' || c === "'") {
        i++;
        while (i < to && text[i] !== c) {
          if (c === '"' && text[i] === escape && i + 1 < to) {
            i++;
          }
          value += text[i];
          i++;
        }
        i++;
      } else {
        value += c;
        i++;
      }
    }
    const end = Math.min(i, to);
    words.push({ value, raw: text.slice(start, end), start, end });
  }
  return words;
}

export interface Flag {
  /** Without the leading dashes, lower-cased. */
  readonly name: string;
  readonly value: string | undefined;
  readonly start: number;
  readonly end: number;
  readonly valueStart: number;
}

/** Leading `--name[=value]` words of an instruction (FROM, COPY, ADD, RUN, HEALTHCHECK). */
export function leadingFlags(words: readonly Word[]): { flags: Flag[]; rest: Word[] } {
  const flags: Flag[] = [];
  let index = 0;
  for (; index < words.length; index++) {
    const word = words[index];
    if (!word || !word.raw.startsWith('--') || word.raw.length === 2) {
      break;
    }
    const eq = word.value.indexOf('=');
    const rawEq = word.raw.indexOf('=');
    flags.push({
      name: (eq >= 0 ? word.value.slice(2, eq) : word.value.slice(2)).toLowerCase(),
      value: eq >= 0 ? word.value.slice(eq + 1) : undefined,
      start: word.start,
      end: word.end,
      valueStart: rawEq >= 0 ? word.start + rawEq + 1 : word.end,
    });
  }
  return { flags, rest: words.slice(index) };
}

export interface KeyValue {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: string | undefined;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** `key=value` (true) or the legacy `key value` form (false). */
  readonly equals: boolean;
}

/** ENV/LABEL/ARG pairs: `a=1 b="two words"`, the legacy `ENV key value with spaces`, `ARG name`. */
export function keyValues(words: readonly Word[], text: string, allowLegacy: boolean): KeyValue[] {
  const first = words[0];
  if (!first) {
    return [];
  }
  if (allowLegacy && !first.raw.includes('=')) {
    const rest = words.slice(1);
    const last = rest[rest.length - 1];
    const head = rest[0];
    return [
      {
        key: first.value,
        keyStart: first.start,
        keyEnd: first.end,
        value: head && last ? rest.map((w) => w.value).join(' ') : undefined,
        valueStart: head ? head.start : first.end,
        valueEnd: last ? last.end : first.end,
        equals: false,
      },
    ];
  }
  return words.map((word) => {
    const eq = word.raw.indexOf('=');
    if (eq < 0) {
      return { key: word.value, keyStart: word.start, keyEnd: word.end, value: undefined, valueStart: word.end, valueEnd: word.end, equals: false };
    }
    const rawKey = text.slice(word.start, word.start + eq);
    const valueEq = word.value.indexOf('=');
    return {
      key: rawKey.replace(/^["']|["']$/g, ''),
      keyStart: word.start,
      keyEnd: word.start + eq,
      value: valueEq >= 0 ? word.value.slice(valueEq + 1) : '',
      valueStart: word.start + eq + 1,
      valueEnd: word.end,
      equals: true,
    };
  });
}

/** The exec (JSON) form of CMD/ENTRYPOINT/RUN/SHELL, or undefined for the shell form. */
export function parseJsonArray(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) {
      return parsed;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
