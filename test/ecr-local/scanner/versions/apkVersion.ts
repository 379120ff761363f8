// Alpine package versions (apk-tools): 1.2.3[letter][_suffix[N]]...[-rN], e.g. 1.36.1-r2,
// 3.0.8_alpha1-r0, 2.9.14_p20230425-r0. The ordering follows apk-tools' version.c: the tokens
// are compared left to right; when the kinds of token differ, pre-release suffixes (_alpha,
// _beta, _pre, _rc) sort lowest and otherwise the version that goes on with a "bigger" kind of
// token (digit < letter < suffix < suffix number < revision < end) sorts higher, so
// 1.2 < 1.2.1, 1.2_rc1 < 1.2 < 1.2_p1 < 1.2.1 and 1.2 < 1.2-r1.
// Hand-written because no maintained npm package implements it; the unit tests pin it down.

type TokenKind = 'digit' | 'letter' | 'suffix' | 'suffixNumber' | 'revision' | 'end';

const KIND_ORDER: Record<TokenKind, number> = { digit: 0, letter: 1, suffix: 2, suffixNumber: 3, revision: 4, end: 5 };

/** apk's suffixes: negative ranks are pre-releases (below the bare version), positive ones post-releases. */
const SUFFIX_RANK: Record<string, number> = { alpha: -4, beta: -3, pre: -2, rc: -1, cvs: 1, svn: 2, git: 3, hg: 4, p: 5 };

interface Token {
  readonly kind: TokenKind;
  /** Digits as text, to compare numbers of any length and leading-zero fractions. */
  readonly text: string;
  /** Whether a digit token follows a '.', so leading zeros compare as a fraction (1.01 < 1.1). */
  readonly fractional: boolean;
}

/** The tokens of an apk version, or why it is not one. */
function tokenize(version: string): Token[] | string {
  const tokens: Token[] = [];
  const match = /^([0-9]+)/.exec(version);
  if (!match?.[1]) {
    return `"${version}" does not start with a digit`;
  }
  tokens.push({ kind: 'digit', text: match[1], fractional: false });
  let rest = version.slice(match[1].length);
  let lastKind: TokenKind = 'digit';
  while (rest !== '') {
    let step: RegExpExecArray | null;
    if (lastKind === 'digit' && (step = /^\.([0-9]+)/.exec(rest)) && step[1]) {
      tokens.push({ kind: 'digit', text: step[1], fractional: true });
      lastKind = 'digit';
    } else if (lastKind === 'digit' && (step = /^([a-z])/.exec(rest)) && step[1]) {
      tokens.push({ kind: 'letter', text: step[1], fractional: false });
      lastKind = 'letter';
    } else if (lastKind !== 'revision' && (step = /^_([a-z]+)([0-9]*)/.exec(rest)) && step[1] !== undefined) {
      const rank = SUFFIX_RANK[step[1]];
      if (rank === undefined) {
        return `"${version}" has an unknown suffix _${step[1]}`;
      }
      tokens.push({ kind: 'suffix', text: String(rank), fractional: false });
      if (step[2]) {
        tokens.push({ kind: 'suffixNumber', text: step[2], fractional: false });
      }
      lastKind = 'suffix';
    } else if (lastKind !== 'revision' && (step = /^-r([0-9]+)$/.exec(rest)) && step[1]) {
      tokens.push({ kind: 'revision', text: step[1], fractional: false });
      lastKind = 'revision';
    } else {
      return `"${version}" is not an apk version (unexpected "${rest}")`;
    }
    rest = rest.slice(step[0].length);
  }
  tokens.push({ kind: 'end', text: '', fractional: false });
  return tokens;
}

export function isApkVersion(text: string): boolean {
  return typeof tokenize(text.trim()) !== 'string';
}

/** Negative, zero or positive as `a` sorts before, with or after `b`. Throws on a non-version. */
export function compareApkVersions(a: string, b: string): number {
  const left = tokensOrThrow(a);
  const right = tokensOrThrow(b);
  for (let index = 0; ; index += 1) {
    const x = left[index];
    const y = right[index];
    if (!x || !y) {
      return 0; // both ended together ('end' tokens are equal)
    }
    if (x.kind !== y.kind) {
      if (x.kind === 'suffix' && Number(x.text) < 0) {
        return -1;
      }
      if (y.kind === 'suffix' && Number(y.text) < 0) {
        return 1;
      }
      return KIND_ORDER[x.kind] > KIND_ORDER[y.kind] ? -1 : 1;
    }
    const difference = compareValues(x, y);
    if (difference !== 0) {
      return difference;
    }
    if (x.kind === 'end') {
      return 0;
    }
  }
}

function tokensOrThrow(text: string): Token[] {
  const tokens = tokenize(text.trim());
  if (typeof tokens === 'string') {
    throw new Error(`Not an apk version: ${tokens}.`);
  }
  return tokens;
}

function compareValues(x: Token, y: Token): number {
  switch (x.kind) {
    case 'letter':
      return x.text < y.text ? -1 : x.text > y.text ? 1 : 0;
    case 'suffix':
      return Math.sign(Number(x.text) - Number(y.text));
    case 'end':
      return 0;
    default:
      if (x.fractional && (x.text.startsWith('0') || y.text.startsWith('0'))) {
        // apk compares a component with leading zeros as a decimal fraction: .01 < .1.
        return x.text < y.text ? -1 : x.text > y.text ? 1 : 0;
      }
      return compareDigits(x.text, y.text);
  }
}

/** Compares two runs of digits numerically, whatever their length. */
function compareDigits(a: string, b: string): number {
  const left = a.replace(/^0+(?=.)/, '');
  const right = b.replace(/^0+(?=.)/, '');
  if (left.length !== right.length) {
    return left.length < right.length ? -1 : 1;
  }
  return left < right ? -1 : left > right ? 1 : 0;
}
