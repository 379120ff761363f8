// GET / PUT / DELETE /ecr-local/feed: a test-only hook on the scanner's vulnerability feed while
// ecr-local runs. PUT takes {"vulnerabilities": [...]} in the feed file's format (checked the same
// way) and adds those entries for every later scan; GET lists the added entries; DELETE drops
// them. Scans already done keep their findings, as in ECR.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFeed } from '../scanner/feed';
import type { LiveFeed } from '../scanner/liveFeed';
import { readBodyOrRefuse, sendJson, sendText } from './http';

export const FEED_PATH = '/ecr-local/feed';

export async function serveFeed(request: IncomingMessage, response: ServerResponse, feed: LiveFeed | undefined, log: (line: string) => void): Promise<void> {
  if (!feed) {
    request.resume();
    sendText(response, 503, 'ecr-local was started without a data plane (or one without a live feed), so there is no scanner feed to change.\n');
    return;
  }
  switch (request.method) {
    case 'GET':
      request.resume();
      sendJson(response, 200, 'application/json', { vulnerabilities: feed.added });
      return;
    case 'DELETE':
      request.resume();
      feed.clear();
      log('feed: added entries removed');
      response.writeHead(204, { 'Cache-Control': 'no-store' });
      response.end();
      return;
    case 'PUT':
      break;
    default:
      request.resume();
      sendText(response, 405, `${FEED_PATH} takes GET (the added entries), PUT ({"vulnerabilities": [...]} to add) or DELETE (remove the added ones), not ${request.method ?? '?'}.\n`, {
        Allow: 'GET, PUT, DELETE',
      });
      return;
  }
  const body = await readBodyOrRefuse(request, response);
  if (body === undefined) {
    return;
  }
  let vulnerabilities: unknown;
  try {
    vulnerabilities = (JSON.parse(body) as { vulnerabilities?: unknown } | null)?.vulnerabilities;
  } catch (error) {
    sendText(response, 400, `The body is not JSON: ${(error as Error).message}\n`);
    return;
  }
  try {
    const parsed = parseFeed(JSON.stringify({ updatedAt: feed.current().updatedAt.toISOString(), vulnerabilities }), 'PUT /ecr-local/feed');
    feed.add(parsed.entries);
    log(`feed: added ${parsed.entries.map((entry) => entry.id).join(', ')}`);
  } catch (error) {
    sendText(response, 400, `${(error as Error).message}\n`);
    return;
  }
  response.writeHead(204, { 'Cache-Control': 'no-store' });
  response.end();
}
