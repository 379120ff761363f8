// A loopback HTTP bridge that lets the tests running inside VS Code's extension host see and
// drive the workbench page the browser shows: read the text of elements, press keys, click,
// take screenshots. The extension host is a Node process with no access to the DOM; the harness
// owns the page through playwright, so it answers for it (selectors are playwright's). It also carries the in-host mocha
// output back to the harness, in order.
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const BRIDGE_ENV = 'ECR_EXPLORER_UI_BRIDGE';

export interface UiBridge {
  readonly url: string;
  /** The page the bridge answers for; replaced when the harness opens a new one. */
  page: Page | undefined;
  close(): Promise<void>;
}

export async function startUiBridge(screenshotDir: string, write: (text: string) => void): Promise<UiBridge> {
  mkdirSync(screenshotDir, { recursive: true });
  const bridge: UiBridge = { url: '', page: undefined, close: () => Promise.resolve() };

  const server: Server = createServer((request, response) => {
    handle(bridge, screenshotDir, write, request, response).catch((error: unknown) => {
      reply(response, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(bridge, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

async function handle(
  bridge: UiBridge,
  screenshotDir: string,
  write: (text: string) => void,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://bridge');
  const body = await readBody(request);
  if (url.pathname === '/log') {
    write(body);
    return reply(response, 200, {});
  }
  const page = bridge.page;
  if (!page) {
    return reply(response, 409, { error: 'no page is open' });
  }
  const selector = url.searchParams.get('selector') ?? '';
  switch (url.pathname) {
    case '/text':
      return reply(response, 200, { texts: await page.locator(selector).allInnerTexts() });
    case '/attribute': {
      const name = url.searchParams.get('name') ?? '';
      const values = await page.locator(selector).evaluateAll(
        // Runs in the page; typed structurally since this project's lib has no DOM types.
        (elements: Array<{ getAttribute(name: string): string | null }>, attribute: string) =>
          elements.map((element) => element.getAttribute(attribute) ?? ''),
        name,
      );
      return reply(response, 200, { values });
    }
    case '/frame':
      return reply(response, 200, await inspectFrame(page, selector, (url.searchParams.get('count') ?? '').split('\n').filter(Boolean), url.searchParams.get('global') ?? ''));
    case '/click':
      await page.locator(selector).first().click({ timeout: 10_000 });
      return reply(response, 200, {});
    case '/press':
      await page.keyboard.press(url.searchParams.get('key') ?? 'Escape');
      return reply(response, 200, {});
    case '/screenshot': {
      const name = (url.searchParams.get('name') ?? 'screenshot').replace(/[^A-Za-z0-9_.-]+/g, '-');
      const path = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path });
      return reply(response, 200, { path });
    }
    default:
      return reply(response, 404, { error: `unknown bridge call ${url.pathname}` });
  }
}

/**
 * Webviews render in nested iframes that page.locator() does not enter: finds the first frame
 * holding `selector` and answers its texts, how many elements match each `count` selector there,
 * and the type of a global of that frame (to prove an injected script never ran).
 */
async function inspectFrame(
  page: import('playwright-core').Page,
  selector: string,
  countSelectors: readonly string[],
  globalName: string,
): Promise<{ found: boolean; texts: string[]; counts: Record<string, number>; globalType: string }> {
  for (const frame of page.frames()) {
    const texts = await frame.locator(selector).allInnerTexts().catch(() => [] as string[]);
    if (texts.length === 0) {
      continue;
    }
    const counts: Record<string, number> = {};
    for (const countSelector of countSelectors) {
      counts[countSelector] = await frame.locator(countSelector).count();
    }
    const globalType = globalName
      ? await frame.evaluate((name: string) => typeof (globalThis as Record<string, unknown>)[name], globalName)
      : '';
    return { found: true, texts, counts, globalType };
  }
  return { found: false, texts: [], counts: {}, globalType: '' };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function reply(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
