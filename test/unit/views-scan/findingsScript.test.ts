// media/findings.js, the findings view's script, run against a small stand-in for the webview's
// DOM: every word it shows must come from the page's labels, in the user's language, and the
// English labels must render exactly what the view showed before it was translatable.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { ImageScanResult } from '../../../src/scan/model';
import { findingsHtml, findingsViewData, type FindingsLabels } from '../../../src/views/scan/findingsHtml';
import { ENGLISH_LABELS } from './findingsLabels';

const ROOT = join(__dirname, '..', '..', '..', '..');
const SCRIPT = readFileSync(join(ROOT, 'media', 'findings.js'), 'utf8');

type Listener = (event: { data?: unknown; preventDefault(): void }) => void;

/** Just enough of an element for findings.js: text, children, a few properties, events. */
class FakeElement {
  children: (FakeElement | string)[] = [];
  className = '';
  title = '';
  href = '';
  type = '';
  value = '';
  checked = false;
  disabled = false;
  hidden = false;
  colSpan = 1;
  readonly dataset: Record<string, string> = {};
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, Listener[]>();
  parent: FakeElement | undefined;

  constructor(readonly tagName: string) {}

  get textContent(): string {
    return this.children.map((child) => (typeof child === 'string' ? child : child.textContent)).join('');
  }

  set textContent(text: string) {
    this.children = [String(text)];
  }

  get firstChild(): FakeElement | string | undefined {
    return this.children[0];
  }

  append(...nodes: (FakeElement | string)[]): void {
    for (const node of nodes) {
      if (typeof node !== 'string') {
        node.parent = this;
      }
      this.children.push(node);
    }
  }

  replaceChildren(...nodes: (FakeElement | string)[]): void {
    this.children = [];
    this.append(...nodes);
  }

  remove(): void {
    if (this.parent) {
      this.parent.children = this.parent.children.filter((child) => child !== this);
    }
  }

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }

  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  dispatch(type: string): void {
    for (const listener of this.listeners.get(type) ?? []) {
      listener({ preventDefault: () => undefined });
    }
  }

  /** Tag names only (all the script asks for). */
  querySelectorAll(tag: string): FakeElement[] {
    return this.elements().filter((element) => element.tagName === tag);
  }

  elements(): FakeElement[] {
    return this.children.flatMap((child) => (typeof child === 'string' ? [] : [child, ...child.elements()]));
  }
}

const PAGE_IDS = ['image', 'scan', 'summary', 'severities', 'fix', 'text', 'only', 'only-label', 'show-all', 'filters', 'shown', 'columns', 'rows', 'findings-data'];

function dataBlock(html: string): string {
  return /<script id="findings-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
}

/** Builds the page for a result, runs findings.js on it and returns the elements it rendered into. */
function render(result: ImageScanResult, labels: FindingsLabels, locale = 'en'): Map<string, FakeElement> {
  const html = findingsHtml({ cspSource: 'x', nonce: 'n', scriptUri: 's', styleUri: 'c', data: findingsViewData('team/app:1', result), labels, locale });
  const page = new Map(PAGE_IDS.map((id) => [id, new FakeElement(id === 'fix' ? 'select' : 'div')]));
  page.get('severities')?.append(new FakeElement('legend'));
  const block = page.get('findings-data');
  assert.ok(block);
  block.textContent = dataBlock(html);
  const document = {
    getElementById: (id: string) => page.get(id) ?? null,
    createElement: (tag: string) => new FakeElement(tag),
    createTextNode: (text: string) => text,
  };
  const window = { addEventListener: () => undefined };
  const acquireVsCodeApi = () => ({ getState: () => undefined, setState: () => undefined, postMessage: () => undefined });
  runInNewContext(SCRIPT, { document, window, acquireVsCodeApi }, { filename: 'findings.js' });
  return page;
}

function part(page: Map<string, FakeElement>, id: string): FakeElement {
  const element = page.get(id);
  assert.ok(element, id);
  return element;
}

/** Each finding row as its cells' texts joined by tabs, as the integration tests read them. */
function rowTexts(page: Map<string, FakeElement>): string[] {
  return part(page, 'rows')
    .children.filter((row): row is FakeElement => typeof row !== 'string' && row.className === 'finding')
    .map((row) => row.children.map((cell) => (typeof cell === 'string' ? cell : cell.textContent)).join('\t'));
}

function texts(element: FakeElement, tag: string): string[] {
  return element.querySelectorAll(tag).map((child) => child.textContent);
}

const COMPLETED = new Date('2025-05-01T10:00:00Z');

const enhanced: ImageScanResult = {
  repositoryName: 'team/app',
  imageDigest: `sha256:${'0'.repeat(64)}`,
  scanType: 'ENHANCED',
  status: 'ACTIVE',
  completedAt: COMPLETED,
  severityCounts: { HIGH: 1, LOW: 1 },
  findings: [
    { id: 'CVE-2024-0002', severity: 'LOW', packageName: 'zlib', installedVersion: '1.2' },
    { id: 'CVE-2024-0001', severity: 'HIGH', packageName: 'openssl', installedVersion: '3.0.11', fixedVersion: '3.0.13', inspectorScore: 7.5, epssScore: 0.01234, exploitAvailable: true },
  ],
};

const basic: ImageScanResult = {
  repositoryName: 'tools/ci-runner',
  imageDigest: `sha256:${'1'.repeat(64)}`,
  scanType: 'BASIC',
  status: 'COMPLETE',
  severityCounts: { HIGH: 1 },
  findings: [{ id: 'CVE-2099-0001', severity: 'HIGH', packageName: 'coreutils', installedVersion: '9.1-1' }],
};

/** Every label marked, so that any word not taken from the labels stands out. */
const MARKED = Object.fromEntries(Object.entries(ENGLISH_LABELS).map(([key, value]) => [key, `⟦${value}⟧`])) as unknown as FindingsLabels;

describe('findings view script', () => {
  it('with the English labels shows what it always did', () => {
    const page = render(enhanced, ENGLISH_LABELS);
    assert.equal(part(page, 'image').textContent, 'team/app:1');
    assert.equal(part(page, 'scan').textContent, `ENHANCED scan, ACTIVE, completed ${COMPLETED.toLocaleString('en')}`);
    assert.deepEqual(texts(part(page, 'summary'), 'span'), ['1 HIGH', '1 LOW']);
    assert.deepEqual(texts(part(page, 'columns'), 'th'), ['Severity', 'Vulnerability', 'Package', 'Installed', 'Fixed in', 'Inspector score', 'EPSS', 'Exploit']);
    assert.deepEqual(rowTexts(page), ['HIGH\tCVE-2024-0001\topenssl\t3.0.11\t3.0.13\t7.5\t1.23%\tyes', 'LOW\tCVE-2024-0002\tzlib\t1.2\tno fix\t\t\t']);
    assert.equal(part(page, 'shown').textContent, '2 findings');
    assert.equal(part(page, 'fix').disabled, false);

    const fix = part(page, 'fix');
    fix.value = 'yes';
    fix.dispatch('change');
    assert.equal(part(page, 'shown').textContent, '1 of 2 findings shown');

    const basicPage = render(basic, ENGLISH_LABELS);
    assert.equal(part(basicPage, 'scan').textContent, 'BASIC scan, COMPLETE');
    assert.deepEqual(texts(part(basicPage, 'columns'), 'th'), ['Severity', 'Vulnerability', 'Package', 'Installed', 'Fixed in']);
    assert.deepEqual(rowTexts(basicPage), ['HIGH\tCVE-2099-0001\tcoreutils\t9.1-1\t—']);
    assert.equal(part(basicPage, 'shown').textContent, '1 finding');
    const notReported = part(basicPage, 'rows').elements().find((element) => element.className === 'not-reported');
    assert.equal(notReported?.title, 'Basic scanning does not report fixed versions; the advisory link says which version fixes it.');
    assert.equal(part(basicPage, 'fix').title, 'Basic scanning does not report fixed versions.');
    assert.equal(part(basicPage, 'fix').disabled, true);

    const empty = render({ ...basic, severityCounts: {}, findings: [] }, ENGLISH_LABELS);
    assert.deepEqual(texts(part(empty, 'summary'), 'span'), ['No findings']);
    assert.equal(part(empty, 'shown').textContent, '0 findings');
  });

  it('takes every word from the labels and writes dates in the given locale', () => {
    const page = render(enhanced, MARKED, 'de');
    assert.equal(part(page, 'scan').textContent, `⟦ENHANCED scan, ACTIVE, completed ${COMPLETED.toLocaleString('de')}⟧`);
    assert.deepEqual(texts(part(page, 'summary'), 'span'), ['⟦1 HIGH⟧', '⟦1 LOW⟧']);
    assert.deepEqual(texts(part(page, 'columns'), 'th'), ['⟦Severity⟧', '⟦Vulnerability⟧', '⟦Package⟧', '⟦Installed⟧', '⟦Fixed in⟧', '⟦Inspector score⟧', '⟦EPSS⟧', '⟦Exploit⟧']);
    assert.deepEqual(rowTexts(page), ['HIGH\tCVE-2024-0001\topenssl\t3.0.11\t3.0.13\t7.5\t1.23%\t⟦yes⟧', 'LOW\tCVE-2024-0002\tzlib\t1.2\t⟦no fix⟧\t\t\t']);
    assert.equal(part(page, 'shown').textContent, '⟦2 findings⟧');
    const fix = part(page, 'fix');
    fix.value = 'no';
    fix.dispatch('change');
    assert.equal(part(page, 'shown').textContent, '⟦1 of 2 findings shown⟧');

    const basicPage = render({ ...basic, completedAt: COMPLETED }, MARKED, 'de');
    assert.deepEqual(rowTexts(basicPage), ['HIGH\tCVE-2099-0001\tcoreutils\t9.1-1\t⟦—⟧']);
    assert.equal(part(basicPage, 'fix').title, '⟦Basic scanning does not report fixed versions.⟧');
    const empty = render({ ...basic, severityCounts: {}, findings: [] }, MARKED);
    assert.deepEqual(texts(part(empty, 'summary'), 'span'), ['⟦No findings⟧']);
  });

  it('still shows the date when the locale is not one the browser knows', () => {
    const page = render({ ...basic, completedAt: COMPLETED }, ENGLISH_LABELS, 'not a locale!');
    assert.equal(part(page, 'scan').textContent, `BASIC scan, COMPLETE, completed ${COMPLETED.toLocaleString()}`);
  });

  it('reads only labels the page gets, and the page gets none it does not use', () => {
    const read = new Set([...SCRIPT.matchAll(/label\('(\w+)'/g), ...SCRIPT.matchAll(/columns\s*(?:=\s*\[|\.push\()([^\]);]*)/g)].flatMap((match) => (match[1] ?? '').match(/\w+/g) ?? []));
    const builder = readFileSync(join(ROOT, 'src', 'views', 'scan', 'findingsHtml.ts'), 'utf8');
    const inMarkup = new Set([...builder.matchAll(/labels\.(\w+)/g)].map((match) => match[1]));
    for (const key of read) {
      assert.ok(key in ENGLISH_LABELS, `findings.js reads label ${key}, which the page does not get`);
    }
    for (const key of Object.keys(ENGLISH_LABELS)) {
      assert.ok(read.has(key) || inMarkup.has(key), `label ${key} is used neither by findings.js nor in the markup`);
    }
  });

  it('the English labels of this test are the ones findingsPanel.ts translates', () => {
    const panel = readFileSync(join(ROOT, 'src', 'views', 'scan', 'findingsPanel.ts'), 'utf8');
    const body = /export function findingsLabels\(\)[\s\S]*?\n}\n/.exec(panel)?.[0] ?? '';
    const messages: Record<string, string> = Object.fromEntries(
      [...body.matchAll(/^\s*(\w+): vscode\.l10n\.t\((?:\{ message: )?'((?:[^'\\]|\\.)*)'/gm)].map((match): [string, string] => [match[1] ?? '', (match[2] ?? '').replace(/\\(.)/g, '$1')]),
    );
    assert.deepEqual(messages, { ...ENGLISH_LABELS });
  });
});
