// `npm run ecr-local -- [--port P] [--data DIR] [--seed demo] [--repositories N]`: runs ecr-local in the
// foreground. stdout carries exactly one line, `ECR endpoint: http://127.0.0.1:P`, once the
// endpoint (and the seed, when asked for) is ready, so scripts can wait for it; logs go to
// stderr. SIGINT or SIGTERM stops everything it started.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EcrLocal } from './ecrLocal';
import { checkBulkRepositoriesOptions } from './seed/bulkRepositories';

const USAGE = `usage: npm run ecr-local -- [--port P] [--data DIR] [--seed demo] [--repositories N [--repositories-region R]]
  --port P      listen on 127.0.0.1:P (default: a free port)
  --data DIR    keep repositories, images and settings in DIR across restarts
  --seed demo   fill the registry with the demo repositories and images before it is announced
  --repositories N
                add N generated repositories (1-100000, e.g. team-017/service-042), same every run,
                in us-east-1 or --repositories-region R (after the demo seed, if both are asked for)
environment: ECR_LOCAL_FAULTS=throttle:0.2,latency:200,error500:0.1,expired-token,seed:42
faults while running: curl -X PUT --data 'throttle:1' http://127.0.0.1:P/ecr-local/faults
  (same syntax, '' for none; GET shows the current spec; a bad spec answers 400 with the reason)`;

export interface MainArguments {
  readonly port: number;
  readonly dataDir?: string;
  readonly seed?: 'demo';
  readonly repositories?: { readonly count: number; readonly region?: string };
}

export type ParsedArguments = { ok: true; arguments: MainArguments } | { ok: false; error: string } | { ok: 'help' };

export function parseMainArguments(argv: readonly string[]): ParsedArguments {
  let values: { port?: string; data?: string; seed?: string; repositories?: string; 'repositories-region'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        seed: { type: 'string' },
        repositories: { type: 'string' },
        'repositories-region': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  if (values.help) {
    return { ok: 'help' };
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || values.port?.trim() === '') {
    return { ok: false, error: `--port must be a whole number from 0 to 65535, not "${values.port ?? ''}"` };
  }
  if (values.data !== undefined && values.data.trim() === '') {
    return { ok: false, error: '--data needs a folder' };
  }
  if (values.seed !== undefined && values.seed !== 'demo') {
    return { ok: false, error: `--seed knows only "demo", not "${values.seed}"` };
  }
  let repositories: MainArguments['repositories'];
  if (values.repositories !== undefined) {
    const count = values.repositories.trim() === '' ? Number.NaN : Number(values.repositories);
    const region = values['repositories-region'];
    const problem = checkBulkRepositoriesOptions({ count, ...(region !== undefined ? { region } : {}) });
    if (problem !== undefined) {
      return { ok: false, error: `--repositories${region !== undefined ? '/--repositories-region' : ''}: ${problem}` };
    }
    repositories = { count, ...(region !== undefined ? { region } : {}) };
  } else if (values['repositories-region'] !== undefined) {
    return { ok: false, error: '--repositories-region needs --repositories N' };
  }
  return {
    ok: true,
    arguments: {
      port,
      ...(values.data !== undefined ? { dataDir: resolve(values.data) } : {}),
      ...(values.seed === 'demo' ? { seed: 'demo' as const } : {}),
      ...(repositories ? { repositories } : {}),
    },
  };
}

/**
 * ecr-local's clock: the present, except while the demo seed pushes its history (images pushed
 * over the past months, scanned on their day), which ECR's API has no way to backdate.
 */
const seedClock = {
  offsetMs: 0,
  now: (): number => Date.now() + seedClock.offsetMs,
  set: (at: Date | undefined): void => {
    seedClock.offsetMs = at === undefined ? 0 : at.getTime() - Date.now();
  },
};

/** The demo seed is another module (seed/demo.ts); it may not be built in every checkout. */
async function runDemoSeed(endpointUrl: string): Promise<void> {
  const modulePath = join(__dirname, 'seed', 'demo.js');
  if (!existsSync(modulePath)) {
    throw new Error(`--seed demo needs ${modulePath}, which is not there: the demo seed (test/ecr-local/seed/demo.ts) is missing from this checkout.`);
  }
  const seedModule = (await import(modulePath)) as typeof import('./seed/demo');
  if (typeof seedModule.seedDemo !== 'function') {
    throw new Error(`${modulePath} does not export seedDemo(endpointUrl).`);
  }
  await seedModule.seedDemo(endpointUrl, { setClock: (at) => seedClock.set(at) });
}

async function shutDown(ecrLocal: EcrLocal): Promise<never> {
  try {
    await ecrLocal.stop();
    process.exit(0);
  } catch (error) {
    process.stderr.write(`ecr-local: stopping failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

async function main(): Promise<number> {
  const parsed = parseMainArguments(process.argv.slice(2));
  if (parsed.ok === 'help') {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  if (!parsed.ok) {
    process.stderr.write(`ecr-local: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  const { port, dataDir, seed, repositories } = parsed.arguments;
  let ecrLocal: EcrLocal | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`ecr-local: ${signal} again, exiting without cleaning up\n`);
      process.exit(1);
    }
    stopping = true;
    process.stderr.write(`ecr-local: ${signal}, stopping\n`);
    // During start-up there is nothing to stop yet: start-up sees `stopping` and stops itself.
    if (ecrLocal) {
      void shutDown(ecrLocal);
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  try {
    if (dataDir !== undefined) {
      await mkdir(dataDir, { recursive: true });
    }
    // Loaded only now, so that --help and argument errors answer at once.
    const [{ startEcrLocal }, { startDataPlane }] = await Promise.all([import('./ecrLocal'), import('./registry/dataPlane')]);
    ecrLocal = await startEcrLocal({ port, ...(dataDir !== undefined ? { dataDir } : {}), startDataPlane, now: seedClock.now });
    if (stopping) {
      await shutDown(ecrLocal);
      return 0;
    }
    if (seed === 'demo') {
      await runDemoSeed(ecrLocal.url);
    }
    if (repositories) {
      const started = performance.now();
      const seeded = ecrLocal.seedRepositories(repositories);
      process.stderr.write(
        `ecr-local: added ${seeded.created} repositories to ${seeded.region} (${seeded.total} there now) in ${Math.round(performance.now() - started)} ms\n`,
      );
    }
  } catch (error) {
    process.stderr.write(`ecr-local: ${(error as Error).message}\n`);
    await ecrLocal?.stop().catch(() => undefined);
    return 1;
  }
  process.stdout.write(`ECR endpoint: ${ecrLocal.url}\n`);
  process.stderr.write(`ecr-local: ready${dataDir !== undefined ? `, state in ${dataDir}` : ''}; Ctrl-C stops it\n`);
  // Keep running until a signal arrives: the HTTP server holds the event loop open.
  return new Promise<number>(() => undefined);
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`ecr-local: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
