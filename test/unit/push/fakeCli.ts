// A stand-in docker/podman for unit tests: a small Node program that records how it was called
// (argv, stdin, the config it was given) and prints what the test asks, so the driver's process
// handling is tested without an engine. Behaviour comes from FAKE_CLI (JSON) in its environment.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeBehaviour {
  /** Per subcommand (argv[0]): what to print and how to end. */
  readonly [subcommand: string]: { stdout?: string[]; stderr?: string[]; exitCode?: number; hangMs?: number; ignoreSigint?: boolean; echoStdin?: boolean; writeFileArg?: { flag: string; content: string } } | undefined;
}

export interface FakeCall {
  readonly argv: string[];
  readonly stdin: string;
  readonly pid: number;
  readonly dockerConfig?: string;
  readonly dockerConfigJson?: string;
  readonly registryAuthFile?: string;
  readonly env: Record<string, string | undefined>;
}

const PROGRAM = `#!/usr/bin/env node
const fs = require('fs');
const behaviour = JSON.parse(process.env.FAKE_CLI || '{}');
const argv = process.argv.slice(2);
const plan = behaviour[argv[0]] || {};
let stdin = '';
try { stdin = fs.readFileSync(0, 'utf8'); } catch {}
const config = process.env.DOCKER_CONFIG;
let configJson;
try { configJson = fs.readFileSync(config + '/config.json', 'utf8'); } catch {}
fs.appendFileSync(process.env.FAKE_CLI_RECORD, JSON.stringify({ argv, stdin, pid: process.pid, dockerConfig: config, dockerConfigJson: configJson,
  registryAuthFile: process.env.REGISTRY_AUTH_FILE, env: { SECRET_TOKEN: process.env.SECRET_TOKEN, BUILDKIT_PROGRESS: process.env.BUILDKIT_PROGRESS, DOCKER_HOST: process.env.DOCKER_HOST } }) + '\\n');
if (plan.ignoreSigint) process.on('SIGINT', () => process.stdout.write('ignoring SIGINT\\n'));
if (plan.writeFileArg) { const i = argv.indexOf(plan.writeFileArg.flag); fs.writeFileSync(argv[i + 1], plan.writeFileArg.content); }
for (const line of plan.stdout || []) process.stdout.write(line + '\\n');
for (const line of plan.stderr || []) process.stderr.write(line + '\\n');
if (plan.echoStdin) process.stderr.write('Error: you said ' + stdin + '\\n');
const end = () => process.exit(plan.exitCode || 0);
if (plan.hangMs) setTimeout(end, plan.hangMs); else end();
`;

export class FakeCli {
  readonly folder = mkdtempSync(join(tmpdir(), 'ecrx-fakecli-'));
  readonly path: string;
  private readonly record = join(this.folder, 'calls.jsonl');

  constructor(name = 'docker') {
    this.path = join(this.folder, name);
    writeFileSync(this.path, PROGRAM);
    chmodSync(this.path, 0o755);
    writeFileSync(this.record, '');
  }

  env(behaviour: FakeBehaviour, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { ...process.env, ...extra, FAKE_CLI: JSON.stringify(behaviour), FAKE_CLI_RECORD: this.record };
  }

  calls(): FakeCall[] {
    return readFileSync(this.record, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as FakeCall);
  }

  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}
