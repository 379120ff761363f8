#!/usr/bin/env node
// ecr-lint's entry point, bundled by esbuild into dist/cli.js (`bin` of package.json). Wires the
// real process into runCli; the version and the rule pages come from the build (buildInfo.d.ts).
import { homedir } from 'node:os';
import buildInfo from 'ecr-lint:build-info';
import { lint } from '../lint/engine';
import { findHadolintConfig, parseHadolintConfig } from '../lint/hadolintConfig';
import { ruleMetas } from '../lint/rules/index';
import { sinkFor } from './output';
import { EXIT, runCli } from './run';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

runCli({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  home: homedir(),
  stdout: sinkFor(process.stdout),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTerminal: process.stdout.isTTY === true,
  readStdin,
  version: buildInfo.version,
  ruleDoc: (id) => buildInfo.ruleDocs[id],
  core: { lint, ruleMetas, parseHadolintConfig, findHadolintConfig },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ecr-lint: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.usage;
  },
);
