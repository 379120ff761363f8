// `npm run bench` (push part): what the extension's push costs over a plain `docker push`.
// A private dockerd and ecr-local with its data plane on 127.0.0.1. Each round builds two fresh
// images of the same shape (FROM scratch + 2 layers of 16 MiB random data, classic builder), so
// that neither push finds a layer already there, then times, in alternating order:
//   driver: ContainerCliDriver.withRegistryLogin (temporary DOCKER_CONFIG + docker login with the
//           password on stdin) → tag → push with its output parsed into events → config removed;
//   plain:  `docker push` of the other image, tagged beforehand, in a config logged in once.
// The token is fetched before timing (GetAuthorizationToken is the same for both ways of pushing).
// Goal: the driver's median is at most 5% over the plain one. Needs root (it starts dockerd).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CreateRepositoryCommand, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { ContainerCliDriver, type PushEvent } from '../../src/push';
import { findProgram, startDockerd, type PrivateDockerd } from '../harness/dockerd';
import { startDataPlane } from '../ecr-local/registry/dataPlane';
import { startTestEcrLocal } from '../ecr-local/testing/harness';

const ROUNDS = Number(process.env.ECR_EXPLORER_BENCH_PUSH_ROUNDS ?? 9);
const LAYER_MIB = Number(process.env.ECR_EXPLORER_BENCH_PUSH_LAYER_MIB ?? 16);
const GOAL_PERCENT = 5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `docker push` as a user runs it; resolves when it exits 0. */
function plainPush(cli: string, reference: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cli, ['push', reference], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`docker push ${reference} failed (${code}): ${stderr}`))));
  });
}

async function main(): Promise<void> {
  const cli = findProgram('docker');
  if (!cli) {
    throw new Error('The push benchmark needs the docker CLI and dockerd (sudo apt-get install docker.io).');
  }
  const folder = mkdtempSync(join(tmpdir(), 'ecrx-pushbench-'));
  let dockerd: PrivateDockerd | undefined;
  const ecrLocal = await startTestEcrLocal({ startDataPlane });
  try {
    dockerd = await startDockerd();
    const ecr = ecrLocal.ecr('eu-west-1');
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'bench/app' }));
    const host = new URL(ecrLocal.local.url).host;
    const token = async (): Promise<string> => {
      const data = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
      return Buffer.from(data?.authorizationToken ?? '', 'base64').toString().split(/:(.*)/s)[1] ?? '';
    };
    // The plain side's config, logged in once, as a user who ran `docker login` earlier.
    const plainConfig = join(folder, 'plain-config');
    mkdirSync(plainConfig);
    writeFileSync(join(plainConfig, 'config.json'), '{"auths":{}}');
    const plainEnv = { ...dockerd.env, DOCKER_CONFIG: plainConfig };
    await dockerd.docker(['login', '--username', 'AWS', '--password-stdin', host], { input: await token(), env: { DOCKER_CONFIG: plainConfig } });
    const driver = new ContainerCliDriver({ engine: 'docker', path: cli }, { env: dockerd.env });

    let built = 0;
    const freshImage = async (): Promise<string> => {
      const context = mkdtempSync(join(folder, 'context-'));
      writeFileSync(join(context, 'a.bin'), randomBytes(LAYER_MIB * 1024 * 1024));
      writeFileSync(join(context, 'b.bin'), randomBytes(LAYER_MIB * 1024 * 1024));
      writeFileSync(join(context, 'Dockerfile'), 'FROM scratch\nCOPY a.bin /a.bin\nCOPY b.bin /b.bin\n');
      const local = `bench-source:${++built}`;
      await dockerd!.docker(['build', '-q', '-t', local, context], { env: { DOCKER_BUILDKIT: '0' } });
      rmSync(context, { recursive: true, force: true });
      return local;
    };

    const timeDriver = async (local: string, tag: string, password: string): Promise<number> => {
      const target = `${host}/bench/app:${tag}`;
      const events: PushEvent[] = [];
      const started = performance.now();
      const result = await driver.withRegistryLogin({ registryHost: host, username: 'AWS', password }, async (session) => {
        await driver.tag(local, target);
        return driver.push(target, session, (event) => events.push(event));
      });
      const ms = performance.now() - started;
      if (result.layers.pushed !== 2 || result.layers.existed !== 0) {
        throw new Error(`the driver's push was not fresh: ${JSON.stringify(result.layers)}`);
      }
      return ms;
    };
    const timePlain = async (local: string, tag: string): Promise<number> => {
      const target = `${host}/bench/app:${tag}`;
      await dockerd!.docker(['tag', local, target]);
      const started = performance.now();
      await plainPush(cli, target, plainEnv);
      return performance.now() - started;
    };

    process.stdout.write(`push benchmark: ${ROUNDS} rounds (+1 warm-up), each a fresh image of 2 × ${LAYER_MIB} MiB random layers per side, to ecr-local on 127.0.0.1\n`);
    const driverMs: number[] = [];
    const plainMs: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const [forDriver, forPlain] = [await freshImage(), await freshImage()];
      const password = await token();
      // Alternate the order so that neither side always runs first after the builds.
      let d: number;
      let p: number;
      if (round % 2 === 0) {
        d = await timeDriver(forDriver, `driver-${round}`, password);
        p = await timePlain(forPlain, `plain-${round}`);
      } else {
        p = await timePlain(forPlain, `plain-${round}`);
        d = await timeDriver(forDriver, `driver-${round}`, password);
      }
      if (round > 0) {
        driverMs.push(d);
        plainMs.push(p);
        process.stdout.write(`  round ${String(round).padStart(2)}: driver ${d.toFixed(0).padStart(6)} ms   plain ${p.toFixed(0).padStart(6)} ms\n`);
      }
      await dockerd.docker(['image', 'rm', '-f', forDriver, forPlain, `${host}/bench/app:driver-${round}`, `${host}/bench/app:plain-${round}`]).catch(() => undefined);
    }
    // The push itself varies by hundreds of ms between rounds on this machine, more than the
    // login costs: the login into a temporary config (and its removal) is also timed on its own.
    const loginMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const password = await token();
      const started = performance.now();
      await driver.withRegistryLogin({ registryHost: host, username: 'AWS', password }, () => Promise.resolve());
      loginMs.push(performance.now() - started);
    }
    const pairedMs = driverMs.map((ms, index) => ms - (plainMs[index] ?? ms));
    const driverMedian = median(driverMs);
    const plainMedian = median(plainMs);
    const overhead = ((driverMedian - plainMedian) / plainMedian) * 100;
    process.stdout.write(
      `\n  driver (login in temp config + tag + push + parse): ${driverMedian.toFixed(0).padStart(6)} ms median\n` +
        `  plain docker push (logged in, tagged):              ${plainMedian.toFixed(0).padStart(6)} ms median\n` +
        `  overhead: ${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)}% (${(driverMedian - plainMedian).toFixed(0)} ms)   goal: ≤ ${GOAL_PERCENT}%   ${overhead <= GOAL_PERCENT ? 'met' : 'NOT met'}\n` +
        `  median of the per-round differences (driver − plain): ${median(pairedMs).toFixed(0)} ms\n` +
        `  login into a temporary config + its removal alone: ${median(loginMs).toFixed(0)} ms median (${((median(loginMs) / plainMedian) * 100).toFixed(1)}% of the plain push)\n`,
    );
  } finally {
    await ecrLocal.stop();
    await dockerd?.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
