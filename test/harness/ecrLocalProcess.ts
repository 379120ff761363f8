// Runs ecr-local's CLI (out/test/ecr-local/main.js) as a child process for the demo, the
// integration run and the benchmarks, and reads the endpoint from its one stdout line.
import { join } from 'node:path';
import { startProcess, type RunningProcess } from './processes';
import { REPO_ROOT } from './sandbox';

export interface EcrLocalProcessOptions {
  /** Where ecr-local keeps its state and its registry's blobs. */
  readonly dataDir: string;
  /** Push the demo repositories and images (needs Debian's docker-registry). */
  readonly seedDemo?: boolean;
  /** Create this many extra repositories directly in the store (fast even for 100,000). */
  readonly repositories?: number;
  /** The region of those repositories (ecr-local's default is us-east-1). */
  readonly repositoriesRegion?: string;
  readonly port?: number;
  /** ECR_LOCAL_FAULTS for the process; inherited from the environment when absent (the demo honours it). */
  readonly faults?: string;
}

export interface EcrLocalProcess {
  readonly url: string;
  readonly process: RunningProcess;
}

export async function startEcrLocalProcess(options: EcrLocalProcessOptions): Promise<EcrLocalProcess> {
  const args = [join(REPO_ROOT, 'out', 'test', 'ecr-local', 'main.js'), '--data', options.dataDir];
  if (options.seedDemo) {
    args.push('--seed', 'demo');
  }
  if (options.repositories !== undefined) {
    args.push('--repositories', String(options.repositories));
    if (options.repositoriesRegion !== undefined) {
      args.push('--repositories-region', options.repositoriesRegion);
    }
  }
  if (options.port !== undefined) {
    args.push('--port', String(options.port));
  }
  const running = await startProcess(process.execPath, args, {
    name: 'ecr-local',
    ready: /ECR endpoint: http:\/\/127\.0\.0\.1:\d+/,
    timeoutMs: 180_000,
    env: { ...process.env, NODE_NO_WARNINGS: '1', ...(options.faults !== undefined ? { ECR_LOCAL_FAULTS: options.faults } : {}) },
  });
  const url = /ECR endpoint: (http:\/\/127\.0\.0\.1:\d+)/.exec(running.output())?.[1];
  if (!url) {
    await running.stop();
    throw new Error(`ecr-local printed no endpoint. Its output:\n${running.output()}`);
  }
  return { url, process: running };
}
