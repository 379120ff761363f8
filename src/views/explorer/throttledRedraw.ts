// While a filter shows a region's repository index, the region redraws as pages of names arrive:
// at most once per interval (a page comes every ~25 ms; redrawing each would flood the tree), and
// at once when the read ends or fails, so the final state never waits for the throttle. Pure (no
// vscode): the clock and timers are injected so the throttle is unit-tested without waiting.

/** What the follower needs of an index: change events and whether a read is still running. */
export interface FollowedIndex {
  onChange(listener: () => void): () => void;
  readonly scanning: boolean;
}

export interface RedrawClock {
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

const REAL_CLOCK: RedrawClock = {
  now: () => Date.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Followed {
  stop(): void;
  lastDrawn: number;
  timer: unknown;
}

export class ThrottledRedraw {
  private readonly followed = new Map<string, Followed>();

  constructor(
    private readonly intervalMs: number,
    /** Redraws what `key` names. */
    private readonly draw: (key: string) => void,
    /** False while nothing shows the indexes (no filter): changes are then ignored. */
    private readonly active: () => boolean,
    private readonly clock: RedrawClock = REAL_CLOCK,
  ) {}

  /** Starts following `index` under `key`; following the same key again changes nothing. */
  follow(key: string, index: FollowedIndex): void {
    if (this.followed.has(key)) {
      return;
    }
    const state: Followed = { stop: () => undefined, lastDrawn: Number.NEGATIVE_INFINITY, timer: undefined };
    const drawNow = (): void => {
      state.timer = undefined;
      state.lastDrawn = this.clock.now();
      this.draw(key);
    };
    state.stop = index.onChange(() => {
      if (!this.active()) {
        return;
      }
      if (!index.scanning) {
        if (state.timer !== undefined) {
          this.clock.clearTimer(state.timer);
        }
        drawNow();
        return;
      }
      if (state.timer !== undefined) {
        return;
      }
      const wait = state.lastDrawn + this.intervalMs - this.clock.now();
      if (wait <= 0) {
        drawNow();
      } else {
        state.timer = this.clock.setTimer(drawNow, wait);
      }
    });
    this.followed.set(key, state);
  }

  /** Stops following every index and cancels pending redraws. */
  stopAll(): void {
    for (const state of this.followed.values()) {
      state.stop();
      if (state.timer !== undefined) {
        this.clock.clearTimer(state.timer);
      }
    }
    this.followed.clear();
  }
}
