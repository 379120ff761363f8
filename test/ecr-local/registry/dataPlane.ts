// ecr-local's data plane: the private docker-registry, the ECR-like /v2/ proxy in front of it
// and the scanner that reads what was pushed. The control plane starts it once its store
// exists (contracts.ts: StartDataPlane) and routes every /v2/ request to `handle`.
import type { DataPlane, StartDataPlane } from '../contracts';
import { loadFeed } from '../scanner/feed';
import { LiveFeed } from '../scanner/liveFeed';
import { createImageScanner } from '../scanner/imageScanner';
import { ACCOUNT_ID } from '../store/account';
import { BackingRegistry } from './backingRegistry';
import { createRegistryProxy } from './proxy';
import { startRegistryProcess } from './registryProcess';

export const startDataPlane: StartDataPlane = async (store, options): Promise<DataPlane> => {
  // Read the feed first: a broken feed file should stop ecr-local at start, not fail each scan.
  const feed = new LiveFeed(loadFeed());
  const registry = await startRegistryProcess(options.dataDir);
  const backend = new BackingRegistry(registry.url);
  const handle = createRegistryProxy({
    store,
    backend,
    registryId: ACCOUNT_ID,
    onError: (error) => process.stderr.write(`ecr-local registry proxy: ${error.message}\n${registry.output().split('\n').slice(-5).join('\n')}\n`),
  });
  let stopped = false;
  return {
    handle,
    scanner: createImageScanner(backend, { feed: () => feed.current() }),
    backend,
    feed,
    stop: async () => {
      if (stopped) {
        return;
      }
      stopped = true;
      backend.close();
      await registry.stop();
    },
  };
};
