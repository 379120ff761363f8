// The whole control-plane state as one JSON file under --data, written atomically (a temporary
// file renamed over the old one) so that a crash leaves either the old or the new state, never
// half of one. Saves are coalesced: many changes in a burst cost one write.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ImageRecord, RegionRecord, RepositoryRecord, TokenRecord } from './model';
import { newRegionRecord } from './model';

export const STATE_FILE_NAME = 'control-plane.json';
const FORMAT_VERSION = 1;
/** How long a burst of changes may go unsaved; stop() flushes whatever is pending. */
const SAVE_DELAY_MS = 25;

export interface StoreState {
  readonly regions: Map<string, RegionRecord>;
  readonly tokens: Map<string, TokenRecord>;
}

type StoredRepository = Omit<RepositoryRecord, 'images'> & { images: ImageRecord[] };
type StoredRegion = Omit<RegionRecord, 'repositories' | 'pullThroughCacheRules'> & {
  repositories: StoredRepository[];
  pullThroughCacheRules: Array<RegionRecord['pullThroughCacheRules'] extends Map<string, infer R> ? R : never>;
};
interface StoredState {
  version: number;
  regions: Record<string, StoredRegion>;
  tokens: Array<[string, TokenRecord]>;
}

export function serializeState(state: StoreState): string {
  const regions: Record<string, StoredRegion> = {};
  for (const [name, region] of state.regions) {
    regions[name] = {
      scanning: region.scanning,
      replication: region.replication,
      pullThroughCacheRules: [...region.pullThroughCacheRules.values()],
      repositories: [...region.repositories.values()].map((repository) => ({ ...repository, images: [...repository.images.values()] })),
    };
  }
  const stored: StoredState = { version: FORMAT_VERSION, regions, tokens: [...state.tokens] };
  return JSON.stringify(stored);
}

export function deserializeState(text: string, source: string): StoreState {
  const fail = (why: string): never => {
    throw new Error(`${source} is not an ecr-local state file (${why}); move it aside or use another --data folder.`);
  };
  let stored: StoredState;
  try {
    stored = JSON.parse(text) as StoredState;
  } catch (error) {
    return fail((error as Error).message);
  }
  if (typeof stored !== 'object' || stored === null || stored.version !== FORMAT_VERSION) {
    return fail(`expected format version ${FORMAT_VERSION}`);
  }
  if (typeof stored.regions !== 'object' || stored.regions === null || !Array.isArray(stored.tokens)) {
    return fail('regions or tokens missing');
  }
  const regions = new Map<string, RegionRecord>();
  for (const [name, storedRegion] of Object.entries(stored.regions)) {
    const region = newRegionRecord();
    region.scanning = storedRegion.scanning;
    region.replication = storedRegion.replication;
    for (const rule of storedRegion.pullThroughCacheRules) {
      region.pullThroughCacheRules.set(rule.ecrRepositoryPrefix, rule);
    }
    for (const storedRepository of storedRegion.repositories) {
      const images = new Map(storedRepository.images.map((image) => [image.digest, image]));
      const repository = { ...storedRepository, images };
      // A preview's timer died with the previous process: it will never complete.
      if (repository.lifecyclePreview?.status === 'IN_PROGRESS') {
        repository.lifecyclePreview.status = 'FAILED';
      }
      region.repositories.set(storedRepository.name, repository);
    }
    regions.set(name, region);
  }
  return { regions, tokens: new Map(stored.tokens) };
}

export class StateFile {
  readonly path: string;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly snapshot: () => string,
    private readonly log: (line: string) => void,
  ) {
    this.path = join(dataDir, STATE_FILE_NAME);
  }

  async load(): Promise<StoreState | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw new Error(`Cannot read ${this.path}: ${(error as Error).message}`);
    }
    return deserializeState(text, this.path);
  }

  /** Saves soon; many calls in a burst make one write. */
  schedule(): void {
    if (this.timer) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.enqueueWrite();
    }, SAVE_DELAY_MS);
  }

  /** Writes now whatever is pending and waits for every write to land. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.enqueueWrite();
    }
    await this.writing;
  }

  private enqueueWrite(): void {
    // Taken now, written in order: a later snapshot never lands before an earlier one.
    const text = this.snapshot();
    this.writing = this.writing.then(async () => {
      const temporary = `${this.path}.${process.pid}.tmp`;
      try {
        await mkdir(dirname(this.path), { recursive: true });
        await writeFile(temporary, text);
        await rename(temporary, this.path);
      } catch (error) {
        this.log(`could not save the state to ${this.path}: ${(error as Error).message}`);
      }
    });
  }
}
