// Finding one image by tag (what a FROM line or a push names) and listing its layers in manifest
// order (what maps an enhanced finding's sourceLayerHash back to a Dockerfile instruction).
import { DescribeImagesCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { getManifest } from './manifests';
import type { Image } from './model';
import { INDEX_MEDIA_TYPES, toImage } from './sdkMapping';

/** The image `tag` points at, or undefined when the repository has no such tag. RepositoryNotFoundException throws. */
export async function findImageByTag(ecr: ECRClient, repositoryName: string, tag: string, signal?: AbortSignal): Promise<Image | undefined> {
  try {
    const output = await ecr.send(
      new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag: tag }] }),
      signal ? { abortSignal: signal } : {},
    );
    const detail = output.imageDetails?.[0];
    return detail ? toImage(repositoryName, detail) : undefined;
  } catch (error) {
    if (error instanceof Error && error.name === 'ImageNotFoundException') {
      return undefined;
    }
    throw error;
  }
}

/**
 * The layer digests of a single-platform image, bottom layer first (the manifest's order, which
 * is the build's order). A manifest list has no layers of its own: that is said plainly.
 */
export async function getImageLayers(ecr: ECRClient, repositoryName: string, imageDigest: string): Promise<string[]> {
  const manifest = await getManifest(ecr, repositoryName, imageDigest);
  let parsed: { layers?: unknown; manifests?: unknown; fsLayers?: unknown } | undefined;
  try {
    parsed = JSON.parse(manifest.text) as typeof parsed;
  } catch {
    throw new Error(`The manifest of ${imageDigest} is not JSON; its layers cannot be read.`);
  }
  if (INDEX_MEDIA_TYPES.includes(manifest.mediaType) || Array.isArray(parsed?.manifests)) {
    throw new Error(`${imageDigest} is a multi-platform image (manifest list): read the layers of one of its platform images instead.`);
  }
  if (!Array.isArray(parsed?.layers)) {
    throw new Error(`The manifest of ${imageDigest} (${manifest.mediaType}) lists no layers.`);
  }
  return parsed.layers.flatMap((layer: unknown) => {
    const digest = typeof layer === 'object' && layer !== null ? (layer as { digest?: unknown }).digest : undefined;
    return typeof digest === 'string' ? [digest] : [];
  });
}
