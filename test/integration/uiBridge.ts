// Client side of the harness's UI bridge (test/harness/uiBridge.ts): lets tests in the extension
// host read and drive the workbench page. Present only under the code-server harness.
import { waitUntil } from './waitFor';

const BRIDGE_ENV = 'ECR_EXPLORER_UI_BRIDGE';

export function bridgeUrl(): string | undefined {
  return process.env[BRIDGE_ENV] || undefined;
}

async function call(path: string, params: Record<string, string> = {}, body?: string): Promise<unknown> {
  const base = bridgeUrl();
  if (!base) {
    throw new Error(`${BRIDGE_ENV} is not set: UI checks need the code-server harness (npm run test:integration).`);
  }
  const url = new URL(path, base);
  for (const [key, value] of Object.entries(params)) {
    url.searchParams.set(key, value);
  }
  const reads = ['/text', '/attribute'];
  const response = await fetch(url, { method: body === undefined && reads.includes(path) ? 'GET' : 'POST', body });
  const json = (await response.json()) as { error?: string };
  if (!response.ok) {
    throw new Error(`UI bridge ${path} failed: ${json.error ?? response.status}`);
  }
  return json;
}

export async function postLog(text: string): Promise<void> {
  await call('/log', {}, text);
}

/** The rendered text of every element that matches a CSS selector, right now. */
export async function textsOf(selector: string): Promise<string[]> {
  const { texts } = (await call('/text', { selector })) as { texts: string[] };
  return texts;
}

/** The value of attribute `name` on every element that matches `selector`, right now. */
export async function attributesOf(selector: string, name: string): Promise<string[]> {
  const { values } = (await call('/attribute', { selector, name })) as { values: string[] };
  return values;
}

export interface FrameReport {
  readonly found: boolean;
  readonly texts: string[];
  readonly counts: Record<string, number>;
  readonly globalType: string;
}

/**
 * Looks inside the page's frames (a webview's content is two iframes deep) for the first one
 * holding `selector`: its texts, the number of elements matching each of `count`, and
 * `typeof globalThis[global]` there.
 */
export async function inspectFrame(selector: string, count: readonly string[] = [], global = ''): Promise<FrameReport> {
  return (await call('/frame', { selector, count: count.join('\n'), global })) as FrameReport;
}

export async function click(selector: string): Promise<void> {
  await call('/click', { selector });
}

export async function press(key: string): Promise<void> {
  await call('/press', { key });
}

export async function screenshot(name: string): Promise<string> {
  const { path } = (await call('/screenshot', { name })) as { path: string };
  return path;
}

/** Polls until `predicate` holds for the texts of `selector` (the workbench renders asynchronously). */
export async function waitForTexts(
  selector: string,
  predicate: (texts: string[]) => boolean,
  description: string,
  timeoutMs = 20_000,
): Promise<string[]> {
  return waitUntil(() => textsOf(selector), predicate, `${description} ("${selector}")`, timeoutMs);
}
