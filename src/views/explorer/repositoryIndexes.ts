// The repository indexes Find Repository and the tree filter share: one per connection, made on
// first use and kept for the extension's life, so that a scan started by one serves the other.
// Keyed by the ExplorerConnections object, so nothing else has to pass them around. With
// persistRepositoryIndexes(), each complete scan is kept in the extension's global storage and a
// new session answers from it at once while its rescan runs.
import { join } from 'node:path';
import type { IndexStore } from '../../ecr/indexSnapshot';
import { RepositoryIndexes } from '../../ecr/repositoryIndex';
import { listRepositoriesPage } from '../lazyEcr';
import type { ExplorerConnections } from './connections';
import { FileIndexStore } from './indexStore';

const shared = new WeakMap<ExplorerConnections, RepositoryIndexes>();
const stores = new WeakMap<ExplorerConnections, { store: IndexStore; log: (message: string) => void }>();

/** Keeps the names between sessions under `globalStoragePath`; call before the first repositoryIndexes(). */
export function persistRepositoryIndexes(connections: ExplorerConnections, globalStoragePath: string, log: (message: string) => void): void {
  stores.set(connections, { store: new FileIndexStore(snapshotDirectory(globalStoragePath)), log });
}

/** Where the snapshots are, under the extension's global storage. */
export function snapshotDirectory(globalStoragePath: string): string {
  return join(globalStoragePath, 'repository-index');
}

export function repositoryIndexes(connections: ExplorerConnections): RepositoryIndexes {
  let indexes = shared.get(connections);
  if (!indexes) {
    // The client is looked up per page: clients rebuilt after a proxy change or a sign-in serve the rest of the scan.
    indexes = new RepositoryIndexes(
      (connection) => async (request, signal) => listRepositoriesPage(await connections.ecr(connection), request, signal),
      stores.get(connections) ?? {},
    );
    shared.set(connections, indexes);
  }
  return indexes;
}
