// CreateRepository, DescribeRepositories, DeleteRepository and the two per-repository settings
// (PutImageTagMutability, PutImageScanningConfiguration).
import type {
  CreateRepositoryResponse,
  DeleteRepositoryResponse,
  DescribeRepositoriesResponse,
  PutImageScanningConfigurationResponse,
  PutImageTagMutabilityResponse,
} from '@aws-sdk/client-ecr';
import { ApiError, invalidParameter } from '../protocol/apiError';
import { ACCOUNT_ID } from '../store/account';
import { ecrErrors } from '../store/ecrErrors';
import type { EncryptionType, RepositoryRecord, TagMutability, WildcardFilter } from '../store/model';
import { checkRegistryId, describeRepository, readRepositoryName, REPOSITORY_NAME, targetRepository, type EcrCall } from './call';
import type { Input } from './input';
import { paginateSorted, refusePagingWith } from './paging';
import { mergeTags, readResourceTags } from './resourceTags';

/** ECR's default quota of repositories per region. */
export const MAX_REPOSITORIES_PER_REGION = 100_000;
const TAG_MUTABILITIES: readonly TagMutability[] = ['MUTABLE', 'IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION'];
const ENCRYPTION_TYPES: readonly EncryptionType[] = ['AES256', 'KMS', 'KMS_DSSE'];
const EXCLUSION_FILTER = /^[0-9a-zA-Z._*-]{1,128}$/;
/** What KMS accepts as a key: a key id, a key ARN, an alias name or an alias ARN. */
const KMS_KEY = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|alias\/[a-zA-Z0-9/_-]+|arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(?:key\/[0-9a-f-]{36}|alias\/[a-zA-Z0-9/_-]+))$/;

function readTagMutability(input: Input, required: boolean): { mode: TagMutability; filters: WildcardFilter[] } {
  const mode = (required
    ? input.requiredString('imageTagMutability', { oneOf: TAG_MUTABILITIES })
    : input.optionalString('imageTagMutability', { oneOf: TAG_MUTABILITIES }) ?? 'MUTABLE') as TagMutability;
  const filters =
    input.optionalObjects('imageTagMutabilityExclusionFilters', { min: 1, max: 5 })?.map((entry) => ({
      filterType: entry.requiredString('filterType', { oneOf: ['WILDCARD'] }) as 'WILDCARD',
      filter: entry.requiredString('filter', { min: 1, max: 128, pattern: EXCLUSION_FILTER }),
    })) ?? [];
  const withExclusion = mode.endsWith('_WITH_EXCLUSION');
  if (withExclusion && filters.length === 0) {
    throw invalidParameter('imageTagMutabilityExclusionFilters', `1 to 5 exclusion filters are required with imageTagMutability ${mode}`);
  }
  if (!withExclusion && filters.length > 0) {
    throw invalidParameter(
      'imageTagMutabilityExclusionFilters',
      `exclusion filters are only allowed with IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION, not ${mode}`,
    );
  }
  return { mode, filters };
}

function readEncryption(call: EcrCall): RepositoryRecord['encryption'] {
  const config = call.input.optionalObject('encryptionConfiguration');
  if (!config) {
    return { encryptionType: 'AES256' };
  }
  const encryptionType = config.requiredString('encryptionType', { oneOf: ENCRYPTION_TYPES }) as EncryptionType;
  const kmsKey = config.optionalString('kmsKey', { min: 1, max: 2048 });
  if (encryptionType === 'AES256') {
    if (kmsKey !== undefined) {
      throw invalidParameter('encryptionConfiguration.kmsKey', 'a KMS key can only be given with encryptionType KMS or KMS_DSSE');
    }
    return { encryptionType };
  }
  if (kmsKey !== undefined && !KMS_KEY.test(kmsKey)) {
    // ecr-local has no KMS: any well-formed key exists, anything else is not found, as KMS would say.
    throw new ApiError('KmsException', `KMS key ${kmsKey} is not found or not valid: give a key id, key ARN, alias name or alias ARN.`, 400, {
      kmsError: 'NotFoundException',
    });
  }
  // Without a key, ECR uses the AWS managed key of the account.
  return { encryptionType, kmsKey: kmsKey ?? `arn:aws:kms:${call.regionName}:${ACCOUNT_ID}:alias/aws/ecr` };
}

export function createRepository(call: EcrCall): CreateRepositoryResponse {
  checkRegistryId(call);
  const { input, region } = call;
  const name = readRepositoryName(input);
  const tags = mergeTags([], readResourceTags(input, 'tags', false) ?? []);
  const mutability = readTagMutability(input, false);
  const scanOnPush = input.optionalObject('imageScanningConfiguration')?.optionalBoolean('scanOnPush') ?? false;
  const encryption = readEncryption(call);
  if (region.repositories.has(name)) {
    throw ecrErrors.repositoryAlreadyExists(name);
  }
  if (region.repositories.size >= MAX_REPOSITORIES_PER_REGION) {
    throw new ApiError(
      'LimitExceededException',
      `The operation did not succeed because it would cause a service limit to be exceeded: at most ${MAX_REPOSITORIES_PER_REGION} repositories per region.`,
    );
  }
  const repository: RepositoryRecord = {
    name,
    createdAt: call.store.now(),
    tagMutability: mutability.mode,
    tagMutabilityExclusionFilters: mutability.filters,
    scanOnPush,
    encryption,
    tags,
    images: new Map(),
  };
  region.repositories.set(name, repository);
  call.store.changed();
  return { repository: describeRepository(call.regionName, repository) };
}

export function describeRepositories(call: EcrCall): DescribeRepositoriesResponse {
  checkRegistryId(call);
  const { input, region } = call;
  const names = input.optionalStrings('repositoryNames', { min: 1, max: 100 }, REPOSITORY_NAME);
  if (names) {
    refusePagingWith(input, 'repositoryNames');
    const repositories = [...new Set(names)].map((name) => {
      const repository = region.repositories.get(name);
      if (!repository) {
        throw ecrErrors.repositoryNotFound(name);
      }
      return describeRepository(call.regionName, repository);
    });
    return { repositories };
  }
  const page = paginateSorted(input, region.repositories.sortedByName(), (repository) => repository.name, {
    operation: call.operation,
    maxResults: 1000,
  });
  return {
    repositories: page.items.map((repository) => describeRepository(call.regionName, repository)),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

export async function deleteRepository(call: EcrCall): Promise<DeleteRepositoryResponse> {
  const repository = targetRepository(call);
  const force = call.input.optionalBoolean('force') ?? false;
  if (repository.images.size > 0 && !force) {
    throw ecrErrors.repositoryNotEmpty(repository.name);
  }
  call.region.repositories.delete(repository.name);
  call.store.changed();
  const backend = call.store.backend;
  if (backend) {
    // Indexes first, so the registry never holds an index whose children are gone.
    const images = [...repository.images.values()].sort((a, b) => Number(Boolean(b.children)) - Number(Boolean(a.children)));
    for (const image of images) {
      try {
        await backend.deleteManifest(call.regionName, repository.name, image.digest);
      } catch (error) {
        call.store.log(`DeleteRepository ${repository.name}: the registry kept ${image.digest}: ${(error as Error).message}`);
      }
    }
  }
  return { repository: describeRepository(call.regionName, repository) };
}

export function putImageTagMutability(call: EcrCall): PutImageTagMutabilityResponse {
  const repository = targetRepository(call);
  const { mode, filters } = readTagMutability(call.input, true);
  repository.tagMutability = mode;
  repository.tagMutabilityExclusionFilters = filters;
  call.store.changed();
  return {
    registryId: ACCOUNT_ID,
    repositoryName: repository.name,
    imageTagMutability: mode,
    ...(filters.length > 0 ? { imageTagMutabilityExclusionFilters: filters.map((filter) => ({ ...filter })) } : {}),
  };
}

export function putImageScanningConfiguration(call: EcrCall): PutImageScanningConfigurationResponse {
  const repository = targetRepository(call);
  const scanOnPush = call.input.requiredObject('imageScanningConfiguration').optionalBoolean('scanOnPush') ?? false;
  repository.scanOnPush = scanOnPush;
  call.store.changed();
  return { registryId: ACCOUNT_ID, repositoryName: repository.name, imageScanningConfiguration: { scanOnPush } };
}
