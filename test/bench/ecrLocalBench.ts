// `npm run bench:ecr-local`: ecr-local at ECR's quota of 100,000 repositories in one region.
// 1. Seeding: seedRepositories({ count: 100,000 }) straight into the store.
// 2. Paging: every repository through the real @aws-sdk/client-ecr with DescribeRepositories
//    maxResults 1000 (100 pages), first after the seed (the sorted index is built on the first
//    page) and again (index kept). Goal: a full pass in a few seconds, not the ~15 s it took when
//    every page copied and sorted all 100,000.
// Several rounds of each; the median round counts. Figures go to stdout.
import { performance } from 'node:perf_hooks';
import { ECRClient, paginateDescribeRepositories } from '@aws-sdk/client-ecr';
import { startEcrLocal } from '../ecr-local/ecrLocal';
import { seedBulkRepositories } from '../ecr-local/seed/bulkRepositories';
import { EcrLocalStore } from '../ecr-local/store';
import { median } from './stats';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const COUNT = Number(process.env['ECR_EXPLORER_BENCH_REPOSITORIES'] ?? 100_000);
const ROUNDS = Number(process.env['ECR_EXPLORER_BENCH_ROUNDS'] ?? 3);
const REGION = 'eu-west-1';

async function seedBench(): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const store = await EcrLocalStore.open({ log: () => undefined });
    const started = performance.now();
    seedBulkRepositories(store, { count: COUNT, region: REGION });
    rounds.push(performance.now() - started);
    await store.close();
  }
  return median(rounds);
}

async function pageAll(client: ECRClient): Promise<{ ms: number; count: number; pages: number }> {
  const started = performance.now();
  let count = 0;
  let pages = 0;
  for await (const page of paginateDescribeRepositories({ client, pageSize: 1000 }, {})) {
    count += page.repositories?.length ?? 0;
    pages++;
  }
  return { ms: performance.now() - started, count, pages };
}

async function pagingBench(): Promise<{ firstMs: number; againMs: number; pages: number }> {
  const local = await startEcrLocal({ faults: '', log: () => undefined, seedRepositories: { count: COUNT, region: REGION } });
  const client = new ECRClient({ endpoint: local.url, region: REGION, credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' } });
  try {
    const first = await pageAll(client);
    if (first.count !== COUNT) {
      throw new Error(`paged ${first.count} repositories, expected ${COUNT}`);
    }
    const again: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      again.push((await pageAll(client)).ms);
    }
    return { firstMs: first.ms, againMs: median(again), pages: first.pages };
  } finally {
    client.destroy();
    await local.stop();
  }
}

async function main(): Promise<void> {
  const seedMs = await seedBench();
  process.stdout.write(`ecr-local seed: ${COUNT} repositories in ${seedMs.toFixed(0)} ms (median of ${ROUNDS})\n`);
  const paging = await pagingBench();
  process.stdout.write(
    `ecr-local paging: ${COUNT} repositories, maxResults 1000, ${paging.pages} pages via the SDK: ` +
      `${paging.firstMs.toFixed(0)} ms the first time, ${paging.againMs.toFixed(0)} ms after (median of ${ROUNDS}); ` +
      `${(paging.againMs / paging.pages).toFixed(1)} ms a page\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
