// Many repositories at once, written straight into the store (not one CreateRepository call
// each), for tests and demos of an explorer facing a big registry: 100,000 repositories, ECR's
// default quota per region, take well under a second. The names look like a real organisation's
// (`team-017/service-042`, `platform/base-images/debian-12`, `ml/models/…`), the settings are
// spread as real registries spread them (mostly mutable, some immutable or with exclusions, scan
// on push for some, AES256 mostly and KMS for some), and createdAt lies over the past six years.
// The same seed, count and clock give the same repositories; names already in the region are
// left as they are (so seeding twice adds nothing); the state is saved once at the end.
import { seededRandom } from '../../testing/seededRandom';
import { MAX_REPOSITORIES_PER_REGION } from '../ecr/repositoryOperations';
import { REPOSITORY_NAME } from '../ecr/call';
import { DEFAULT_REGION } from '../protocol/sigv4';
import type { EcrLocalStore } from '../store';
import { ACCOUNT_ID } from '../store/account';
import type { RepositoryRecord, TagMutability, WildcardFilter } from '../store/model';

export interface BulkRepositoriesOptions {
  /** How many repositories to add: 1 to 100,000 (with those already there, at most ECR's quota). */
  readonly count: number;
  /** The region to fill; ecr-local's default region (us-east-1) when absent. */
  readonly region?: string;
  /** The seed of the draws; the same seed gives the same names and settings. */
  readonly seed?: number;
}

export interface BulkRepositoriesResult {
  readonly region: string;
  /** New repositories; fewer than asked when some of the generated names were already there. */
  readonly created: number;
  /** Repositories in the region afterwards. */
  readonly total: number;
}

const DEFAULT_SEED = 2015;
const SIX_YEARS_MS = 6 * 365 * 24 * 60 * 60 * 1000;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

const SERVICE_WORDS = [
  'api', 'web', 'worker', 'gateway', 'auth', 'billing', 'payments', 'search', 'catalog', 'orders', 'inventory', 'notifications',
  'reports', 'scheduler', 'ingest', 'export', 'frontend', 'backend', 'admin', 'proxy', 'cache', 'events', 'users', 'profile',
  'checkout', 'pricing', 'shipping', 'ledger', 'audit', 'metrics', 'sync', 'mailer',
] as const;
const BASE_IMAGES = ['debian-12', 'debian-11', 'ubuntu-24.04', 'ubuntu-22.04', 'alpine-3.20', 'alpine-3.19', 'node-20', 'node-22', 'python-3.12', 'python-3.11', 'java-21', 'go-1.22', 'nginx-1.27', 'distroless-static'] as const;
const PLATFORM_AREAS = ['base-images', 'tools', 'sidecars', 'runners', 'observability'] as const;
const ML_AREAS = ['models', 'training', 'notebooks', 'serving'] as const;
const DATA_AREAS = ['etl', 'streaming', 'warehouse', 'jobs'] as const;

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const pad3 = (n: number) => String(n).padStart(3, '0');

/** One realistic name; uniqueness is the caller's concern. */
function drawName(random: Random): string {
  const kind = random();
  if (kind < 0.55) {
    const team = `team-${pad3(1 + Math.floor(random() * 250))}`;
    const service = random() < 0.5 ? `service-${pad3(1 + Math.floor(random() * 400))}` : `${pick(random, SERVICE_WORDS)}-${pick(random, SERVICE_WORDS)}`;
    return random() < 0.15 ? `${team}/${pick(random, SERVICE_WORDS)}/${service}` : `${team}/${service}`;
  }
  if (kind < 0.7) {
    const area = pick(random, PLATFORM_AREAS);
    const leaf = area === 'base-images' ? pick(random, BASE_IMAGES) : `${pick(random, SERVICE_WORDS)}-${pad3(Math.floor(random() * 1000))}`;
    return `platform/${area}/${leaf}`;
  }
  if (kind < 0.8) {
    return `ml/${pick(random, ML_AREAS)}/${pick(random, SERVICE_WORDS)}-v${1 + Math.floor(random() * 40)}`;
  }
  if (kind < 0.9) {
    return `data/${pick(random, DATA_AREAS)}/${pick(random, SERVICE_WORDS)}-${pick(random, SERVICE_WORDS)}-${Math.floor(random() * 100)}`;
  }
  if (kind < 0.95) {
    return `tools/charts/${pick(random, SERVICE_WORDS)}-${Math.floor(random() * 500)}`;
  }
  return `legacy-${pick(random, SERVICE_WORDS)}-${pad3(Math.floor(random() * 1000))}`;
}

function drawMutability(random: Random): { mode: TagMutability; filters: WildcardFilter[] } {
  const draw = random();
  if (draw < 0.7) {
    return { mode: 'MUTABLE', filters: [] };
  }
  if (draw < 0.9) {
    return { mode: 'IMMUTABLE', filters: [] };
  }
  if (draw < 0.95) {
    return { mode: 'IMMUTABLE_WITH_EXCLUSION', filters: [{ filterType: 'WILDCARD', filter: 'latest' }, { filterType: 'WILDCARD', filter: 'dev-*' }] };
  }
  return { mode: 'MUTABLE_WITH_EXCLUSION', filters: [{ filterType: 'WILDCARD', filter: 'release-*' }] };
}

function drawEncryption(random: Random, region: string): RepositoryRecord['encryption'] {
  const draw = random();
  if (draw < 0.75) {
    return { encryptionType: 'AES256' };
  }
  // Up to 12 hex digits from one draw (53 random bits are plenty).
  const hex = (length: number) => Math.floor(random() * 16 ** length).toString(16).padStart(length, '0');
  // Some use the account's AWS managed key, others a key of their own.
  const kmsKey = random() < 0.5 ? `arn:aws:kms:${region}:${ACCOUNT_ID}:alias/aws/ecr` : `arn:aws:kms:${region}:${ACCOUNT_ID}:key/${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
  return { encryptionType: draw < 0.95 ? 'KMS' : 'KMS_DSSE', kmsKey };
}

/** Checks the options; the message says what to change. */
export function checkBulkRepositoriesOptions(options: BulkRepositoriesOptions): string | undefined {
  if (!Number.isInteger(options.count) || options.count < 1 || options.count > MAX_REPOSITORIES_PER_REGION) {
    return `the number of repositories must be a whole number from 1 to ${MAX_REPOSITORIES_PER_REGION} (ECR's quota per region), not ${String(options.count)}`;
  }
  if (options.region !== undefined && !REGION.test(options.region)) {
    return `the region must look like eu-west-1, not "${options.region}"`;
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) {
    return `the seed must be an integer, not ${String(options.seed)}`;
  }
  return undefined;
}

/** Adds `count` repositories to a region of the store; throws an Error that says why it cannot. */
export function seedBulkRepositories(store: EcrLocalStore, options: BulkRepositoriesOptions): BulkRepositoriesResult {
  const problem = checkBulkRepositoriesOptions(options);
  if (problem !== undefined) {
    throw new Error(`Cannot seed repositories: ${problem}.`);
  }
  const regionName = options.region ?? DEFAULT_REGION;
  const region = store.region(regionName);
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const now = store.now();
  // Everything is drawn first: it depends only on the seed (a longer run begins with the
  // repositories of a shorter one), so a second run, say with --data, finds them there and adds
  // nothing, and the quota is checked before anything changes.
  const drawnRecords: RepositoryRecord[] = [];
  const drawnNames = new Set<string>();
  const nextSuffix = new Map<string, number>();
  while (drawnRecords.length < options.count) {
    const drawn = drawName(random);
    let name = drawn;
    // A name drawn again gets a numbered variant, so every draw yields a repository.
    if (drawnNames.has(name)) {
      let suffix = nextSuffix.get(drawn) ?? 2;
      while (drawnNames.has(`${drawn}-${suffix}`)) {
        suffix++;
      }
      nextSuffix.set(drawn, suffix + 1);
      name = `${drawn}-${suffix}`;
    }
    if (name.length > REPOSITORY_NAME.max || !REPOSITORY_NAME.pattern.test(name)) {
      throw new Error(`ecr-local drew an invalid repository name "${name}"; this is a bug in seed/bulkRepositories.ts.`);
    }
    drawnNames.add(name);
    const mutability = drawMutability(random);
    const scanOnPush = random() < 0.4;
    const encryption = drawEncryption(random, regionName);
    const createdAt = Math.floor(now - random() * SIX_YEARS_MS);
    const owner = name.includes('/') ? (name.split('/')[0] ?? 'platform') : 'legacy';
    drawnRecords.push({
      name,
      createdAt,
      tagMutability: mutability.mode,
      tagMutabilityExclusionFilters: mutability.filters,
      scanOnPush,
      encryption,
      tags: [{ Key: 'owner', Value: owner }],
      images: new Map(),
    });
  }
  const missing = drawnRecords.filter((repository) => !region.repositories.has(repository.name));
  const existing = region.repositories.size;
  if (existing + missing.length > MAX_REPOSITORIES_PER_REGION) {
    throw new Error(
      `Cannot add ${missing.length} repositories to ${regionName}: it already has ${existing}, and ECR allows at most ${MAX_REPOSITORIES_PER_REGION} per region; ask for at most ${MAX_REPOSITORIES_PER_REGION - existing} more.`,
    );
  }
  for (const repository of missing) {
    region.repositories.set(repository.name, repository);
  }
  if (missing.length > 0) {
    // One save for the whole batch, not one per repository.
    store.changed();
  }
  return { region: regionName, created: missing.length, total: region.repositories.size };
}
