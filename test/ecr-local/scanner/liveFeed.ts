// The feed the scanner reads, plus entries a test adds while ecr-local runs (PUT /ecr-local/feed),
// so that a test inside VS Code can make a scan find a vulnerability of its choosing (e.g. one
// whose text is hostile HTML) without editing the feed file. An added entry replaces the file's
// entry of the same id; clear() goes back to the file's feed.
import type { Feed, FeedEntry } from './feed';

export class LiveFeed {
  private extra = new Map<string, FeedEntry>();
  private merged: Feed;

  constructor(private readonly base: Feed) {
    this.merged = base;
  }

  current(): Feed {
    return this.merged;
  }

  get added(): readonly FeedEntry[] {
    return [...this.extra.values()];
  }

  add(entries: readonly FeedEntry[]): void {
    for (const entry of entries) {
      this.extra.set(entry.id, entry);
    }
    this.rebuild();
  }

  clear(): void {
    this.extra = new Map();
    this.rebuild();
  }

  private rebuild(): void {
    const kept = this.base.entries.filter((entry) => !this.extra.has(entry.id));
    this.merged = { updatedAt: this.base.updatedAt, entries: [...kept, ...this.extra.values()] };
  }
}
