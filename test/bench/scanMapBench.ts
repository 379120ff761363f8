// `npm run bench` (and `npm run bench:scan-map` alone): mapping 10,000 scan findings onto the
// lines of a ~60-line multi-stage Dockerfile, as the scan diagnostics do when a scan arrives.
// Goal: median < 50 ms. The findings mix what real scans hold: OS packages installed by a RUN
// (pinned fixes computed), OS packages of the base image, npm and pip packages brought in by
// lockfile COPYs, and findings with a sourceLayerHash resolved through the image's layers. A
// fixed seed makes every run map the same input. Warmed up first (JIT), then timed run by run.
import { performance } from 'node:perf_hooks';
import type { Severity } from '../../src/ecr/model';
import { mapFindingsToDockerfile } from '../../src/scan/mapFindings';
import type { ScanFinding } from '../../src/scan/model';
import { median, percentile } from './stats';

const FINDINGS = Number(process.env['ECR_EXPLORER_BENCH_SCAN_FINDINGS'] ?? 10_000);
const RUNS = Number(process.env['ECR_EXPLORER_BENCH_SCAN_RUNS'] ?? 31);
const WARMUP = 10;
const GOAL_MS = 50;

const RUN_PACKAGES = ['openssl', 'curl', 'ca-certificates', 'libxml2', 'git', 'zlib1g', 'libpq5', 'tzdata', 'gnupg', 'wget', 'unzip', 'libcurl4'];

const DOCKERFILE = [
  '# syntax=docker/dockerfile:1.7',
  'ARG NODE_VERSION=20',
  'ARG PYTHON_VERSION=3.12',
  '',
  'FROM node:${NODE_VERSION}-bookworm AS web',
  'WORKDIR /web',
  'COPY web/package.json web/package-lock.json ./',
  'RUN npm ci --no-audit --no-fund',
  'COPY web/ ./',
  'RUN npm run build',
  '',
  'FROM golang:1.22 AS tools',
  'WORKDIR /src',
  'COPY tools/go.mod tools/go.sum ./',
  'RUN go mod download',
  'COPY tools/ ./',
  'RUN CGO_ENABLED=0 go build -o /out/healthcheck ./cmd/healthcheck',
  '',
  'FROM python:${PYTHON_VERSION}-slim-bookworm AS runtime',
  'LABEL org.opencontainers.image.source="https://example.com/app"',
  'ENV PYTHONDONTWRITEBYTECODE=1 \\',
  '    PYTHONUNBUFFERED=1',
  'RUN apt-get update \\',
  '    && apt-get install -y --no-install-recommends \\',
  '       openssl=3.0.11-1~deb12u2 \\',
  '       curl \\',
  '       ca-certificates \\',
  '       libxml2 \\',
  '       libpq5 \\',
  '       tzdata \\',
  '    && rm -rf /var/lib/apt/lists/*',
  'RUN <<EOF',
  'set -eux',
  'apt-get update',
  'apt-get install -y --no-install-recommends git gnupg wget unzip libcurl4 zlib1g',
  'rm -rf /var/lib/apt/lists/*',
  'EOF',
  'RUN groupadd --system app && useradd --system --gid app app',
  'WORKDIR /app',
  'COPY requirements.txt constraints.txt ./',
  'RUN pip install --no-cache-dir -r requirements.txt -c constraints.txt "gunicorn==21.2.0" uvicorn',
  'COPY package*.json ./',
  'RUN npm ci --omit=dev',
  'COPY --from=web /web/dist ./static',
  'COPY --from=tools /out/healthcheck /usr/local/bin/healthcheck',
  'COPY src/ ./src/',
  'COPY . .',
  'RUN python -m compileall -q src',
  'USER app',
  'EXPOSE 8000',
  'HEALTHCHECK --interval=30s --timeout=3s CMD ["healthcheck"]',
  'ENTRYPOINT ["gunicorn"]',
  'CMD ["-k", "uvicorn.workers.UvicornWorker", "src.main:app", "--bind", "0.0.0.0:8000"]',
  '',
  '# The image is scanned on push; its findings show on these lines.',
  '# Pins come from the scan\'s fixed versions.',
  '# End of file.',
  '',
].join('\n');

/** Layers: 5 of the python base image, then one per RUN/COPY/ADD of the final stage (11). */
const LAYERS = Array.from({ length: 16 }, (_, index) => `sha256:${index.toString(16).padStart(64, '0')}`);

/** A small deterministic generator (mulberry32), so every run maps the same findings. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEVERITY_MIX: readonly Severity[] = ['CRITICAL', 'HIGH', 'HIGH', 'MEDIUM', 'MEDIUM', 'MEDIUM', 'LOW', 'LOW', 'INFORMATIONAL', 'UNDEFINED'];

function generateFindings(count: number): ScanFinding[] {
  const next = random(20240601);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const findings: ScanFinding[] = [];
  for (let index = 0; index < count; index++) {
    const kind = next();
    const id = `CVE-${2015 + Math.floor(next() * 10)}-${10000 + index}`;
    const severity = pick(SEVERITY_MIX);
    const fixed = next() < 0.7;
    const base = { id, severity, installedVersion: `1.${index % 40}.${index % 7}` };
    if (kind < 0.3) {
      // Installed by a RUN of the final stage: mapped by name, pinned fixes computed.
      findings.push({ ...base, packageName: pick(RUN_PACKAGES), packageManager: 'OS', ...(fixed ? { fixedVersion: `1.${index % 40}.${(index % 7) + 1}`, fixAvailable: 'YES' } : { fixAvailable: 'NO' }) });
    } else if (kind < 0.6) {
      // From the base image: an OS package no RUN names, with its base layer.
      findings.push({ ...base, packageName: `lib-base-${index % 400}`, packageManager: 'OS', sourceLayerHash: LAYERS[index % 5] ?? '', filePath: 'var/lib/dpkg/status' });
    } else if (kind < 0.75) {
      findings.push({ ...base, packageName: `npm-package-${index % 300}`, packageManager: 'NPM', filePath: 'app/package-lock.json', sourceLayerHash: LAYERS[12] ?? '', ...(fixed ? { fixedVersion: '9.9.9' } : {}) });
    } else if (kind < 0.9) {
      findings.push({ ...base, packageName: `py_package.${index % 300}`, packageManager: 'PIP', filePath: `usr/local/lib/python3.12/site-packages/py_package_${index % 300}.dist-info/METADATA` });
    } else {
      // A Go binary copied from another stage, found through its layer.
      findings.push({ ...base, packageName: `golang.org/x/mod${index % 20}`, packageManager: 'GOBINARY', filePath: 'usr/local/bin/healthcheck', sourceLayerHash: LAYERS[13] ?? '' });
    }
  }
  return findings;
}

function main(): void {
  const findings = generateFindings(FINDINGS);
  const lineCount = DOCKERFILE.split('\n').length;
  let mapped = mapFindingsToDockerfile(DOCKERFILE, findings, { layerDigests: LAYERS });
  for (let warm = 0; warm < WARMUP; warm++) {
    mapped = mapFindingsToDockerfile(DOCKERFILE, findings, { layerDigests: LAYERS });
  }
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    mapped = mapFindingsToDockerfile(DOCKERFILE, findings, { layerDigests: LAYERS });
    samples.push(performance.now() - started);
  }
  const placed = mapped.lines.reduce((sum, line) => sum + line.findings.length, 0);
  const anchors = new Map<string, number>();
  for (const line of mapped.lines) {
    anchors.set(line.anchor, (anchors.get(line.anchor) ?? 0) + line.findings.length);
  }
  const fixes = mapped.lines.reduce((sum, line) => sum + line.fixes.length, 0);
  const medianMs = median(samples);
  process.stdout.write(
    `scan mapping benchmark (Node ${process.version})\n` +
      `  ${findings.length} findings onto a ${lineCount}-line, 3-stage Dockerfile: ${mapped.lines.length} lines, ${placed} placed, ${mapped.unmapped.length} unmapped, ${fixes} fixes\n` +
      `  by anchor: ${[...anchors].map(([anchor, count]) => `${anchor} ${count}`).join(', ')}\n` +
      `  median ${medianMs.toFixed(2)} ms, p90 ${percentile(samples, 90).toFixed(2)} ms, min ${Math.min(...samples).toFixed(2)} ms, max ${Math.max(...samples).toFixed(2)} ms over ${RUNS} runs after ${WARMUP} warm-up runs\n` +
      `  goal: median < ${GOAL_MS} ms: ${medianMs < GOAL_MS ? 'met' : 'NOT MET'}\n`,
  );
  if (placed !== findings.length) {
    throw new Error(`${findings.length - placed} findings were not placed on a line`);
  }
}

main();
