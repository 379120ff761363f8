// Numbers, sizes, dates and money as the explorer shows them in tree descriptions and tooltips.
// Pure and locale-aware through Intl, so that the views only pass vscode.env.language.

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/**
 * "512 B", "1.2 GB". Steps of 1024, as the ECR console and `docker images` count and as AWS bills
 * storage (a GB-month is 2^30 bytes), with the short unit names people read them with.
 */
export function formatBytes(bytes: number, locale = 'en'): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return '?';
  }
  let unitIndex = 0;
  let value = bytes;
  while (value >= 1024 && unitIndex < BYTE_UNITS.length - 1) {
    value /= 1024;
    unitIndex += 1;
  }
  // 1023.96 KB would round to "1,024 KB": move up a unit instead.
  if (unitIndex < BYTE_UNITS.length - 1 && unitIndex > 0 && Number(value.toFixed(1)) >= 1024) {
    value /= 1024;
    unitIndex += 1;
  }
  const unit = BYTE_UNITS[unitIndex] ?? 'byte';
  const formatter = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: unitIndex === 0 ? 0 : value < 10 ? 1 : 0,
  });
  // CLDR's short English names are "byte" and "kB" (decimal kilo); with steps of 1024 everyone
  // writes "B" and "KB", as the ECR console does.
  const englishUnits: Record<string, string> = { byte: 'B', kB: 'KB' };
  return formatter
    .formatToParts(value)
    .map((part) => (part.type === 'unit' ? (englishUnits[part.value] ?? part.value) : part.value))
    .join('');
}

const RELATIVE_STEPS: ReadonlyArray<{ unit: Intl.RelativeTimeFormatUnit; seconds: number }> = [
  { unit: 'year', seconds: 365 * 24 * 3600 },
  { unit: 'month', seconds: 30 * 24 * 3600 },
  { unit: 'week', seconds: 7 * 24 * 3600 },
  { unit: 'day', seconds: 24 * 3600 },
  { unit: 'hour', seconds: 3600 },
  { unit: 'minute', seconds: 60 },
];

/** "3 days ago", "yesterday", "in 2 hours", "just now" (under a minute either way). */
export function formatRelativeTime(date: Date, now: Date, locale = 'en'): string {
  const seconds = (date.getTime() - now.getTime()) / 1000;
  if (!Number.isFinite(seconds)) {
    return '?';
  }
  const formatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (Math.abs(seconds) < 60) {
    // Intl says "now"; in English, "just now" reads better in a list of past pushes.
    return locale.toLowerCase().startsWith('en') ? 'just now' : formatter.format(0, 'second');
  }
  for (const step of RELATIVE_STEPS) {
    if (Math.abs(seconds) >= step.seconds) {
      return formatter.format(Math.trunc(seconds / step.seconds), step.unit);
    }
  }
  return formatter.format(Math.trunc(seconds / 60), 'minute');
}

/** "$0.12"; a positive amount under a cent is "<$0.01" rather than a misleading "$0.00". */
export function formatUsd(amount: number, locale = 'en'): string {
  if (!Number.isFinite(amount)) {
    return '?';
  }
  const formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' });
  if (amount > 0 && amount < 0.01) {
    return `<${formatter.format(0.01)}`;
  }
  return formatter.format(amount);
}

/** "sha256:0123456789ab": the algorithm and the first 12 hex digits, as docker shows image ids. */
export function shortDigest(digest: string): string {
  const match = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-fA-F0-9]{12})[a-fA-F0-9]*$/.exec(digest);
  if (!match) {
    return digest;
  }
  return `${match[1]}:${match[2]}`;
}
