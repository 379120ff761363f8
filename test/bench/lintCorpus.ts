// Deterministic, realistic Dockerfiles for the lint benchmark and the CLI's many-files test: a
// seeded generator (same seed, same files, on every machine) that writes what real Dockerfiles
// hold: multi-stage builds, ARG-resolved FROMs, package installs over continuation lines with
// comments inside, heredocs, pragmas, labels, healthchecks, and the mistakes the rules look for.

import { seededRandom } from '../testing/seededRandom';

const BASES = [
  'node:20-bookworm',
  'node:latest',
  'node',
  'python:3.12-slim',
  'python:3.8',
  'golang:1.22',
  'debian:bookworm-slim',
  'debian:buster',
  'ubuntu:22.04',
  'ubuntu:18.04',
  'alpine:3.19',
  'alpine:3.12',
  'eclipse-temurin:21-jre',
  'ruby:3.3',
  'php:8.3-fpm',
  'nginx:1.27',
  'postgres:16',
  'amazonlinux:2023',
  'centos:7',
  '123456789012.dkr.ecr.eu-west-1.amazonaws.com/base/runtime:2.4.1',
  'public.ecr.aws/docker/library/node:20@sha256:' + 'a'.repeat(64),
];
const APT = ['curl', 'ca-certificates', 'git', 'build-essential', 'libpq-dev', 'gnupg', 'unzip', 'jq', 'tzdata', 'openssl', 'python3-dev', 'gcc'];
const APK = ['curl', 'bash', 'git', 'openssl', 'tini', 'musl-dev', 'gcc'];
const PIP = ['flask==3.0.0', 'requests', 'gunicorn==21.2.0', 'boto3', 'psycopg2-binary==2.9.9'];
const SECRETS = ['API_TOKEN', 'DB_PASSWORD', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'NPM_TOKEN'];
const PORTS = ['80', '443', '8080', '3000', '22', '5432', '9090/udp'];

export interface CorpusOptions {
  readonly seed: number;
  /** About how many lines each file should have. */
  readonly lines: number;
}

/** One Dockerfile of about `lines` lines. */
export function generateDockerfile(random: () => number, lines: number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number): boolean => random() < p;
  const out: string[] = [];
  if (chance(0.3)) {
    out.push('# syntax=docker/dockerfile:1');
  }
  if (chance(0.2)) {
    out.push('# check=skip=JSONArgsRecommended');
  }
  out.push(`ARG BASE_TAG=${pick(['20', '22', '3.12', 'bookworm'])}`, '');
  let stage = 0;
  while (out.length < lines - 12) {
    const base = pick(BASES);
    const last = out.length > lines - 40;
    const alias = last ? '' : ` AS stage${stage}`;
    out.push(`# stage ${stage}: ${pick(['build', 'deps', 'test', 'runtime'])}`);
    out.push(chance(0.15) ? `FROM node:\${BASE_TAG}${alias}` : `${chance(0.05) ? 'from' : 'FROM'} ${base}${alias}`);
    if (chance(0.3)) {
      out.push('MAINTAINER someone@example.com');
    }
    out.push(`LABEL org.opencontainers.image.source="https://example.com/repo${stage}" \\`, `      org.opencontainers.image.version="1.${stage}.0"`);
    out.push(`WORKDIR ${chance(0.1) ? 'app' : '/app'}`);
    for (let block = 0; block < 3 + Math.floor(random() * 4) && out.length < lines - 12; block++) {
      addBlock(out, pick, chance, stage);
    }
    if (stage > 0 && chance(0.6)) {
      out.push(`COPY --from=stage${stage - 1} /app/dist /app/dist`);
    }
    stage++;
    if (last) {
      break;
    }
  }
  while (out.length < lines - 6) {
    addBlock(out, pick, chance, stage);
  }
  out.push(`EXPOSE ${pick(PORTS)}`);
  if (chance(0.6)) {
    out.push('HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1');
  }
  out.push(chance(0.5) ? `USER ${pick(['app', '1000:1000', 'root', 'node'])}` : '# no USER: runs as root');
  out.push(chance(0.7) ? 'CMD ["node", "server.js"]' : 'CMD node server.js');
  return `${out.join('\n')}\n`;
}

function addBlock(
  out: string[],
  pick: <T>(items: readonly T[]) => T,
  chance: (p: number) => boolean,
  stage: number,
): void {
  const kind = pick(['apt', 'apt', 'apk', 'pip', 'npm', 'copy', 'env', 'curl', 'heredoc', 'arg', 'misc']);
  switch (kind) {
    case 'apt': {
      if (chance(0.3)) {
        out.push('# hadolint ignore=DL3008,DL3015');
      }
      out.push(`RUN apt-get update \\`);
      out.push(`    && apt-get install -y ${chance(0.5) ? '--no-install-recommends ' : ''}\\`);
      for (let i = 0; i < 4 + (stage % 3); i++) {
        out.push(`       ${pick(APT)}${chance(0.3) ? '=1.2.3-1' : ''} \\`);
        if (chance(0.2)) {
          out.push('    # a comment inside the continuation');
        }
      }
      out.push(chance(0.6) ? '    && rm -rf /var/lib/apt/lists/*' : '    && echo done');
      return;
    }
    case 'apk':
      out.push(`RUN apk add ${chance(0.5) ? '--no-cache ' : ''}${pick(APK)} ${pick(APK)} ${pick(APK)}`);
      return;
    case 'pip':
      out.push(`RUN pip install ${chance(0.5) ? '--no-cache-dir ' : ''}${pick(PIP)} ${pick(PIP)} \\`, `    ${pick(PIP)}`);
      return;
    case 'npm':
      out.push('COPY package.json package-lock.json ./', `RUN npm ${pick(['ci', 'install', 'install -g typescript'])}`);
      return;
    case 'copy':
      out.push(chance(0.3) ? `ADD ${pick(['src', '.', 'app.tar.gz', 'https://example.com/tool.tgz'])} /app/` : 'COPY . .');
      if (chance(0.1)) {
        out.push('COPY .env /app/.env');
      }
      return;
    case 'env':
      if (chance(0.3)) {
        out.push(`ENV ${pick(SECRETS)}=${pick(['changeme', '${SECRET}', 'AKIAIOSFODNN7EXAMPLE'])}`);
      } else {
        out.push('ENV NODE_ENV=production \\', '    PORT=8080 \\', '    LOG_LEVEL=info');
      }
      return;
    case 'curl':
      out.push(
        chance(0.3)
          ? `RUN curl ${chance(0.3) ? '-k ' : ''}-fsSL https://example.com/install.sh | ${pick(['sh', 'bash'])}`
          : 'RUN wget -q https://example.com/tool -O /usr/local/bin/tool && chmod +x /usr/local/bin/tool',
      );
      return;
    case 'heredoc':
      out.push('RUN <<EOF', 'set -eux', 'mkdir -p /app/data', `echo "stage ${stage}" > /app/data/stage`, 'EOF');
      return;
    case 'arg':
      out.push(`ARG ${chance(0.3) ? pick(SECRETS) : 'VERSION'}${chance(0.5) ? '=1.0.0' : ''}`);
      return;
    default:
      out.push(pick(['RUN cd /app && make', 'RUN sudo chown -R app /app', 'VOLUME /var/run/docker.sock', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'STOPSIGNAL SIGTERM']));
  }
}

/** `count` Dockerfiles of about `lines` lines each, the same for the same seed. */
export function generateCorpus(count: number, options: CorpusOptions): string[] {
  const random = seededRandom(options.seed);
  return Array.from({ length: count }, () => generateDockerfile(random, options.lines));
}
