// GetDownloadUrlForLayer: a time-limited URL for one blob (a layer or an image config) of a
// repository, served without an Authorization header (layerUrls.ts), as ECR hands out S3 URLs.
// A blob belongs to a repository when one of its image manifests names it.
import type { GetDownloadUrlForLayerResponse } from '@aws-sdk/client-ecr';
import { ApiError } from '../protocol/apiError';
import { ACCOUNT_ID } from '../store/account';
import type { RepositoryRecord } from '../store/model';
import { IMAGE_DIGEST, targetRepository, type EcrCall } from './call';
import { layerUrl } from './layerUrls';

/** The digests an image manifest names: its config and its layers (an index names neither). */
function blobsOf(manifestBody: string): string[] {
  try {
    const manifest = JSON.parse(manifestBody) as { config?: { digest?: unknown }; layers?: Array<{ digest?: unknown }> };
    const digests = [manifest.config?.digest, ...(manifest.layers ?? []).map((layer) => layer.digest)];
    return digests.filter((digest): digest is string => typeof digest === 'string');
  } catch {
    return [];
  }
}

function repositoryHasBlob(repository: RepositoryRecord, digest: string): boolean {
  for (const image of repository.images.values()) {
    if (blobsOf(image.manifestBody).includes(digest)) {
      return true;
    }
  }
  return false;
}

export function getDownloadUrlForLayer(call: EcrCall): GetDownloadUrlForLayerResponse {
  const repository = targetRepository(call);
  const layerDigest = call.input.requiredString('layerDigest', { pattern: IMAGE_DIGEST });
  if (!repositoryHasBlob(repository, layerDigest)) {
    throw new ApiError(
      'LayersNotFoundException',
      `The layer with digest '${layerDigest}' does not exist in the repository with name '${repository.name}' in the registry with id '${ACCOUNT_ID}'`,
    );
  }
  return {
    downloadUrl: layerUrl(call.endpointUrl, { region: call.regionName, repositoryName: repository.name, digest: layerDigest }, call.store.now()),
    layerDigest,
  };
}
