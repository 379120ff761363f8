// The findings webview's page, built without the editor so that its safety can be unit-tested:
// a strict Content-Security-Policy (nothing remote, one script allowed by a per-page nonce),
// and scanner text that only ever reaches the page as JSON inside a non-executable script
// block, with every character that could end that block escaped. media/findings.js renders
// it with textContent, never as HTML.
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
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource}`;
}

export function findingsHtml(parts: PageParts): string {
  const { cspSource, nonce, scriptUri, styleUri, data } = parts;
  const attribute = escapeHtml;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(styleUri)}">
<title>${escapeHtml(`Scan findings: ${data.image}`)}</title>
</head>
<body>
<header>
<h1 id="image"></h1>
<p id="scan"></p>
<div id="summary" role="list"></div>
</header>
<form id="filters" role="search">
<fieldset id="severities"><legend>Severity</legend></fieldset>
<label>Fix <select id="fix"><option value="any">any</option><option value="yes">fix available</option><option value="no">no fix</option></select></label>
<label>Text <input id="text" type="search" placeholder="id, package, description"></label>
<p id="only" hidden><span id="only-label"></span> <button type="button" id="show-all">Show all</button></p>
</form>
<p id="shown" role="status"></p>
<table id="findings">
<thead><tr id="columns"></tr></thead>
<tbody id="rows"></tbody>
</table>
<script id="findings-data" type="application/json">${scriptJson(data)}</script>
<script nonce="${attribute(nonce)}" src="${attribute(scriptUri)}"></script>
</body>
</html>
`;
}
