// Debian package version ordering ([epoch:]upstream[-revision]), as dpkg --compare-versions
// does it (Debian Policy 5.6.12): epochs numerically, then upstream and revision by dpkg's
// alternating non-digit / digit comparison where `~` sorts before everything, even the end of
// the string (1.0~rc1 < 1.0), and letters sort before other characters.
// Hand-written because no maintained npm package implements it; the unit tests pin it down.

export interface DpkgVersion {
  readonly epoch: number;
  readonly upstream: string;
  readonly revision: string;
}

const UPSTREAM = /^[0-9][A-Za-z0-9.+~:-]*$/;
const REVISION = /^[A-Za-z0-9.+~]+$/;

/** Parses a Debian version, or returns why it is not one. */
export function parseDpkgVersion(text: string): DpkgVersion | string {
  const version = text.trim();
  if (version === '') {
    return 'an empty version';
  }
  let rest = version;
  let epoch = 0;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const epochText = rest.slice(0, colon);
    if (!/^[0-9]+$/.test(epochText)) {
      return `"${version}" has an epoch that is not a number`;
    }
    epoch = Number(epochText);
    rest = rest.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  const upstream = dash >= 0 ? rest.slice(0, dash) : rest;
  const revision = dash >= 0 ? rest.slice(dash + 1) : '';
  if (!UPSTREAM.test(upstream)) {
    return `"${version}" has an upstream version that does not start with a digit or holds characters dpkg refuses`;
  }
  if (dash >= 0 && !REVISION.test(revision)) {
    return `"${version}" has an empty or malformed Debian revision`;
  }
  return { epoch, upstream, revision };
}

export function isDpkgVersion(text: string): boolean {
  return typeof parseDpkgVersion(text) !== 'string';
}

/** Negative, zero or positive as `a` sorts before, with or after `b`. Throws on a non-version. */
export function compareDpkgVersions(a: string, b: string): number {
  const left = parseOrThrow(a);
  const right = parseOrThrow(b);
  if (left.epoch !== right.epoch) {
    return Math.sign(left.epoch - right.epoch);
  }
  return Math.sign(compareFragment(left.upstream, right.upstream) || compareFragment(left.revision, right.revision));
}

function parseOrThrow(text: string): DpkgVersion {
  const parsed = parseDpkgVersion(text);
  if (typeof parsed === 'string') {
    throw new Error(`Not a Debian version: ${parsed}.`);
  }
  return parsed;
}

const isDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';
const isLetter = (char: string | undefined): boolean => char !== undefined && /^[A-Za-z]$/.test(char);

/** The weight of one non-digit character: ~ below the end of the string, letters below the rest. */
function weight(char: string | undefined): number {
  if (char === undefined || isDigit(char)) {
    return 0;
  }
  if (char === '~') {
    return -1;
  }
  return isLetter(char) ? char.charCodeAt(0) : char.charCodeAt(0) + 256;
}

function compareFragment(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // A run of non-digits, character by character.
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const difference = weight(a[i]) - weight(b[j]);
      if (difference !== 0) {
        return difference;
      }
      i += 1;
      j += 1;
    }
    // A run of digits, numerically (without converting: runs may be longer than 2^53).
    while (a[i] === '0') {
      i += 1;
    }
    while (b[j] === '0') {
      j += 1;
    }
    let firstDifference = 0;
    while (isDigit(a[i]) && isDigit(b[j])) {
      if (firstDifference === 0) {
        firstDifference = a.charCodeAt(i) - b.charCodeAt(j);
      }
      i += 1;
      j += 1;
    }
    if (isDigit(a[i])) {
      return 1;
    }
    if (isDigit(b[j])) {
      return -1;
    }
    if (firstDifference !== 0) {
      return firstDifference;
    }
  }
  return 0;
}
