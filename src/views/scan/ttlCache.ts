// A small cache of promises that expire: one lookup per key at a time (callers during a
// lookup share it), kept for `ttlMs`, a failed lookup forgotten at once so the next caller
// tries again. The clock is injected so tests need not wait.
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 500,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.at < this.ttlMs) {
      return entry.value;
    }
    const value = load();
    const created = { value, at: this.now() };
    this.entries.set(key, created);
    value.catch(() => {
      if (this.entries.get(key) === created) {
        this.entries.delete(key);
      }
    });
    if (this.entries.size > this.maxEntries) {
      // Maps keep insertion order: the oldest goes first.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) {
        this.entries.delete(oldest);
      }
    }
    return value;
  }

  /** The value when present and fresh, without loading. */
  peek(key: string): Promise<V> | undefined {
    const entry = this.entries.get(key);
    return entry && this.now() - entry.at < this.ttlMs ? entry.value : undefined;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
