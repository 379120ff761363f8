// Image → Dockerfile and Dockerfile → last image, kept in workspaceState so that a scan of an
// image built from this workspace lands on its Dockerfile in a later session too. Pure: it
// reads and writes through a Memento-shaped store and URIs as strings.
import type { Connection } from '../../ecr/model';

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export interface StoredImage {
  readonly connection: Connection;
  readonly repositoryName: string;
  readonly imageDigest: string;
  readonly tag?: string;
}

const IMAGES_KEY = 'ecrExplorer.scan.imageSources';
const DOCKERFILES_KEY = 'ecrExplorer.scan.dockerfileImages';
/** A workspace remembers this many images; the oldest are dropped first. */
const MAX_IMAGES = 200;

/** profile|region|repository|digest */
export function imageKey(image: StoredImage): string {
  return [image.connection.profile, image.connection.region, image.repositoryName, image.imageDigest].join('|');
}

/** The shape of an image reference, checked field by field (workspace state and command arguments are untyped). */
export function isStoredImage(value: unknown): value is StoredImage {
  const image = value as Partial<StoredImage> | undefined;
  return (
    typeof image === 'object' &&
    image !== null &&
    typeof image.connection?.profile === 'string' &&
    typeof image.connection.region === 'string' &&
    typeof image.repositoryName === 'string' &&
    typeof image.imageDigest === 'string' &&
    (image.tag === undefined || typeof image.tag === 'string')
  );
}

export class SourceStore {
  constructor(private readonly store: KeyValueStore) {}

  private images(): Record<string, string> {
    const value = this.store.get<unknown>(IMAGES_KEY);
    return typeof value === 'object' && value !== null ? { ...(value as Record<string, string>) } : {};
  }

  private dockerfiles(): Record<string, StoredImage> {
    const value = this.store.get<unknown>(DOCKERFILES_KEY);
    return typeof value === 'object' && value !== null ? { ...(value as Record<string, StoredImage>) } : {};
  }

  async remember(image: StoredImage, dockerfileUri: string): Promise<void> {
    const images = this.images();
    const key = imageKey(image);
    delete images[key]; // re-inserted last: the newest
    images[key] = dockerfileUri;
    const keys = Object.keys(images);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_IMAGES))) {
      delete images[old];
    }
    const dockerfiles = this.dockerfiles();
    const stored: StoredImage = {
      connection: { profile: image.connection.profile, region: image.connection.region },
      repositoryName: image.repositoryName,
      imageDigest: image.imageDigest,
      ...(image.tag !== undefined ? { tag: image.tag } : {}),
    };
    dockerfiles[dockerfileUri] = stored;
    const kept = new Set(Object.values(images));
    for (const uri of Object.keys(dockerfiles)) {
      if (!kept.has(uri)) {
        delete dockerfiles[uri];
      }
    }
    await this.store.update(IMAGES_KEY, images);
    await this.store.update(DOCKERFILES_KEY, dockerfiles);
  }

  dockerfileOf(image: StoredImage): string | undefined {
    const value = this.images()[imageKey(image)];
    return typeof value === 'string' ? value : undefined;
  }

  /** The last image remembered for a Dockerfile. */
  imageOf(dockerfileUri: string): StoredImage | undefined {
    const value = this.dockerfiles()[dockerfileUri];
    return isStoredImage(value) ? value : undefined;
  }

  async forgetDockerfile(dockerfileUri: string): Promise<void> {
    const images = this.images();
    for (const [key, uri] of Object.entries(images)) {
      if (uri === dockerfileUri) {
        delete images[key];
      }
    }
    const dockerfiles = this.dockerfiles();
    delete dockerfiles[dockerfileUri];
    await this.store.update(IMAGES_KEY, images);
    await this.store.update(DOCKERFILES_KEY, dockerfiles);
  }
}
