import * as assert from 'node:assert/strict';
import { ThrottledRedraw, type FollowedIndex, type RedrawClock } from '../../../src/views/explorer/throttledRedraw';

/** A clock that moves only when told, with timers that fire when it passes them. */
class ManualClock implements RedrawClock {
  private time = 1_000;
  private timers: Array<{ at: number; callback: () => void; handle: number }> = [];
  private next = 1;
  now(): number {
    return this.time;
  }
  setTimer(callback: () => void, ms: number): unknown {
    const handle = this.next++;
    this.timers.push({ at: this.time + ms, callback, handle });
    return handle;
  }
  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.handle !== handle);
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((timer) => timer.at <= this.time);
    this.timers = this.timers.filter((timer) => timer.at > this.time);
    for (const timer of due) {
      timer.callback();
    }
  }
  get pending(): number {
    return this.timers.length;
  }
}

class FakeIndex implements FollowedIndex {
  scanning = true;
  private readonly listeners = new Set<() => void>();
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  page(): void {
    for (const listener of this.listeners) {
      listener();
    }
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
}

describe('ThrottledRedraw', () => {
  const setup = (active = () => true) => {
    const clock = new ManualClock();
    const drawn: string[] = [];
    const redraws = new ThrottledRedraw(500, (key) => drawn.push(key), active, clock);
    const index = new FakeIndex();
    redraws.follow('eu', index);
    return { clock, drawn, redraws, index };
  };

  it('draws the first page at once, then at most once per interval while pages keep coming', () => {
    const { clock, drawn, index } = setup();
    index.page();
    assert.deepEqual(drawn, ['eu']);
    for (let page = 0; page < 10; page++) {
      clock.advance(25);
      index.page();
    }
    assert.equal(drawn.length, 1, 'ten pages within 250 ms: no redraw yet');
    clock.advance(250);
    assert.equal(drawn.length, 2, 'the held redraw comes 500 ms after the first');
  });

  it('draws the end at once, cancelling the held redraw', () => {
    const { clock, drawn, index } = setup();
    index.page();
    clock.advance(25);
    index.page();
    assert.equal(clock.pending, 1);
    index.scanning = false;
    index.page();
    assert.equal(drawn.length, 2);
    assert.equal(clock.pending, 0, 'no redraw left to come');
  });

  it('ignores changes while nothing shows the index, and follows a key once', () => {
    let filtering = false;
    const { drawn, redraws, index } = setup(() => filtering);
    index.page();
    assert.deepEqual(drawn, []);
    redraws.follow('eu', index);
    assert.equal(index.listenerCount, 1);
    filtering = true;
    index.page();
    assert.deepEqual(drawn, ['eu']);
  });

  it('stops following and cancels pending redraws', () => {
    const { clock, drawn, redraws, index } = setup();
    index.page();
    clock.advance(10);
    index.page();
    redraws.stopAll();
    assert.equal(index.listenerCount, 0);
    clock.advance(1_000);
    index.page();
    assert.equal(drawn.length, 1);
  });
});
