// ecr-local's scanner: reads a pushed image's manifest and layers from the backing registry,
// stacks the layers, parses the package databases and lockfiles it finds and matches their
// packages against the feed. Results are computed from the image, never canned.
import type { Readable } from 'node:stream';
import type { ImageScanner, ScanOutcome } from '../contracts';
import { FOREIGN_LAYER, IMAGE_CONFIG_TYPES, parseManifest } from '../registry/manifests';
import { loadFeed, matchPackages, type Feed } from './feed';
import { applyLayer, readLayer, type LayerFile } from './layerFiles';
import { packageFileKind, parsePackageFile, toFoundPackage, type ScannedPackage } from './packageDatabases';

/** Where the scanner reads images from: the backing registry, by `region/repository` path. */
export interface ImageSource {
  readManifest(repositoryPath: string, reference: string): Promise<{ body: string; mediaType: string } | undefined>;
  openBlob(repositoryPath: string, digest: string): Promise<Readable>;
}

/** ECR's own wording for these outcomes. */
export const SCAN_DESCRIPTIONS = {
  complete: 'The scan was completed successfully.',
  index: 'UnsupportedImageError: Image indexes and manifest lists are not scanned; scan each image they list.',
  artifact: (type: string) => `UnsupportedImageError: The artifact type ${type} is not a container image.`,
} as const;

export interface ScannerOptions {
  /** The feed to match against (read at each scan when a function); the project's feed file by default. */
  readonly feed?: Feed | (() => Feed);
}

export function createImageScanner(source: ImageSource, options: ScannerOptions = {}): ImageScanner {
  const live = typeof options.feed === 'function' ? options.feed : undefined;
  let loaded = typeof options.feed === 'function' ? undefined : options.feed;
  return {
    async scan(region, repositoryName, imageDigest): Promise<ScanOutcome> {
      let feed: Feed;
      try {
        feed = live ? live() : (loaded ??= loadFeed());
      } catch (error) {
        return failed(`The vulnerability feed could not be loaded: ${message(error)}`, new Date(0));
      }
      try {
        return await scanImage(source, feed, `${region}/${repositoryName}`, imageDigest);
      } catch (error) {
        return failed(`The scan failed: ${message(error)}`, feed.updatedAt);
      }
    },
  };
}

async function scanImage(source: ImageSource, feed: Feed, repositoryPath: string, imageDigest: string): Promise<ScanOutcome> {
  const fetched = await source.readManifest(repositoryPath, imageDigest);
  if (!fetched) {
    return failed(`The image ${imageDigest} was not found in the registry.`, feed.updatedAt);
  }
  const manifest = parseManifest(fetched.body, fetched.mediaType);
  if (typeof manifest === 'string') {
    return unsupported(`UnsupportedImageError: ${manifest}.`, feed);
  }
  if (manifest.kind === 'index') {
    return unsupported(SCAN_DESCRIPTIONS.index, feed);
  }
  const artifactType = manifest.artifactType ?? manifest.config.mediaType;
  if (manifest.artifactType !== undefined || !IMAGE_CONFIG_TYPES.includes(artifactType)) {
    return unsupported(SCAN_DESCRIPTIONS.artifact(artifactType || 'with no config media type'), feed);
  }

  const visible = new Map<string, LayerFile>();
  const notes: string[] = [];
  for (const layer of manifest.layers) {
    if (FOREIGN_LAYER.test(layer.mediaType)) {
      continue; // not stored in the registry (Windows base layers)
    }
    const blob = await source.openBlob(repositoryPath, layer.digest);
    const contents = await readLayer(blob, layer.digest, (path) => packageFileKind(path) !== undefined);
    notes.push(...contents.skipped.map((skipped) => `skipped ${skipped}`));
    applyLayer(visible, contents);
  }

  const packages: ScannedPackage[] = [];
  for (const file of [...visible.values()].sort((a, b) => a.path.localeCompare(b.path))) {
    const kind = packageFileKind(file.path);
    if (kind) {
      const parsed = parsePackageFile(kind, file.content.toString('utf8'), file.path, file.layerDigest);
      packages.push(...parsed.packages);
      notes.push(...parsed.problems);
    }
  }
  const { vulnerabilities, unreadable } = matchPackages(feed, packages);
  notes.push(...unreadable.map((found) => `${found.filePath}: ${found.name} ${found.version} has a version that could not be compared`));
  const description = notes.length === 0 ? SCAN_DESCRIPTIONS.complete : `${SCAN_DESCRIPTIONS.complete} Notes: ${notes.slice(0, 5).join('; ')}${notes.length > 5 ? ` (and ${notes.length - 5} more)` : ''}.`;
  return {
    status: 'COMPLETE',
    description,
    packages: packages.map(toFoundPackage),
    vulnerabilities,
    vulnerabilitySourceUpdatedAt: feed.updatedAt,
  };
}

function unsupported(description: string, feed: Feed): ScanOutcome {
  return { status: 'UNSUPPORTED_IMAGE', description, packages: [], vulnerabilities: [], vulnerabilitySourceUpdatedAt: feed.updatedAt };
}

function failed(description: string, updatedAt: Date): ScanOutcome {
  return { status: 'FAILED', description, packages: [], vulnerabilities: [], vulnerabilitySourceUpdatedAt: updatedAt };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
