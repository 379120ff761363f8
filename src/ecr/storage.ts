// What a repository or a region stores and what that costs a month. ECR bills storage per
// GB-month where a GB is 2^30 bytes (AWS's billing GB), so sizes are divided by 1024^3.
import { DescribeImagesCommand, type ECRClient } from '@aws-sdk/client-ecr';
import type { StorageEstimate } from './model';
import { listRepositoriesPage } from './repositories';
import { INDEX_MEDIA_TYPES } from './sdkMapping';

const BYTES_PER_BILLED_GB = 1024 ** 3;
/** Repositories measured at once in a region: enough to be quick, few enough not to be throttled. */
const REPOSITORY_CONCURRENCY = 8;

/** Cost of storing `bytes` for a month at `pricePerGbMonth` (USD per 2^30-byte GB-month). */
export function monthlyCost(bytes: number, pricePerGbMonth: number): number {
  if (!Number.isFinite(bytes) || !Number.isFinite(pricePerGbMonth) || bytes <= 0 || pricePerGbMonth <= 0) {
    return 0;
  }
  return (bytes / BYTES_PER_BILLED_GB) * pricePerGbMonth;
}

/**
 * Reads every DescribeImages page of a repository. `imageCount` counts every image ECR lists
 * (indexes included, as the tree shows them); `bytes` leaves out manifest lists / OCI indexes,
 * whose reported size is that of one of their platform images, each counted on its own.
 * (ECR stores layers once per repository; shared layers are counted per image, as ECR's own
 * imageSizeInBytes does, so this is an upper bound of the billed size.)
 */
export async function estimateRepositoryStorage(
  client: ECRClient,
  repositoryName: string,
  pricePerGbMonth: number,
  signal?: AbortSignal,
): Promise<StorageEstimate> {
  let bytes = 0;
  let imageCount = 0;
  let nextToken: string | undefined;
  do {
    const output = await client.send(
      new DescribeImagesCommand({ repositoryName, filter: { tagStatus: 'ANY' }, maxResults: 1000, ...(nextToken ? { nextToken } : {}) }),
      signal ? { abortSignal: signal } : {},
    );
    for (const detail of output.imageDetails ?? []) {
      imageCount += 1;
      const isIndex = detail.imageManifestMediaType !== undefined && INDEX_MEDIA_TYPES.includes(detail.imageManifestMediaType);
      if (!isIndex) {
        bytes += detail.imageSizeInBytes ?? 0;
      }
    }
    nextToken = output.nextToken;
  } while (nextToken);
  return { bytes, imageCount, monthlyCostUsd: monthlyCost(bytes, pricePerGbMonth) };
}

/**
 * Every repository of the client's region, measured a few at a time. `onProgress(done, total)`
 * is called while repositories are listed (total unknown) and after each one is measured.
 */
export async function estimateRegionStorage(
  client: ECRClient,
  pricePerGbMonth: number,
  options: { signal?: AbortSignal; onProgress?: (done: number, total?: number) => void } = {},
): Promise<StorageEstimate & { repositoryCount: number; perRepository: Map<string, StorageEstimate> }> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await listRepositoriesPage(client, { maxResults: 1000, ...(nextToken ? { nextToken } : {}) }, options.signal);
    names.push(...page.items.map((repository) => repository.name));
    nextToken = page.nextToken;
    options.onProgress?.(0, nextToken === undefined ? names.length : undefined);
  } while (nextToken);

  const perRepository = new Map<string, StorageEstimate>();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < names.length) {
      options.signal?.throwIfAborted();
      const name = names[next] ?? '';
      next += 1;
      perRepository.set(name, await estimateRepositoryStorage(client, name, pricePerGbMonth, options.signal));
      done += 1;
      options.onProgress?.(done, names.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(REPOSITORY_CONCURRENCY, names.length) }, worker));

  let bytes = 0;
  let imageCount = 0;
  for (const estimate of perRepository.values()) {
    bytes += estimate.bytes;
    imageCount += estimate.imageCount;
  }
  return { bytes, imageCount, monthlyCostUsd: monthlyCost(bytes, pricePerGbMonth), repositoryCount: names.length, perRepository };
}
