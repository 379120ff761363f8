// The findings webview's page, built without the editor so that its safety can be unit-tested:
// a strict Content-Security-Policy (nothing remote, one script allowed by a per-page nonce),
// and scanner text that only ever reaches the page as JSON inside a non-executable script
// block, with every character that could end that block escaped. media/findings.js renders
// it with textContent, never as HTML. The page's words come from the caller (findingsPanel.ts
// translates them with vscode.l10n) so that this file stays free of the editor: the static ones
// are escaped into the markup, the rest travel in the same JSON block for the script.
import { randomBytes } from 'node:crypto';
import { SEVERITIES, type Severity } from '../../ecr/model';
import type { ImageScanResult, ScanFinding } from '../../scan/model';

/** One table row: scanner text as plain strings, numbers already formatted. */
export interface FindingRow {
  readonly id: string;
  readonly severity: Severity;
  /** http(s) only; anything else is dropped (the page can open no other kind of link). */
  readonly url?: string;
  readonly title?: string;
  readonly description?: string;
  readonly packageName?: string;
  readonly installedVersion?: string;
  readonly fixedVersion?: string;
  readonly inspectorScore?: string;
  readonly epss?: string;
  readonly exploitAvailable?: boolean;
}

export interface FindingsViewData {
  /** "team-a/api:v1.5.0 @sha256:0123456789ab (profile dev, eu-west-1)" */
  readonly image: string;
  readonly scanType: 'BASIC' | 'ENHANCED';
  readonly status: string;
  readonly completedAt?: string;
  readonly counts: Partial<Record<Severity, number>>;
  readonly rows: readonly FindingRow[];
  /** Shown first: only these ids (a Dockerfile line's "Show N findings"), with what they are. */
  readonly only?: { readonly ids: readonly string[]; readonly label: string };
}

/**
 * Every word the page shows, already translated. Templates hold {0}, {1}… placeholders that
 * formatLabel (here, for the title) or media/findings.js (for counts and the scan line) fill in.
 */
export interface FindingsLabels {
  /** {0}: the image. */
  readonly pageTitle: string;
  /** The severity filter's legend and the first column. */
  readonly severity: string;
  readonly fixFilter: string;
  readonly fixAny: string;
  readonly fixAvailable: string;
  /** The fix filter's option and the "Fixed in" cell of an enhanced finding without a fix. */
  readonly noFix: string;
  readonly textFilter: string;
  readonly textPlaceholder: string;
  readonly showAll: string;
  readonly vulnerability: string;
  readonly package: string;
  readonly installed: string;
  readonly fixedIn: string;
  readonly inspectorScore: string;
  readonly epss: string;
  readonly exploit: string;
  /** {0}: BASIC or ENHANCED, {1}: the scan status. */
  readonly scanLine: string;
  /** As scanLine, {2}: when the scan completed, in the user's locale. */
  readonly scanLineCompleted: string;
  /** {0}: a count, {1}: a severity. */
  readonly severityCount: string;
  readonly noFindings: string;
  /** Exactly one finding, all shown (l10n has no plural forms: a string of its own). */
  readonly oneFinding: string;
  /** {0}: the number of findings, all of them shown. */
  readonly findingsCount: string;
  /** {0}: the number shown, {1}: the number of findings. */
  readonly findingsShown: string;
  /** A basic finding's "Fixed in" cell (basic scanning reports no fixed versions) and its tooltip. */
  readonly notReported: string;
  readonly notReportedTooltip: string;
  /** The fix filter's tooltip when it is off (basic scans). */
  readonly fixFilterDisabled: string;
  readonly exploitYes: string;
  readonly exploitNo: string;
}

/** Fills a label's {0}, {1}… with values; a placeholder without a value stays as it is. */
export function formatLabel(template: string, ...values: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (placeholder, index: string) => values[Number(index)] ?? placeholder);
}

/** A link the page may open: http or https, nothing else (no command:, file:, javascript:). */
export function safeExternalUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function findingRow(finding: ScanFinding): FindingRow {
  const url = safeExternalUrl(finding.url);
  return {
    id: finding.id,
    severity: finding.severity,
    ...(url ? { url } : {}),
    ...(finding.title !== undefined ? { title: finding.title } : {}),
    ...(finding.description !== undefined ? { description: finding.description } : {}),
    ...(finding.packageName !== undefined ? { packageName: finding.packageName } : {}),
    ...(finding.installedVersion !== undefined ? { installedVersion: finding.installedVersion } : {}),
    ...(finding.fixedVersion !== undefined ? { fixedVersion: finding.fixedVersion } : {}),
    ...(finding.inspectorScore !== undefined ? { inspectorScore: finding.inspectorScore.toFixed(1) } : {}),
    ...(finding.epssScore !== undefined ? { epss: `${(finding.epssScore * 100).toFixed(2)}%` } : {}),
    ...(finding.exploitAvailable !== undefined ? { exploitAvailable: finding.exploitAvailable } : {}),
  };
}

const RANK = new Map(SEVERITIES.map((severity, index) => [severity, index]));

/** The view's data for a scan result: rows most severe first, then by id. */
export function findingsViewData(image: string, result: ImageScanResult, only?: FindingsViewData['only']): FindingsViewData {
  const rows = result.findings
    .map(findingRow)
    .sort((a, b) => (RANK.get(a.severity) ?? 99) - (RANK.get(b.severity) ?? 99) || a.id.localeCompare(b.id) || (a.packageName ?? '').localeCompare(b.packageName ?? ''));
  return {
    image,
    scanType: result.scanType,
    status: result.status,
    ...(result.completedAt ? { completedAt: result.completedAt.toISOString() } : {}),
    counts: result.severityCounts,
    rows,
    ...(only ? { only } : {}),
  };
}

/**
 * JSON that can sit inside a <script> element: `<`, `>` and `&` become \u escapes (so neither
 * `</script>` nor `<!--` can end or change the block), as do U+2028/U+2029. JSON.parse reads it back unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text for an HTML attribute or element (the page title, the CSP source). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** 128 random bits, base64: a fresh one for every page. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export interface PageParts {
  /** webview.cspSource */
  readonly cspSource: string;
  readonly nonce: string;
  /** webview.asWebviewUri of media/findings.js and media/findings.css, as strings. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly data: FindingsViewData;
  readonly labels: FindingsLabels;
  /** The user's display language (vscode.env.language): the page's lang and its date format. */
  readonly locale: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource}`;
}

export function findingsHtml(parts: PageParts): string {
  const { cspSource, nonce, scriptUri, styleUri, data, labels, locale } = parts;
  const attribute = escapeHtml;
  const text = escapeHtml;
  return `<!DOCTYPE html>
<html lang="${attribute(locale)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(styleUri)}">
<title>${text(formatLabel(labels.pageTitle, data.image))}</title>
</head>
<body>
<header>
<h1 id="image"></h1>
<p id="scan"></p>
<div id="summary" role="list"></div>
</header>
<form id="filters" role="search">
<fieldset id="severities"><legend>${text(labels.severity)}</legend></fieldset>
<label>${text(labels.fixFilter)} <select id="fix"><option value="any">${text(labels.fixAny)}</option><option value="yes">${text(labels.fixAvailable)}</option><option value="no">${text(labels.noFix)}</option></select></label>
<label>${text(labels.textFilter)} <input id="text" type="search" placeholder="${attribute(labels.textPlaceholder)}"></label>
<p id="only" hidden><span id="only-label"></span> <button type="button" id="show-all">${text(labels.showAll)}</button></p>
</form>
<p id="shown" role="status"></p>
<table id="findings">
<thead><tr id="columns"></tr></thead>
<tbody id="rows"></tbody>
</table>
<script id="findings-data" type="application/json">${scriptJson({ ...data, labels, locale })}</script>
<script nonce="${attribute(nonce)}" src="${attribute(scriptUri)}"></script>
</body>
</html>
`;
}
