// Ordering package versions well enough to pick the fix that covers several findings of one
// package (CVE-a fixed in 3.0.13, CVE-b in 3.0.15 → pin 3.0.15). It follows dpkg's rules, which
// also order rpm, semver and PEP 440 release versions the expected way: an optional "epoch:",
// then runs of digits compared as numbers and of other characters compared as text, where "~"
// sorts before anything (1.0~rc1 < 1.0). Pre-release spellings of other ecosystems (1.0-rc1 vs
// 1.0) are not special-cased; that only matters for the rare fix that is itself a pre-release.

export function compareVersions(a: string, b: string): number {
  const [epochA, restA] = splitEpoch(a);
  const [epochB, restB] = splitEpoch(b);
  return epochA - epochB || compareRuns(restA, restB);
}

/** The highest of `versions` by compareVersions (the first of equals); undefined for an empty list. */
export function highestVersion(versions: Iterable<string>): string | undefined {
  // A package's findings repeat a few fixed versions many times: compare each one once.
  const seen = new Set<string>();
  let best: string | undefined;
  for (const version of versions) {
    if (seen.has(version)) {
      continue;
    }
    seen.add(version);
    if (best === undefined || compareVersions(version, best) > 0) {
      best = version;
    }
  }
  return best;
}

function splitEpoch(version: string): [number, string] {
  if (!version.includes(':')) {
    return [0, version];
  }
  const match = /^(\d+):(.*)$/.exec(version);
  return match ? [Number(match[1]), match[2] ?? ''] : [0, version];
}

function compareRuns(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // Text run (dpkg: letters before non-letters, "~" before everything, even the end).
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const inA = i < a.length && !isDigit(a[i]);
      const inB = j < b.length && !isDigit(b[j]);
      const ca = inA ? order(a[i] ?? '') : 0;
      const cb = inB ? order(b[j] ?? '') : 0;
      if (ca !== cb) {
        return ca - cb;
      }
      i += inA ? 1 : 0;
      j += inB ? 1 : 0;
    }
    let na = '';
    while (i < a.length && isDigit(a[i])) {
      na += a[i];
      i++;
    }
    let nb = '';
    while (j < b.length && isDigit(b[j])) {
      nb += b[j];
      j++;
    }
    const diff = compareNumbers(na, nb);
    if (diff !== 0) {
      return diff;
    }
  }
  return 0;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function order(c: string): number {
  if (c === '~') {
    return -1;
  }
  const code = c.charCodeAt(0);
  const isLetter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return isLetter ? code : code + 256;
}

function compareNumbers(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}
