// Image operations of one repository, returning model.ts shapes.
import {
  BatchDeleteImageCommand,
  DescribeImagesCommand,
  StartImageScanCommand,
  type ECRClient,
  type ImageIdentifier,
} from '@aws-sdk/client-ecr';
import type { Image, Page, ScanState } from './model';
import { toImage, toScanState } from './sdkMapping';

export type ImageTarget = { tag: string } | { digest: string };

export interface DeleteResult {
  deleted: ImageTarget[];
  failures: Array<{ target: ImageTarget; code: string; reason: string }>;
}

/** ECR's limit for imageIds in one DescribeImages or BatchDeleteImage call. */
const IMAGE_ID_CHUNK = 100;

/**
 * One DescribeImages page (tagged and untagged). ECR does not order images; the page's items are
 * sorted newest first, which is what can be done without fetching every page first.
 */
export async function listImagesPage(
  client: ECRClient,
  repositoryName: string,
  request: { nextToken?: string; maxResults?: number },
  signal?: AbortSignal,
): Promise<Page<Image>> {
  const output = await client.send(
    new DescribeImagesCommand({
      repositoryName,
      filter: { tagStatus: 'ANY' },
      ...(request.nextToken ? { nextToken: request.nextToken } : {}),
      ...(request.maxResults !== undefined ? { maxResults: Math.min(1000, Math.max(1, Math.trunc(request.maxResults))) } : {}),
    }),
    signal ? { abortSignal: signal } : {},
  );
  const items = (output.imageDetails ?? []).map((detail) => toImage(repositoryName, detail)).sort(newestFirst);
  return { items, ...(output.nextToken ? { nextToken: output.nextToken } : {}) };
}

/** Details of the given digests, in chunks of 100; digests ECR does not know are left out. */
export async function describeImagesByDigest(client: ECRClient, repositoryName: string, digests: readonly string[]): Promise<Image[]> {
  const unique = [...new Set(digests)];
  const images: Image[] = [];
  for (let start = 0; start < unique.length; start += IMAGE_ID_CHUNK) {
    const chunk = unique.slice(start, start + IMAGE_ID_CHUNK);
    images.push(...(await describeChunk(client, repositoryName, chunk)));
  }
  return images;
}

async function describeChunk(client: ECRClient, repositoryName: string, digests: readonly string[]): Promise<Image[]> {
  try {
    const output = await client.send(
      new DescribeImagesCommand({ repositoryName, imageIds: digests.map((imageDigest) => ({ imageDigest })) }),
    );
    return (output.imageDetails ?? []).map((detail) => toImage(repositoryName, detail));
  } catch (error) {
    // ECR refuses the whole call when one digest is unknown; ask one by one to keep the others.
    if (isImageNotFound(error) && digests.length > 1) {
      const found: Image[] = [];
      for (const digest of digests) {
        found.push(...(await describeChunk(client, repositoryName, [digest])));
      }
      return found;
    }
    if (isImageNotFound(error)) {
      return [];
    }
    throw error;
  }
}

/**
 * BatchDeleteImage in chunks of 100. A tag target removes only that tag (the image goes with its
 * last tag); a digest target removes the image and all its tags. Each target ends up either in
 * `deleted` or in `failures` with ECR's failure code and reason.
 */
export async function deleteImages(client: ECRClient, repositoryName: string, targets: readonly ImageTarget[]): Promise<DeleteResult> {
  const result: DeleteResult = { deleted: [], failures: [] };
  for (let start = 0; start < targets.length; start += IMAGE_ID_CHUNK) {
    const chunk = targets.slice(start, start + IMAGE_ID_CHUNK);
    const output = await client.send(new BatchDeleteImageCommand({ repositoryName, imageIds: chunk.map(toImageIdentifier) }));
    for (const target of chunk) {
      // A failure names the id as it was asked for; a deletion by digest lists each of its tags.
      const failure = (output.failures ?? []).find((entry) => identifies(entry.imageId, target, true));
      if (failure) {
        result.failures.push({
          target,
          code: failure.failureCode ?? 'Unknown',
          reason: failure.failureReason ?? 'ECR gave no reason.',
        });
      } else if ((output.imageIds ?? []).some((id) => identifies(id, target, false))) {
        result.deleted.push(target);
      } else {
        result.failures.push({ target, code: 'Unknown', reason: 'ECR reported neither a deletion nor a failure for this image.' });
      }
    }
  }
  return result;
}

export async function startImageScan(client: ECRClient, repositoryName: string, digest: string): Promise<ScanState> {
  const output = await client.send(new StartImageScanCommand({ repositoryName, imageId: { imageDigest: digest } }));
  return toScanState(output.imageScanStatus, undefined) ?? { status: 'IN_PROGRESS', severityCounts: {} };
}

/** `uri:tag` or `uri@sha256:…`, what docker pull and Kubernetes manifests take. */
export function imageUri(repositoryUri: string, target: ImageTarget): string {
  return 'tag' in target ? `${repositoryUri}:${target.tag}` : `${repositoryUri}@${target.digest}`;
}

export function pullCommand(repositoryUri: string, target: ImageTarget): string {
  return `docker pull ${imageUri(repositoryUri, target)}`;
}

function toImageIdentifier(target: ImageTarget): ImageIdentifier {
  return 'tag' in target ? { imageTag: target.tag } : { imageDigest: target.digest };
}

function identifies(id: ImageIdentifier | undefined, target: ImageTarget, exact: boolean): boolean {
  if (!id) {
    return false;
  }
  if ('tag' in target) {
    return id.imageTag === target.tag;
  }
  return id.imageDigest === target.digest && (!exact || !id.imageTag);
}

function isImageNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'ImageNotFoundException';
}

function newestFirst(a: Image, b: Image): number {
  return (b.pushedAt?.getTime() ?? 0) - (a.pushedAt?.getTime() ?? 0);
}
