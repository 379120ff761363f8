import * as assert from 'node:assert/strict';
import type { ImageScanResult } from '../../../src/scan/model';
import { contentSecurityPolicy, findingsHtml, findingsViewData, formatLabel, newNonce, safeExternalUrl, scriptJson, type FindingsLabels } from '../../../src/views/scan/findingsHtml';
import { ENGLISH_LABELS } from './findingsLabels';

const HOSTILE_TITLE = '<script>alert(1)</script>';
const HOSTILE_DESCRIPTION = '"><img src=x onerror=alert(2)> it\'s </script><script>alert(3)</script> <!-- \u2028';

const result: ImageScanResult = {
  repositoryName: 'team/app',
  imageDigest: `sha256:${'0'.repeat(64)}`,
  scanType: 'ENHANCED',
  status: 'ACTIVE',
  completedAt: new Date('2025-05-01T10:00:00Z'),
  severityCounts: { HIGH: 1, LOW: 1 },
  findings: [
    { id: 'CVE-2024-0002', severity: 'LOW', packageName: 'zlib', installedVersion: '1.2', url: 'javascript:alert(4)' },
    {
      id: 'CVE-2024-0001',
      severity: 'HIGH',
      title: HOSTILE_TITLE,
      description: HOSTILE_DESCRIPTION,
      url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-0001',
      packageName: 'openssl',
      installedVersion: '3.0.11',
      fixedVersion: '3.0.13',
      inspectorScore: 7.5,
      epssScore: 0.01234,
      exploitAvailable: true,
    },
  ],
};

function page(nonce = 'bm9uY2Utb25l') {
  return findingsHtml({
    cspSource: 'https://webview.example',
    nonce,
    scriptUri: 'https://webview.example/media/findings.js',
    styleUri: 'https://webview.example/media/findings.css',
    data: findingsViewData('team/app:1 @sha256:000000000000', result),
    labels: ENGLISH_LABELS,
    locale: 'en',
  });
}

function dataBlock(html: string): string {
  return /<script id="findings-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
}

describe('findings webview page', () => {
  it('has a CSP that allows one nonce for scripts and nothing remote', () => {
    const html = page();
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.equal(csp, "default-src 'none'; style-src https://webview.example &#39;nonce-bm9uY2Utb25l&#39;; script-src &#39;nonce-bm9uY2Utb25l&#39;; img-src https://webview.example".replace(/'/g, '&#39;'));
    assert.equal(contentSecurityPolicy('X', 'N'), "default-src 'none'; style-src X 'nonce-N'; script-src 'nonce-N'; img-src X");
    const markup = html.replace(/<script id="findings-data"[\s\S]*?<\/script>/, '');
    assert.deepEqual(markup.match(/https?:\/\/[^\s"';]+/g)?.filter((url) => !url.startsWith('https://webview.example')) ?? [], [], 'nothing remote in the markup');
  });

  it('holds exactly one script with the nonce, and a JSON block that is not executable', () => {
    const html = page();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script id="findings-data" type="application/json">', '<script nonce="bm9uY2Utb25l" src="https://webview.example/media/findings.js">']);
  });

  it('keeps scanner text inside the JSON block: no tag, quote or comment can escape it', () => {
    const html = page();
    const block = /<script id="findings-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    assert.doesNotMatch(block, /[<>&\u2028\u2029]/);
    // Everything outside the block is our own markup: no hostile text there.
    const outside = html.replace(block, '');
    assert.doesNotMatch(outside, /alert|onerror|<img/);
    const data = JSON.parse(block) as ReturnType<typeof findingsViewData>;
    const high = data.rows.find((row) => row.id === 'CVE-2024-0001');
    assert.equal(high?.title, HOSTILE_TITLE);
    assert.equal(high?.description, HOSTILE_DESCRIPTION);
  });

  it('escapes what it puts in attributes and the title', () => {
    const html = findingsHtml({ cspSource: 'x', nonce: 'n"><b', scriptUri: 's"', styleUri: 'c<', data: findingsViewData('a<b>"c', result), labels: ENGLISH_LABELS, locale: 'en"><b' });
    assert.match(html, /nonce="n&#34;&#62;&#60;b"/);
    assert.match(html, /<html lang="en&#34;&#62;&#60;b">/);
    assert.match(html, /<title>Scan findings: a&#60;b&#62;&#34;c<\/title>/);
    assert.doesNotMatch(html, /<b>/);
  });

  it('writes its static words from the labels, and hands the labels and locale to the script in the data block', () => {
    const german: FindingsLabels = { ...ENGLISH_LABELS, pageTitle: 'Scan-Befunde: {0}', severity: 'Schweregrad', fixFilter: 'Korrektur', fixAny: 'alle', fixAvailable: 'Korrektur verfügbar', noFix: 'keine Korrektur', textFilter: 'Suche', textPlaceholder: 'ID, Paket, Beschreibung', showAll: 'Alle zeigen' };
    const html = findingsHtml({ cspSource: 'x', nonce: 'n', scriptUri: 's', styleUri: 'c', data: findingsViewData('team/app:1', result), labels: german, locale: 'de' });
    assert.match(html, /<html lang="de">/);
    assert.match(html, /<title>Scan-Befunde: team\/app:1<\/title>/);
    assert.match(html, /<legend>Schweregrad<\/legend>/);
    assert.match(html, /<label>Korrektur <select id="fix"><option value="any">alle<\/option><option value="yes">Korrektur verfügbar<\/option><option value="no">keine Korrektur<\/option><\/select><\/label>/);
    assert.match(html, /<label>Suche <input id="text" type="search" placeholder="ID, Paket, Beschreibung"><\/label>/);
    assert.match(html, /<button type="button" id="show-all">Alle zeigen<\/button>/);
    const markup = html.replace(dataBlock(html), '');
    for (const english of ['Severity', 'Fix', 'any', 'fix available', 'no fix', 'Text', 'id, package', 'Show all', 'Scan findings']) {
      assert.ok(!markup.includes(`>${english}`) && !markup.includes(`placeholder="${english}`), `no English "${english}" left in the markup`);
    }
    const data = JSON.parse(dataBlock(html)) as { labels: FindingsLabels; locale: string; rows: unknown[] };
    assert.deepEqual(data.labels, german);
    assert.equal(data.locale, 'de');
    assert.equal(data.rows.length, 2, 'the findings are still there beside the labels');
  });

  it('escapes a hostile label in the markup and in the data block alike', () => {
    const hostile = '<script>alert("l10n")</script>"><img src=x onerror=alert(5)> it\'s </script><!-- \u2028';
    const labels = Object.fromEntries(Object.keys(ENGLISH_LABELS).map((key) => [key, `${key} ${hostile}`])) as unknown as FindingsLabels;
    const html = findingsHtml({ cspSource: 'x', nonce: 'n', scriptUri: 's', styleUri: 'c', data: findingsViewData('team/app:1', result), labels, locale: 'en' });
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script id="findings-data" type="application/json">', '<script nonce="n" src="s">'], 'no label opened a script');
    assert.equal(html.match(/<\/script>/g)?.length, 2, 'no label closed a block');
    const block = dataBlock(html);
    assert.doesNotMatch(block, /[<>&\u2028\u2029]/);
    assert.deepEqual((JSON.parse(block) as { labels: FindingsLabels }).labels, labels, 'the script gets the labels back unchanged');
    const markup = html.replace(block, '');
    assert.doesNotMatch(markup, /<img|<!--|alert\("|it's/, 'the labels in the markup are escaped');
    const escaped = '&#60;script&#62;alert(&#34;l10n&#34;)&#60;/script&#62;&#34;&#62;&#60;img src=x onerror=alert(5)&#62; it&#39;s &#60;/script&#62;&#60;!-- \u2028';
    assert.ok(markup.includes(`<legend>severity ${escaped}</legend>`), 'legend text escaped');
    assert.ok(markup.includes(`placeholder="textPlaceholder ${escaped}"`), 'placeholder attribute escaped');
    assert.ok(markup.includes(`<title>pageTitle ${escaped}</title>`), 'title escaped');
  });

  it('formatLabel fills placeholders by position and leaves the others', () => {
    assert.equal(formatLabel('{1} of {0}, {0}!', 'a', 'b'), 'b of a, a!');
    assert.equal(formatLabel('{0} and {2}', 'x'), 'x and {2}');
    assert.equal(formatLabel('{0}', '$& $1'), '$& $1', 'replacement patterns in a value are text');
  });

  it('scriptJson round-trips through JSON.parse', () => {
    const value = { text: '</script><!--&\u2028\u2029"\'' };
    assert.deepEqual(JSON.parse(scriptJson(value)), value);
  });

  it('rows: most severe first, numbers formatted, non-http links dropped', () => {
    const data = findingsViewData('x', result);
    assert.deepEqual(data.rows.map((row) => row.id), ['CVE-2024-0001', 'CVE-2024-0002']);
    assert.equal(data.rows[0]?.inspectorScore, '7.5');
    assert.equal(data.rows[0]?.epss, '1.23%');
    assert.equal(data.rows[0]?.exploitAvailable, true);
    assert.equal(data.rows[1]?.url, undefined);
    assert.equal(data.completedAt, '2025-05-01T10:00:00.000Z');
  });

  it('opens only http and https links', () => {
    assert.equal(safeExternalUrl('https://nvd.nist.gov/x'), 'https://nvd.nist.gov/x');
    assert.equal(safeExternalUrl('http://a.example/'), 'http://a.example/');
    for (const bad of ['javascript:alert(1)', 'command:workbench.action.quit', 'file:///etc/passwd', 'not a url', 42, undefined]) {
      assert.equal(safeExternalUrl(bad), undefined, String(bad));
    }
  });

  it('makes a new 128-bit nonce every time', () => {
    const a = newNonce();
    assert.equal(Buffer.from(a, 'base64').length, 16);
    assert.notEqual(a, newNonce());
  });
});
