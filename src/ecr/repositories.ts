// Repository operations, one SDK call (or one paged walk) each, returning model.ts shapes.
// Errors are the SDK's own: callers turn them into AwsProblems with describeAwsProblem.
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeRepositoriesCommand,
  ListImagesCommand,
  PutImageScanningConfigurationCommand,
  PutImageTagMutabilityCommand,
  type ECRClient,
} from '@aws-sdk/client-ecr';
import type { EncryptionType, Page, Repository, TagMutability } from './model';
import { toRepository } from './sdkMapping';

/** One DescribeRepositories page (ECR allows 1-1000 per page, 100 by default). */
export async function listRepositoriesPage(
  client: ECRClient,
  request: { nextToken?: string; maxResults?: number },
  signal?: AbortSignal,
): Promise<Page<Repository>> {
  const output = await client.send(
    new DescribeRepositoriesCommand({
      ...(request.nextToken ? { nextToken: request.nextToken } : {}),
      ...(request.maxResults !== undefined ? { maxResults: clampPageSize(request.maxResults) } : {}),
    }),
    signal ? { abortSignal: signal } : {},
  );
  return {
    items: (output.repositories ?? []).map(toRepository),
    ...(output.nextToken ? { nextToken: output.nextToken } : {}),
  };
}

export async function getRepository(client: ECRClient, name: string): Promise<Repository> {
  const output = await client.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }));
  const repository = output.repositories?.[0];
  if (!repository) {
    // ECR answers RepositoryNotFoundException itself; this only guards an odd empty answer.
    throw Object.assign(new Error(`The repository with name '${name}' does not exist in the registry.`), { name: 'RepositoryNotFoundException' });
  }
  return toRepository(repository);
}

export interface NewRepository {
  name: string;
  tagMutability: TagMutability;
  tagMutabilityExclusions: string[];
  scanOnPush: boolean;
  encryption: { type: EncryptionType; kmsKey?: string };
  tags: Array<{ key: string; value: string }>;
}

export async function createRepository(client: ECRClient, spec: NewRepository): Promise<Repository> {
  const withExclusions = spec.tagMutability.endsWith('_WITH_EXCLUSION');
  const usesKms = spec.encryption.type !== 'AES256';
  const output = await client.send(
    new CreateRepositoryCommand({
      repositoryName: spec.name,
      imageTagMutability: spec.tagMutability,
      ...(withExclusions
        ? { imageTagMutabilityExclusionFilters: spec.tagMutabilityExclusions.map((filter) => ({ filterType: 'WILDCARD', filter })) }
        : {}),
      imageScanningConfiguration: { scanOnPush: spec.scanOnPush },
      encryptionConfiguration: {
        encryptionType: spec.encryption.type,
        // Without a key, KMS uses the AWS managed key aws/ecr.
        ...(usesKms && spec.encryption.kmsKey ? { kmsKey: spec.encryption.kmsKey } : {}),
      },
      ...(spec.tags.length > 0 ? { tags: spec.tags.map((tag) => ({ Key: tag.key, Value: tag.value })) } : {}),
    }),
  );
  if (!output.repository) {
    return getRepository(client, spec.name);
  }
  return toRepository(output.repository);
}

/** How many images (distinct digests, tagged or not) a repository holds: what a forced delete removes. */
export async function countImages(client: ECRClient, name: string, signal?: AbortSignal): Promise<number> {
  const digests = new Set<string>();
  let nextToken: string | undefined;
  do {
    const output = await client.send(
      new ListImagesCommand({ repositoryName: name, filter: { tagStatus: 'ANY' }, maxResults: 1000, ...(nextToken ? { nextToken } : {}) }),
      signal ? { abortSignal: signal } : {},
    );
    // ListImages lists one entry per tag: an image with three tags appears three times.
    for (const id of output.imageIds ?? []) {
      digests.add(id.imageDigest ?? `tag:${id.imageTag ?? ''}`);
    }
    nextToken = output.nextToken;
  } while (nextToken);
  return digests.size;
}

/** Without `force`, ECR refuses a repository that still has images (RepositoryNotEmptyException). */
export async function deleteRepository(client: ECRClient, name: string, options: { force: boolean }): Promise<void> {
  await client.send(new DeleteRepositoryCommand({ repositoryName: name, force: options.force }));
}

export async function setTagMutability(client: ECRClient, name: string, mutability: TagMutability, exclusions: string[]): Promise<Repository> {
  const withExclusions = mutability.endsWith('_WITH_EXCLUSION');
  await client.send(
    new PutImageTagMutabilityCommand({
      repositoryName: name,
      imageTagMutability: mutability,
      ...(withExclusions ? { imageTagMutabilityExclusionFilters: exclusions.map((filter) => ({ filterType: 'WILDCARD', filter })) } : {}),
    }),
  );
  return getRepository(client, name);
}

export async function setScanOnPush(client: ECRClient, name: string, enabled: boolean): Promise<void> {
  await client.send(new PutImageScanningConfigurationCommand({ repositoryName: name, imageScanningConfiguration: { scanOnPush: enabled } }));
}

function clampPageSize(maxResults: number): number {
  return Math.min(1000, Math.max(1, Math.trunc(maxResults)));
}
