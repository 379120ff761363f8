// Registry-wide settings: DescribeRegistry and PutReplicationConfiguration, and the pull
// through cache rules (Create/Describe/DeletePullThroughCacheRule). ecr-local records them and
// answers as ECR does; it does not replicate images or pull from upstream registries.
import type {
  CreatePullThroughCacheRuleResponse,
  DeletePullThroughCacheRuleResponse,
  DescribePullThroughCacheRulesResponse,
  DescribeRegistryResponse,
  PullThroughCacheRule,
  PutReplicationConfigurationResponse,
} from '@aws-sdk/client-ecr';
import { ApiError, invalidParameter } from '../protocol/apiError';
import { ACCOUNT_ID } from '../store/account';
import { ecrErrors } from '../store/ecrErrors';
import type { PullThroughCacheRuleRecord, ReplicationRule } from '../store/model';
import { checkRegistryId, type EcrCall } from './call';
import { paginate, refusePagingWith } from './paging';

const REGION = /^[0-9a-z-]{2,25}$/;
const REGISTRY_ID = /^[0-9]{12}$/;
const PREFIX_FILTER = /^(?:[a-z0-9]+(?:[._-][a-z0-9]*)*\/)*[a-z0-9]*(?:[._-][a-z0-9]*)*$/;
const CACHE_PREFIX = /^((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*|ROOT)$/;
const CREDENTIAL_ARN = /^arn:aws:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr-pullthroughcache\/[a-zA-Z0-9/_+=.@-]+$/;

/** Upstream registries ECR can cache, and whether they need a Secrets Manager credential. */
const UPSTREAMS: ReadonlyArray<{ url: RegExp; registry: string; needsCredential: boolean }> = [
  { url: /^public\.ecr\.aws$/, registry: 'ecr-public', needsCredential: false },
  { url: /^registry\.k8s\.io$/, registry: 'k8s', needsCredential: false },
  { url: /^quay\.io$/, registry: 'quay', needsCredential: false },
  { url: /^registry-1\.docker\.io$/, registry: 'docker-hub', needsCredential: true },
  { url: /^ghcr\.io$/, registry: 'github-container-registry', needsCredential: true },
  { url: /^registry\.gitlab\.com$/, registry: 'gitlab-container-registry', needsCredential: true },
  { url: /^[a-z0-9-]+\.azurecr\.io$/, registry: 'azure-container-registry', needsCredential: true },
  { url: /^cgr\.dev$/, registry: 'chainguard', needsCredential: false },
  { url: /^\d{12}\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com$/, registry: 'ecr', needsCredential: false },
];

export function describeRegistry(call: EcrCall): DescribeRegistryResponse {
  return { registryId: ACCOUNT_ID, replicationConfiguration: { rules: copyReplicationRules(call.region.replication.rules) } };
}

export function putReplicationConfiguration(call: EcrCall): PutReplicationConfigurationResponse {
  const configuration = call.input.requiredObject('replicationConfiguration');
  const rules: ReplicationRule[] = configuration.requiredObjects('rules', { min: 0, max: 10 }).map((rule) => {
    const destinations = rule.requiredObjects('destinations', { min: 1, max: 25 }).map((destination) => ({
      region: destination.requiredString('region', { min: 2, max: 25, pattern: REGION }),
      registryId: destination.requiredString('registryId', { pattern: REGISTRY_ID }),
    }));
    for (const destination of destinations) {
      if (destination.region === call.regionName && destination.registryId === ACCOUNT_ID) {
        throw invalidParameter('replicationConfiguration', `a registry cannot replicate to itself (${call.regionName}, ${ACCOUNT_ID})`);
      }
    }
    const filters = rule.optionalObjects('repositoryFilters', { min: 1, max: 100 })?.map((filter) => ({
      filter: filter.requiredString('filter', { min: 2, max: 256, pattern: PREFIX_FILTER }),
      filterType: filter.requiredString('filterType', { oneOf: ['PREFIX_MATCH'] }) as 'PREFIX_MATCH',
    }));
    return { destinations, ...(filters ? { repositoryFilters: filters } : {}) };
  });
  call.region.replication = { rules };
  call.store.changed();
  return { replicationConfiguration: { rules: copyReplicationRules(rules) } };
}

function copyReplicationRules(rules: readonly ReplicationRule[]) {
  return rules.map((rule) => ({
    destinations: rule.destinations.map((destination) => ({ ...destination })),
    ...(rule.repositoryFilters ? { repositoryFilters: rule.repositoryFilters.map((filter) => ({ ...filter })) } : {}),
  }));
}

function describeRule(rule: PullThroughCacheRuleRecord): PullThroughCacheRule {
  return {
    registryId: ACCOUNT_ID,
    ecrRepositoryPrefix: rule.ecrRepositoryPrefix,
    upstreamRegistryUrl: rule.upstreamRegistryUrl,
    createdAt: new Date(rule.createdAt),
    ...(rule.upstreamRegistry !== undefined ? { upstreamRegistry: rule.upstreamRegistry as PullThroughCacheRule['upstreamRegistry'] } : {}),
    ...(rule.credentialArn !== undefined ? { credentialArn: rule.credentialArn } : {}),
    ...(rule.upstreamRepositoryPrefix !== undefined ? { upstreamRepositoryPrefix: rule.upstreamRepositoryPrefix } : {}),
  };
}

export function createPullThroughCacheRule(call: EcrCall): CreatePullThroughCacheRuleResponse {
  checkRegistryId(call);
  const { input } = call;
  const ecrRepositoryPrefix = input.requiredString('ecrRepositoryPrefix', { min: 2, max: 30, pattern: CACHE_PREFIX });
  const upstreamRegistryUrl = input.requiredString('upstreamRegistryUrl', { min: 1 });
  const credentialArn = input.optionalString('credentialArn', { min: 50, max: 612, pattern: CREDENTIAL_ARN });
  const upstreamRepositoryPrefix = input.optionalString('upstreamRepositoryPrefix', { min: 2, max: 30, pattern: CACHE_PREFIX });
  const host = upstreamRegistryUrl.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  const upstream = UPSTREAMS.find((candidate) => candidate.url.test(host));
  if (!upstream) {
    throw new ApiError(
      'UnsupportedUpstreamRegistryException',
      `The upstream registry '${upstreamRegistryUrl}' is not supported; ECR caches public.ecr.aws, registry.k8s.io, quay.io, registry-1.docker.io, ghcr.io, registry.gitlab.com, *.azurecr.io, cgr.dev and ECR private registries.`,
    );
  }
  const upstreamRegistry = input.optionalString('upstreamRegistry') ?? upstream.registry;
  if (upstreamRegistry !== upstream.registry) {
    throw invalidParameter('upstreamRegistry', `'${upstreamRegistry}' does not match the upstream URL '${upstreamRegistryUrl}' (${upstream.registry})`);
  }
  if (upstream.needsCredential && credentialArn === undefined) {
    throw invalidParameter('credentialArn', `a Secrets Manager secret (ecr-pullthroughcache/…) is required for ${host}`);
  }
  if (call.region.pullThroughCacheRules.has(ecrRepositoryPrefix)) {
    throw ecrErrors.pullThroughCacheRuleAlreadyExists(ecrRepositoryPrefix);
  }
  const rule: PullThroughCacheRuleRecord = {
    ecrRepositoryPrefix,
    upstreamRegistryUrl: host,
    upstreamRegistry,
    ...(credentialArn !== undefined ? { credentialArn } : {}),
    ...(upstreamRepositoryPrefix !== undefined ? { upstreamRepositoryPrefix } : {}),
    createdAt: call.store.now(),
  };
  call.region.pullThroughCacheRules.set(ecrRepositoryPrefix, rule);
  call.store.changed();
  return describeRule(rule);
}

export function describePullThroughCacheRules(call: EcrCall): DescribePullThroughCacheRulesResponse {
  checkRegistryId(call);
  const { input, region } = call;
  const prefixes = input.optionalStrings('ecrRepositoryPrefixes', { min: 1, max: 100 }, { min: 2, max: 30, pattern: CACHE_PREFIX });
  if (prefixes) {
    refusePagingWith(input, 'ecrRepositoryPrefixes');
    return {
      pullThroughCacheRules: prefixes.map((prefix) => {
        const rule = region.pullThroughCacheRules.get(prefix);
        if (!rule) {
          throw ecrErrors.pullThroughCacheRuleNotFound(prefix);
        }
        return describeRule(rule);
      }),
    };
  }
  const page = paginate(input, [...region.pullThroughCacheRules.values()], (rule) => rule.ecrRepositoryPrefix, {
    operation: call.operation,
    maxResults: 1000,
  });
  return { pullThroughCacheRules: page.items.map(describeRule), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

export function deletePullThroughCacheRule(call: EcrCall): DeletePullThroughCacheRuleResponse {
  checkRegistryId(call);
  const prefix = call.input.requiredString('ecrRepositoryPrefix', { min: 2, max: 30, pattern: CACHE_PREFIX });
  const rule = call.region.pullThroughCacheRules.get(prefix);
  if (!rule) {
    throw ecrErrors.pullThroughCacheRuleNotFound(prefix);
  }
  call.region.pullThroughCacheRules.delete(prefix);
  call.store.changed();
  return describeRule(rule);
}
