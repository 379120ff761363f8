// `npm run bench` (explorer part): ecr-local with 100,000 repositories in one region, a profile
// pointing at it, and the extension in a real VS Code (code-server 4.100.3) with its production
// bundle. In each of several fresh extension hosts, the probe (explorerProbe.ts) measures the time
// to the first page of repositories, the time for a filter that must page through all 100,000,
// and the extension host's memory. Prints every run and the medians.
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EcrClients } from '../../src/ecr/clients';
import { listRepositoriesPage } from '../../src/ecr/repositories';
import type { IndexStore } from '../../src/ecr/indexSnapshot';
import { RepositoryIndex } from '../../src/ecr/repositoryIndex';
import { FileIndexStore } from '../../src/views/explorer/indexStore';
import { ensureCodeServer } from '../harness/codeServer';
import { startEcrLocalProcess } from '../harness/ecrLocalProcess';
import { addEcrLocalProfiles } from '../harness/ecrLocalProfiles';
import { createSandbox } from '../harness/sandbox';
import { runProbe, startProbeHost } from './probeRun';
import { EXPLORER_LINE, type ExplorerSample } from './protocol';

const RUNS = Number(process.env.ECR_EXPLORER_BENCH_RUNS ?? 3);
const REPOSITORIES = Number(process.env.ECR_EXPLORER_BENCH_REPOSITORIES ?? 100_000);
const REGION = 'eu-west-1';

async function main(): Promise<void> {
  const sandbox = createSandbox();
  const [packageRoot, ecrLocal] = await Promise.all([
    ensureCodeServer(),
    startEcrLocalProcess({ dataDir: join(sandbox.root, 'ecr-local'), repositories: REPOSITORIES, repositoriesRegion: REGION, faults: '' }),
  ]);
  const testEcr = addEcrLocalProfiles(sandbox, ecrLocal.url, REGION, REPOSITORIES);
  // The first search's complete scan is stored as the extension stores it; the "new session" below reads it back.
  const files = new FileIndexStore(join(sandbox.root, 'global-storage', 'repository-index'));
  const saving: Array<Promise<void>> = [];
  const store: IndexStore = {
    load: (connection) => files.load(connection),
    save: (connection, snapshot) => {
      const saved = files.save(connection, snapshot);
      saving.push(saved);
      return saved;
    },
  };
  const search = await measureSearch(sandbox.awsConfigFile, sandbox.awsCredentialsFile, testEcr.profiles.healthy, 0, store);
  // The index writes its snapshot once the scan completes; the new session starts when it is on disk.
  await Promise.all(saving);
  const newSession = await measureSearch(sandbox.awsConfigFile, sandbox.awsCredentialsFile, testEcr.profiles.healthy, 0, store);
  const snapshotBytes = statSync(files.fileOf({ profile: testEcr.profiles.healthy, region: REGION })).size;
  const typed = await measureSearch(sandbox.awsConfigFile, sandbox.awsCredentialsFile, testEcr.profiles.healthy, TYPING_DELAY_MS);
  const afterView = await measureSearch(sandbox.awsConfigFile, sandbox.awsCredentialsFile, testEcr.profiles.healthy, VIEW_OPEN_BEFORE_MS);
  const host = await startProbeHost(packageRoot, sandbox, {
    AWS_CONFIG_FILE: sandbox.awsConfigFile,
    AWS_SHARED_CREDENTIALS_FILE: sandbox.awsCredentialsFile,
    AWS_PROFILE: '',
    ECR_EXPLORER_BENCH_PROFILE: testEcr.profiles.healthy,
  });
  const samples: ExplorerSample[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      // Each run is a first session: no repository names kept from the run before.
      rmSync(join(sandbox.userDataDir, 'User', 'globalStorage', 'ecr-explorer.ecr-explorer'), { recursive: true, force: true });
      const captured = await runProbe(host, 'explorerProbe', run, 300_000, EXPLORER_LINE);
      const sample = JSON.parse(captured) as ExplorerSample;
      samples.push(sample);
      process.stdout.write(
        `run ${run}: first page ${sample.firstPageMs.toFixed(0)} ms (${sample.firstPageCount} repositories), ` +
          `filter over all ${sample.filterAllMs.toFixed(0)} ms (first matches ${sample.filterFirstMatchesMs?.toFixed(0) ?? '?'} ms), heap ${sample.heapMiB.baseline} → ${sample.heapMiB.firstPage} → ${sample.heapMiB.filterAll} MiB, ` +
          `rss ${sample.rssMiB.baseline} → ${sample.rssMiB.firstPage} → ${sample.rssMiB.filterAll} MiB\n`,
      );
    }
  } finally {
    await host.close();
    await ecrLocal.process.stop();
    sandbox.dispose();
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  process.stdout.write(
    `explorer with ${REPOSITORIES.toLocaleString('en')} repositories (VS Code 1.100.3, ${RUNS} fresh extension hosts): ` +
      `time to first page median ${median(samples.map((s) => s.firstPageMs)).toFixed(0)} ms; ` +
      `filter through all repositories median ${median(samples.map((s) => s.filterAllMs)).toFixed(0)} ms; ` +
      `extension host heap after first page +${median(samples.map((s) => s.heapMiB.firstPage - s.heapMiB.baseline)).toFixed(1)} MiB, ` +
      `after the full filter +${median(samples.map((s) => s.heapMiB.filterAll - s.heapMiB.baseline)).toFixed(1)} MiB ` +
      `(after a full GC: +${median(samples.map((s) => (s.settledHeapMiB ? s.settledHeapMiB.firstPage - s.settledHeapMiB.baseline : Number.NaN))).toFixed(1)} MiB kept after the first page, ` +
      `+${median(samples.map((s) => (s.settledHeapMiB ? s.settledHeapMiB.filterAll - s.settledHeapMiB.firstPage : Number.NaN))).toFixed(1)} MiB more after the full filter) ` +
      `(rss median ${median(samples.map((s) => s.rssMiB.filterAll)).toFixed(0)} MiB)\n`,
  );
  process.stdout.write(
    `Find Repository over ${REPOSITORIES.toLocaleString('en')} repositories ("${SEARCH_QUERY}", the repository index as the picker uses it): ` +
      `typed at once: first matches ${search.firstMatchMs.toFixed(0)} ms after the picker opened, all ${search.matches} matches after ${search.totalMs.toFixed(0)} ms; ` +
      `typed after ${TYPING_DELAY_MS} ms: first matches ${typed.firstMatchMs.toFixed(0)} ms after opening (${(typed.firstMatchMs - TYPING_DELAY_MS).toFixed(0)} ms after the keystroke), ` +
      `with the region shown ${VIEW_OPEN_BEFORE_MS} ms before (its names read in the background): first matches ${(afterView.firstMatchMs - VIEW_OPEN_BEFORE_MS).toFixed(0)} ms after the keystroke; ` +
      `a keystroke re-filters ${search.scanned.toLocaleString('en')} names in ${search.refilterMs.toFixed(1)} ms\n`,
  );
  process.stdout.write(
    `Find Repository in a new session with last session's names (${(snapshotBytes / 1024 / 1024).toFixed(1)} MiB file read, then the usual rescan): ` +
      `typed at once: first matches ${newSession.firstMatchMs.toFixed(0)} ms after the picker opened ` +
      `(the rescan's first request sent after ${newSession.firstRequestMs?.toFixed(0) ?? '?'} ms); ` +
      `the rescan completes after ${newSession.totalMs.toFixed(0)} ms with ${newSession.matches} matches\n`,
  );
}

/** A query that matches about one repository in a thousand, spread over the whole alphabet. */
const SEARCH_QUERY = 'service-042';

/** A user who reads the picker's placeholder first types this long after it opened. */
const TYPING_DELAY_MS = 300;
/**
 * The usual way in: the ECR view shows the region's first page, which starts the background read
 * of its names (ecrExplorer.indexRepositoriesInBackground), and the user opens Find this long after.
 */
const VIEW_OPEN_BEFORE_MS = 1_500;

/**
 * Find Repository as the extension runs it (the same RepositoryIndex, core and SDK, pages of
 * 1,000) but from this process: the quick pick itself cannot be driven without a person. The
 * picker opening starts the scan; the query is "typed" after `typingDelayMs`; first matches are
 * timed from the opening, as the user sees them.
 */
async function measureSearch(
  configFile: string,
  credentialsFile: string,
  profile: string,
  typingDelayMs: number,
  store?: IndexStore,
): Promise<{ firstMatchMs: number; totalMs: number; matches: number; scanned: number; refilterMs: number; firstRequestMs?: number }> {
  const clients = new EcrClients({ env: { ...process.env, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_PROFILE: '' } });
  const connection = { profile, region: REGION };
  let firstRequestMs: number | undefined;
  const index = new RepositoryIndex(
    connection,
    (request, signal) => {
      firstRequestMs ??= performance.now() - started;
      return listRepositoriesPage(clients.ecr(connection), request, signal);
    },
    { ...(store ? { store, log: (message: string) => process.stderr.write(`${message}\n`) } : {}) },
  );
  const started = performance.now();
  try {
    let query = '';
    let firstMatchMs = Number.NaN;
    const look = (): void => {
      if (query !== '' && Number.isNaN(firstMatchMs) && index.search(query, 1).total > 0) {
        firstMatchMs = performance.now() - started;
      }
    };
    index.onChange(look);
    index.ensure();
    if (typingDelayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, typingDelayMs));
    }
    query = SEARCH_QUERY;
    look();
    await index.until(() => false);
    const totalMs = performance.now() - started;
    if (index.problem) {
      throw new Error(`The search failed: ${index.problem.message}`);
    }
    const refilterStarted = performance.now();
    const result = index.search(SEARCH_QUERY, 300);
    const refilterMs = performance.now() - refilterStarted;
    return { firstMatchMs, totalMs, matches: result.total, scanned: result.scanned, refilterMs, ...(firstRequestMs === undefined ? {} : { firstRequestMs }) };
  } finally {
    index.dispose();
    clients.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`explorer bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
