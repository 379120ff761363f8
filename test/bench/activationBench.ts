// `npm run bench`: the extension's activation time in a real VS Code (code-server 4.100.3 =
// VS Code 1.100.3), measured in a fresh extension host on each of several page loads, with the
// production bundle. Prints every sample and the median.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer } from '../harness/codeServer';
import { createSandbox, REPO_ROOT } from '../harness/sandbox';
import { runProbe, startProbeHost } from './probeRun';
import { ACTIVATION_LINE } from './protocol';

const RUNS = Number(process.env.ECR_EXPLORER_BENCH_RUNS ?? 7);

async function main(): Promise<void> {
  const packageRoot = await ensureCodeServer();
  const sandbox = createSandbox();
  const host = await startProbeHost(packageRoot, sandbox);
  const samples: number[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      const captured = await runProbe(host, 'activationProbe', run, 120_000, ACTIVATION_LINE);
      samples.push(Number(captured));
      process.stdout.write(`run ${run}: ${captured} ms\n`);
    }
  } finally {
    await host.close();
    sandbox.dispose();
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const bundleKiB = statSync(join(REPO_ROOT, 'dist', 'extension.js')).size / 1024;
  process.stdout.write(
    `activation (VS Code 1.100.3, ${RUNS} fresh extension hosts): median ${median.toFixed(1)} ms, ` +
      `min ${sorted[0]!.toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms; bundle ${bundleKiB.toFixed(0)} KiB\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
