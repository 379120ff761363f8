// Paging as ECR pages: maxResults within the operation's range (default 100 when absent), and
// an opaque nextToken. The token records the key of the last item returned, not an offset, so
// that items created or deleted between two pages neither repeat nor vanish from the rest.
import { invalidParameter } from '../protocol/apiError';
import type { Input } from './input';

export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

export interface PagingRules {
  /** The operation, so that a token from one listing is refused by another. */
  readonly operation: string;
  readonly maxResults: number;
  readonly defaultResults?: number;
}

interface TokenBody {
  readonly o: string;
  readonly k: string;
}

function encodeToken(body: TokenBody): string {
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function decodeToken(token: string, operation: string): string {
  try {
    const body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
    if (body.o === operation && typeof body.k === 'string') {
      return body.k;
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw invalidParameter('nextToken', 'Invalid NextToken: pass the nextToken of the previous page of the same operation');
}

const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Reads maxResults and nextToken from the input and returns one page of `items` (any order). */
export function paginate<T>(input: Input, items: readonly T[], keyOf: (item: T) => string, rules: PagingRules): Page<T> {
  const keyed = items.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => compareKeys(a.key, b.key));
  const page = paginateSorted(input, keyed, (entry) => entry.key, rules);
  return { items: page.items.map((entry) => entry.item), ...(page.nextToken !== undefined ? { nextToken: page.nextToken } : {}) };
}

/**
 * One page of `sorted`, which is already in ascending key order with unique keys (a kept index,
 * so that paging 100,000 repositories does not sort them again for every page): finds the
 * token's place by binary search and copies only the page.
 */
export function paginateSorted<T>(input: Input, sorted: readonly T[], keyOf: (item: T) => string, rules: PagingRules): Page<T> {
  const maxResults = input.optionalInteger('maxResults', { min: 1, max: rules.maxResults }) ?? rules.defaultResults ?? 100;
  const token = input.optionalString('nextToken');
  let start = 0;
  if (token !== undefined) {
    const after = decodeToken(token, rules.operation);
    // The first item whose key sorts after the last one returned.
    let high = sorted.length;
    while (start < high) {
      const middle = (start + high) >>> 1;
      if (compareKeys(keyOf(sorted[middle] as T), after) <= 0) {
        start = middle + 1;
      } else {
        high = middle;
      }
    }
  }
  const page = sorted.slice(start, start + maxResults);
  const last = page[page.length - 1];
  const more = start + maxResults < sorted.length;
  return {
    items: page,
    ...(more && last !== undefined ? { nextToken: encodeToken({ o: rules.operation, k: keyOf(last) }) } : {}),
  };
}

/** Refuses paging members together with an explicit list, as ECR does. */
export function refusePagingWith(input: Input, listMember: string): void {
  for (const member of ['maxResults', 'nextToken']) {
    if (input.has(member)) {
      throw invalidParameter(member, `cannot be used together with '${listMember}'; page only over the whole listing`);
    }
  }
}
