// Waiting for an image's scan after a push or Start Scan: polls DescribeImageScanFindings (one
// finding a page: only the status is wanted) with a backoff from 1 s to 5 s until the scan ends,
// the deadline passes or the caller cancels. The clock and the sleep are injectable so unit tests
// never wait.
import { DescribeImageScanFindingsCommand, type ECRClient } from '@aws-sdk/client-ecr';

export type ScanWaitOutcome = 'complete' | 'failed' | 'unsupported' | 'not-scanned' | 'timeout' | 'cancelled';

export interface ScanWaitResult {
  readonly outcome: ScanWaitOutcome;
  /** ECR's last imageScanStatus.status, when one was read. */
  readonly status?: string;
  readonly description?: string;
}

export interface ScanWaitClock {
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface ScanWaitOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Each status read (IN_PROGRESS, PENDING, "not started" while ECR has no scan yet) with the time waited so far. */
  readonly onStatus?: (status: string, elapsedMs: number) => void;
  /**
   * How long ScanNotFoundException still means "the scan on push has not started yet" (default
   * 10 s); after that the image is taken as not scanned.
   */
  readonly notFoundGraceMs?: number;
  readonly clock?: ScanWaitClock;
  /** First and longest pause between polls (default 1 s and 5 s). */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
}

/** The status ECR reports while there is no scan yet; onStatus receives it. */
export const SCAN_NOT_STARTED = 'NOT_STARTED';

const DEFAULT_GRACE_MS = 10_000;
const DEFAULT_INITIAL_DELAY_MS = 1_000;
const DEFAULT_MAX_DELAY_MS = 5_000;
const BACKOFF = 1.5;

export const realClock: ScanWaitClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/** What a status means for the wait: an outcome, or undefined to keep polling. */
export function outcomeOfStatus(status: string): ScanWaitOutcome | undefined {
  switch (status) {
    case 'COMPLETE':
    case 'ACTIVE':
      return 'complete';
    case 'FAILED':
    case 'FINDINGS_UNAVAILABLE':
      return 'failed';
    case 'UNSUPPORTED_IMAGE':
      return 'unsupported';
    case 'SCAN_ELIGIBILITY_EXPIRED':
      return 'not-scanned';
    default:
      // IN_PROGRESS, PENDING and anything new: the scan is still going.
      return undefined;
  }
}

/**
 * Polls until the scan of `imageDigest` ends. Errors other than ScanNotFoundException (access
 * denied, repository or image not found, network) are thrown for the view to describe.
 */
export async function waitForScan(ecr: ECRClient, repositoryName: string, imageDigest: string, options: ScanWaitOptions): Promise<ScanWaitResult> {
  const clock = options.clock ?? realClock;
  const signal = options.signal;
  const started = clock.now();
  const deadline = started + Math.max(0, options.timeoutMs);
  const grace = options.notFoundGraceMs ?? DEFAULT_GRACE_MS;
  const maxDelay = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  let delay = options.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS;
  let last: { status?: string; description?: string } = {};
  for (;;) {
    if (signal?.aborted) {
      return { outcome: 'cancelled', ...last };
    }
    let status: string;
    try {
      const answer = await ecr.send(
        new DescribeImageScanFindingsCommand({ repositoryName, imageId: { imageDigest }, maxResults: 1 }),
        signal ? { abortSignal: signal } : {},
      );
      status = answer.imageScanStatus?.status ?? 'IN_PROGRESS';
      last = { status, ...(answer.imageScanStatus?.description ? { description: answer.imageScanStatus.description } : {}) };
    } catch (error) {
      if (signal?.aborted) {
        return { outcome: 'cancelled', ...last };
      }
      if (!(error instanceof Error && error.name === 'ScanNotFoundException')) {
        throw error;
      }
      if (clock.now() - started >= grace) {
        return { outcome: 'not-scanned', ...last };
      }
      status = SCAN_NOT_STARTED;
    }
    const elapsed = clock.now() - started;
    options.onStatus?.(status, elapsed);
    const outcome = status === SCAN_NOT_STARTED ? undefined : outcomeOfStatus(status);
    if (outcome) {
      return { outcome, ...last };
    }
    const now = clock.now();
    if (now >= deadline) {
      return { outcome: 'timeout', ...last };
    }
    await clock.sleep(Math.min(delay, deadline - now), signal);
    delay = Math.min(maxDelay, Math.round(delay * BACKOFF));
  }
}
