// Faults on demand, so that tests (and a curious user) can watch a client cope with a bad day:
//   ECR_LOCAL_FAULTS=throttle:0.2,latency:200,error500:0.1,expired-token,seed:42
// throttle:P      answer ThrottlingException with probability P (ECR: 400; Inspector2: 429)
// error500:P      answer a 500 (ECR: ServerException; Inspector2: InternalServerException)
// latency:MS      add MS milliseconds before every answer
// expired-token   answer ExpiredTokenException to every call
// seed:N          make the random draws reproducible (otherwise seeded from the clock)
//
// The faults can also change while ecr-local runs, for tests (inside VS Code, too) that turn a
// healthy endpoint into a failing one and back without restarting it:
//   PUT /ecr-local/faults   body: the spec text, same syntax ('' = no faults) → 204;
//                           a bad spec → 400 with the parse error as text/plain
//   GET /ecr-local/faults   → 200, the current spec as text/plain ('' when none)
// or, in the same process, `ecrLocal.setFaults(spec)`. A new spec restarts the random draws
// (from its seed, if it has one). These control routes are never themselves faulted.

import { seededRandom } from '../../testing/seededRandom';

export interface FaultSpec {
  readonly throttle: number;
  readonly error500: number;
  readonly latencyMs: number;
  readonly expiredToken: boolean;
  readonly seed?: number;
}

export type FaultParseResult = { ok: true; spec: FaultSpec } | { ok: false; error: string };

export const NO_FAULTS: FaultSpec = { throttle: 0, error500: 0, latencyMs: 0, expiredToken: false };

const USAGE = 'expected a comma-separated list of throttle:P, error500:P, latency:MS, expired-token, seed:N (0 <= P <= 1)';

export function parseFaultSpec(text: string): FaultParseResult {
  let spec: { -readonly [K in keyof FaultSpec]: FaultSpec[K] } = { ...NO_FAULTS };
  for (const rawItem of text.split(',')) {
    const item = rawItem.trim();
    if (item === '') {
      continue;
    }
    const [name = '', value, ...rest] = item.split(':');
    const number = value === undefined ? Number.NaN : Number(value);
    const bad = (why: string): FaultParseResult => ({ ok: false, error: `Fault "${item}" ${why}: ${USAGE}.` });
    if (rest.length > 0) {
      return bad('has more than one value');
    }
    switch (name) {
      case 'throttle':
      case 'error500':
        if (value === undefined || !(number >= 0 && number <= 1)) {
          return bad('needs a probability between 0 and 1');
        }
        spec = { ...spec, [name]: number };
        break;
      case 'latency':
        if (value === undefined || !Number.isInteger(number) || number < 0 || number > 60_000) {
          return bad('needs whole milliseconds between 0 and 60000');
        }
        spec.latencyMs = number;
        break;
      case 'expired-token':
        if (value !== undefined) {
          return bad('takes no value');
        }
        spec.expiredToken = true;
        break;
      case 'seed':
        if (value === undefined || !Number.isInteger(number)) {
          return bad('needs an integer');
        }
        spec.seed = number;
        break;
      default:
        return bad('is not a known fault');
    }
  }
  return { ok: true, spec };
}

/** What to do to one request. */
export type FaultDecision = 'none' | 'expired-token' | 'throttle' | 'error500';

/** The spec as text that parseFaultSpec reads back to the same spec ('' for no faults). */
export function formatFaultSpec(spec: FaultSpec): string {
  const items: string[] = [];
  if (spec.throttle > 0) {
    items.push(`throttle:${spec.throttle}`);
  }
  if (spec.error500 > 0) {
    items.push(`error500:${spec.error500}`);
  }
  if (spec.latencyMs > 0) {
    items.push(`latency:${spec.latencyMs}`);
  }
  if (spec.expiredToken) {
    items.push('expired-token');
  }
  if (spec.seed !== undefined) {
    items.push(`seed:${spec.seed}`);
  }
  return items.join(',');
}

/** Draws the fault of each request in turn; with a seed, the sequence is the same every run. */
export class FaultInjector {
  private current: FaultSpec;
  private random: () => number;

  constructor(spec: FaultSpec) {
    this.current = spec;
    this.random = seededRandom(spec.seed ?? Date.now() >>> 0);
  }

  get spec(): FaultSpec {
    return this.current;
  }

  /** Replaces the faults from the next request on, restarting the draws. */
  replace(spec: FaultSpec): void {
    this.current = spec;
    this.random = seededRandom(spec.seed ?? Date.now() >>> 0);
  }

  get active(): boolean {
    return this.spec.expiredToken || this.spec.throttle > 0 || this.spec.error500 > 0 || this.spec.latencyMs > 0;
  }

  next(): FaultDecision {
    if (this.spec.expiredToken) {
      return 'expired-token';
    }
    // Always two draws per request, so one fault's probability does not shift the other's sequence.
    const throttleDraw = this.random();
    const errorDraw = this.random();
    if (throttleDraw < this.spec.throttle) {
      return 'throttle';
    }
    if (errorDraw < this.spec.error500) {
      return 'error500';
    }
    return 'none';
  }
}
