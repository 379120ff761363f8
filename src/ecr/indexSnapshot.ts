// What a repository index keeps between VS Code sessions: the compact arrays of its last complete
// scan (names, creation times, a byte of settings, KMS keys and exclusion filters by slot, the
// URI/ARN template), never Repository objects and never anything about credentials. A new session
// answers Find Repository from it at once while the usual rescan runs. The core only sees an
// injected IndexStore; the views store it as a file. Everything read back is checked here,
// because a file can be damaged, hand-edited or written by another version.
import type { Connection, EncryptionType, Repository, TagMutability } from './model';

export const SNAPSHOT_VERSION = 1;

/** Snapshots older than this are not used: a week-old list of names misleads more than it helps. */
export const DEFAULT_SNAPSHOT_MAX_AGE_MS = 7 * 24 * 60 * 60_000;

/** A Repository as JSON: createdAt in ms, null when ECR gave none. */
export interface SnapshotRepository extends Omit<Repository, 'createdAt'> {
  readonly createdAt: number | null;
}

export interface IndexSnapshot {
  readonly version: typeof SNAPSHOT_VERSION;
  readonly profile: string;
  readonly region: string;
  /** When the scan completed, ms since the epoch. */
  readonly savedAt: number;
  readonly template: { readonly uriPrefix: string; readonly arnPrefix: string; readonly registryId: string } | null;
  readonly names: readonly string[];
  /** createdAt in ms per slot, null when ECR gave none. */
  readonly created: ReadonlyArray<number | null>;
  /** mutability (2 bits) | encryption << 2 (2 bits) | scanOnPush << 4, per slot. */
  readonly flags: readonly number[];
  /** Each distinct KMS key once; kmsKeys pairs a slot with its index here. */
  readonly keyTable: readonly string[];
  readonly kmsKeys: ReadonlyArray<readonly [number, number]>;
  /** Each distinct exclusion list once; exclusions pairs a slot with its index here. */
  readonly exclusionTable: ReadonlyArray<readonly string[]>;
  readonly exclusions: ReadonlyArray<readonly [number, number]>;
  /** Entries the template cannot rebuild, whole, by slot. */
  readonly odd: ReadonlyArray<readonly [number, SnapshotRepository]>;
}

/** Where snapshots live (a file per connection in the extension's global storage; memory in tests). */
export interface IndexStore {
  /** The stored value for `connection` (parsed, not yet checked), or undefined when there is none. May throw. */
  load(connection: Connection): Promise<unknown>;
  /** Replaces the stored snapshot of `connection`. May throw. */
  save(connection: Connection, snapshot: IndexSnapshot): Promise<void>;
}

export const MUTABILITIES: readonly TagMutability[] = ['MUTABLE', 'IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION'];
export const ENCRYPTIONS: readonly EncryptionType[] = ['AES256', 'KMS', 'KMS_DSSE'];

export function toSnapshotRepository(repository: Repository): SnapshotRepository {
  const { createdAt, ...rest } = repository;
  return { ...rest, tagMutabilityExclusions: [...rest.tagMutabilityExclusions], createdAt: createdAt ? createdAt.getTime() : null };
}

export function fromSnapshotRepository(stored: SnapshotRepository): Repository {
  const { createdAt, ...rest } = stored;
  return {
    ...rest,
    tagMutabilityExclusions: [...rest.tagMutabilityExclusions],
    encryption: { ...rest.encryption },
    ...(createdAt === null ? {} : { createdAt: new Date(createdAt) }),
  };
}

/**
 * Checks a stored value and returns it as a snapshot of `connection` no older than `maxAgeMs`;
 * throws an Error saying what is wrong (the caller logs it and scans as if there were no file).
 */
export function checkSnapshot(value: unknown, connection: Connection, now: number, maxAgeMs: number): IndexSnapshot {
  const snapshot = object(value, 'the snapshot');
  if (snapshot.version !== SNAPSHOT_VERSION) {
    throw new Error(`it has version ${JSON.stringify(snapshot.version)}, not ${SNAPSHOT_VERSION}`);
  }
  if (snapshot.profile !== connection.profile || snapshot.region !== connection.region) {
    throw new Error('it belongs to another profile or region');
  }
  const savedAt = snapshot.savedAt;
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt)) {
    throw new Error('it has no valid savedAt time');
  }
  const age = now - savedAt;
  if (age > maxAgeMs) {
    throw new Error(`it is ${Math.round(age / 3_600_000)} hours old (more than ${Math.round(maxAgeMs / 3_600_000)} hours)`);
  }
  const names = strings(snapshot.names, 'names');
  const size = names.length;
  const created = array(snapshot.created, 'created');
  const flags = array(snapshot.flags, 'flags');
  if (created.length !== size || flags.length !== size) {
    throw new Error('its names, created and flags differ in length');
  }
  for (const time of created) {
    if (time !== null && (typeof time !== 'number' || !Number.isFinite(time))) {
      throw new Error('created holds something other than times');
    }
  }
  for (const flag of flags) {
    if (typeof flag !== 'number' || !Number.isInteger(flag) || flag < 0 || flag > 31 || (flag >> 2) % 4 >= ENCRYPTIONS.length) {
      throw new Error('flags holds an unknown setting');
    }
  }
  const keyTable = strings(snapshot.keyTable, 'keyTable');
  const exclusionTable = array(snapshot.exclusionTable, 'exclusionTable').map((list, at) => strings(list, `exclusionTable[${at}]`));
  const odd = slotted(snapshot.odd, 'odd', size, (stored) => checkRepository(stored));
  if (odd.some(([slot, repository]) => names[slot] !== repository.name)) {
    throw new Error('an odd entry does not match its name');
  }
  return {
    version: SNAPSHOT_VERSION,
    profile: connection.profile,
    region: connection.region,
    savedAt,
    template: snapshot.template === null ? null : checkTemplate(snapshot.template),
    names,
    created: created as Array<number | null>,
    flags: flags as number[],
    keyTable,
    kmsKeys: slotted(snapshot.kmsKeys, 'kmsKeys', size, (at) => tableIndex(at, keyTable.length, 'kmsKeys')),
    exclusionTable,
    exclusions: slotted(snapshot.exclusions, 'exclusions', size, (at) => tableIndex(at, exclusionTable.length, 'exclusions')),
    odd,
  };
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what} is not an object`);
  }
  return value as Record<string, unknown>;
}

function array(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new Error(`${what} is not a list`);
  }
  return value;
}

function strings(value: unknown, what: string): string[] {
  const list = array(value, what);
  if (!list.every((item) => typeof item === 'string')) {
    throw new Error(`${what} holds something other than text`);
  }
  return list;
}

function tableIndex(value: unknown, tableSize: number, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= tableSize) {
    throw new Error(`${what} points outside its table`);
  }
  return value;
}

/** [slot, value] pairs with each slot inside the names and used once. */
function slotted<T>(value: unknown, what: string, size: number, check: (item: unknown) => T): Array<[number, T]> {
  const seen = new Set<number>();
  return array(value, what).map((pair) => {
    const [slot, item] = array(pair, what);
    if (typeof slot !== 'number' || !Number.isInteger(slot) || slot < 0 || slot >= size || seen.has(slot)) {
      throw new Error(`${what} has a slot outside the names or twice`);
    }
    seen.add(slot);
    return [slot, check(item)];
  });
}

function checkTemplate(value: unknown): NonNullable<IndexSnapshot['template']> {
  const template = object(value, 'template');
  const { uriPrefix, arnPrefix, registryId } = template;
  if (typeof uriPrefix !== 'string' || typeof arnPrefix !== 'string' || typeof registryId !== 'string') {
    throw new Error('template is incomplete');
  }
  return { uriPrefix, arnPrefix, registryId };
}

function checkRepository(value: unknown): SnapshotRepository {
  const stored = object(value, 'an odd entry');
  const encryption = object(stored.encryption, 'an odd entry’s encryption');
  const text = (field: unknown): field is string => typeof field === 'string';
  if (
    !text(stored.name) ||
    !text(stored.uri) ||
    !text(stored.arn) ||
    !text(stored.registryId) ||
    !(stored.createdAt === null || (typeof stored.createdAt === 'number' && Number.isFinite(stored.createdAt))) ||
    // Odd entries are where settings this version does not know end up: any text is kept.
    !text(stored.tagMutability) ||
    typeof stored.scanOnPush !== 'boolean' ||
    !text(encryption.type) ||
    !(encryption.kmsKey === undefined || text(encryption.kmsKey))
  ) {
    throw new Error('an odd entry is not a repository');
  }
  return {
    name: stored.name,
    uri: stored.uri,
    arn: stored.arn,
    registryId: stored.registryId,
    createdAt: stored.createdAt,
    tagMutability: stored.tagMutability as TagMutability,
    tagMutabilityExclusions: strings(stored.tagMutabilityExclusions, 'an odd entry’s exclusions'),
    scanOnPush: stored.scanOnPush,
    encryption: { type: encryption.type as EncryptionType, ...(text(encryption.kmsKey) ? { kmsKey: encryption.kmsKey } : {}) },
  };
}
