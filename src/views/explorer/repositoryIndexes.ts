// The repository indexes Find Repository and the tree filter share: one per connection, made on
// first use and kept for the extension's life, so that a scan started by one serves the other.
// Keyed by the ExplorerConnections object, so nothing else has to pass them around.
import { RepositoryIndexes } from '../../ecr/repositoryIndex';
import { listRepositoriesPage } from '../lazyEcr';
import type { ExplorerConnections } from './connections';

const shared = new WeakMap<ExplorerConnections, RepositoryIndexes>();

export function repositoryIndexes(connections: ExplorerConnections): RepositoryIndexes {
  let indexes = shared.get(connections);
  if (!indexes) {
    // The client is looked up per page: clients rebuilt after a proxy change or a sign-in serve the rest of the scan.
    indexes = new RepositoryIndexes((connection) => async (request, signal) => listRepositoriesPage(await connections.ecr(connection), request, signal));
    shared.set(connections, indexes);
  }
  return indexes;
}
