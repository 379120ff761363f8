// The Docker engine the integration harness started (test/harness/testDocker.ts), as the in-host
// tests see it, and the docker CLI against it with a client config of the test's own.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestDockerEnvironment } from '../harness/testDocker';

export function testDocker(): Extract<TestDockerEnvironment, { ok: true }> {
  const text = process.env.ECR_EXPLORER_TEST_DOCKER;
  const parsed = text ? (JSON.parse(text) as TestDockerEnvironment) : { ok: false as const, error: 'ECR_EXPLORER_TEST_DOCKER is not set: run through "npm run test:integration".' };
  if (!parsed.ok) {
    throw new Error(`These tests push with a real Docker engine, which did not start: ${parsed.error}`);
  }
  return parsed;
}

/** The docker CLI against the harness's engine, with a config of the test's own (never the one the extension sees). */
export function docker(args: readonly string[], cwd?: string): Promise<string> {
  const own = mkdtempSync(join(tmpdir(), 'ecrx-test-docker-config-'));
  return new Promise<string>((resolve, reject) => {
    execFile('docker', [...args], { cwd, env: { ...process.env, DOCKER_CONFIG: own, DOCKER_BUILDKIT: '0' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      rmSync(own, { recursive: true, force: true });
      if (error) {
        reject(new Error(`docker ${args.join(' ')}: ${stderr || error.message}`));
      } else {
        resolve(stdout);
      }
    });
  });
}

