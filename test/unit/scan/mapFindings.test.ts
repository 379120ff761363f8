// The finding-to-line mapper on a table of Dockerfiles: which line each finding lands on, with
// which anchor, message and fixes, and what it does with Dockerfiles it cannot place anything on.
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../src/dockerfile/applyEdits';
import { mapFindingsToDockerfile, type LineFindings } from '../../../src/scan/mapFindings';
import type { ScanFinding } from '../../../src/scan/model';
import { lang, lineText, os } from './findingFixtures';

function only(lines: readonly LineFindings[], line: number): LineFindings {
  const found = lines.find((entry) => entry.line === line);
  assert.ok(found, `no findings on line ${line}; lines: ${lines.map((entry) => entry.line).join(', ')}`);
  return found;
}

function placed(text: string, findings: ScanFinding[], layerDigests?: string[]): Map<string, { line: number; anchor: string; text: string }> {
  const mapped = mapFindingsToDockerfile(text, findings, layerDigests ? { layerDigests } : {});
  assert.deepEqual(mapped.unmapped, []);
  const where = new Map<string, { line: number; anchor: string; text: string }>();
  for (const entry of mapped.lines) {
    for (const finding of entry.findings) {
      where.set(`${finding.id}/${finding.packageName ?? ''}`, { line: entry.line, anchor: entry.anchor, text: lineText(text, entry.line).trim() });
    }
  }
  return where;
}

const MULTI_STAGE = [
  '# syntax=docker/dockerfile:1', // 0
  'ARG BASE=debian:12-slim', // 1
  'FROM node:20 AS build', // 2
  'WORKDIR /src', // 3
  'RUN apt-get update && apt-get install -y python3 make', // 4
  'COPY package.json package-lock.json ./', // 5
  'RUN npm ci', // 6
  '', // 7
  'FROM ${BASE}', // 8
  'RUN apt-get update \\', // 9
  '    && apt-get install -y --no-install-recommends \\', // 10
  '       openssl=3.0.11-1~deb12u1 \\', // 11
  '       zlib1g curl \\', // 12
  '    && rm -rf /var/lib/apt/lists/*', // 13
  'WORKDIR /app', // 14
  'COPY package*.json ./', // 15
  'COPY requirements.txt .', // 16
  'RUN pip install --no-cache-dir -r requirements.txt "Flask>=2.0"', // 17
  'COPY --from=build /src/node_modules ./node_modules', // 18
  'COPY . .', // 19
  'CMD ["node", "server.js"]', // 20
].join('\n');

describe('mapFindingsToDockerfile', () => {
  it('puts each finding of a multi-stage build on the most specific line of the final stage', () => {
    const where = placed(MULTI_STAGE, [
      os('CVE-2023-5678', 'CRITICAL', 'openssl', '3.0.11-1~deb12u1', '3.0.13-1~deb12u1'),
      os('CVE-2022-37434', 'HIGH', 'zlib1g', '1:1.2.13.dfsg-1', '1:1.2.13.dfsg-2'),
      os('CVE-2023-38545', 'HIGH', 'curl', '7.88.1-10', '7.88.1-10+deb12u4'),
      // python3 is installed in the build stage only: in the final image it came with the base.
      os('CVE-2023-24329', 'MEDIUM', 'python3.11', '3.11.2-6'),
      os('CVE-2022-3715', 'LOW', 'bash', '5.2.15-2+b2'),
      // libssl3 is built from openssl, but the Dockerfile names openssl: not guessed.
      os('CVE-2023-5679', 'HIGH', 'libssl3', '3.0.11-1~deb12u1', '3.0.13-1~deb12u1'),
      lang('NPM', 'GHSA-p6mc-m468-83gw', 'HIGH', 'lodash', '4.17.15', '4.17.21', { filePath: 'app/package-lock.json' }),
      lang('PIP', 'GHSA-m2qf-hxjv-5gpq', 'HIGH', 'flask', '2.2.2', '2.2.5'),
      lang('PIP', 'GHSA-9wx4-h78v-vm56', 'MEDIUM', 'requests', '2.28.0', '2.31.0', { filePath: 'usr/local/lib/python3.11/site-packages/requests-2.28.0.dist-info/METADATA' }),
      lang('GEMSPEC', 'GHSA-gem', 'LOW', 'rack', '2.0.0', '2.2.6'),
    ]);
    assert.deepEqual(where.get('CVE-2023-5678/openssl'), { line: 11, anchor: 'run', text: 'openssl=3.0.11-1~deb12u1 \\' });
    assert.equal(where.get('CVE-2022-37434/zlib1g')?.line, 11, 'one RUN is one line: its first package word');
    assert.equal(where.get('CVE-2023-38545/curl')?.anchor, 'run');
    assert.deepEqual(where.get('CVE-2023-24329/python3.11'), { line: 8, anchor: 'from', text: 'FROM ${BASE}' });
    assert.equal(where.get('CVE-2022-3715/bash')?.line, 8);
    assert.equal(where.get('CVE-2023-5679/libssl3')?.line, 8);
    assert.deepEqual(where.get('GHSA-p6mc-m468-83gw/lodash'), { line: 15, anchor: 'copy', text: 'COPY package*.json ./' });
    assert.deepEqual(where.get('GHSA-m2qf-hxjv-5gpq/flask'), { line: 17, anchor: 'run', text: 'RUN pip install --no-cache-dir -r requirements.txt "Flask>=2.0"' });
    assert.deepEqual(where.get('GHSA-9wx4-h78v-vm56/requests'), { line: 16, anchor: 'copy', text: 'COPY requirements.txt .' });
    assert.deepEqual(where.get('GHSA-gem/rack'), { line: 18, anchor: 'copy', text: 'COPY --from=build /src/node_modules ./node_modules' }, 'no Gemfile: the first directory copy');
  });

  it('summarises a line worst first and offers a pin per fixed package plus one for all', () => {
    const mapped = mapFindingsToDockerfile(MULTI_STAGE, [
      os('CVE-2022-37434', 'HIGH', 'zlib1g', '1:1.2.13.dfsg-1', '1:1.2.13.dfsg-2'),
      os('CVE-2023-5678', 'CRITICAL', 'openssl', '3.0.11-1~deb12u1', '3.0.13-1~deb12u1'),
      os('CVE-2024-0727', 'HIGH', 'openssl', '3.0.11-1~deb12u1', '3.0.15-1~deb12u1'),
      os('CVE-2023-44487', 'MEDIUM', 'curl', '7.88.1-10', undefined, { fixAvailable: 'NO' }),
    ]);
    const run = only(mapped.lines, 11);
    assert.equal(run.severity, 'CRITICAL');
    assert.deepEqual(
      run.findings.map((finding) => finding.id),
      ['CVE-2023-5678', 'CVE-2022-37434', 'CVE-2024-0727', 'CVE-2023-44487'],
    );
    assert.equal(
      run.message,
      '1 CRITICAL, 2 HIGH, 1 MEDIUM: openssl 3.0.11-1~deb12u1 → 3.0.15-1~deb12u1 (CVE-2023-5678, CVE-2024-0727), zlib1g 1:1.2.13.dfsg-1 → 1:1.2.13.dfsg-2 (CVE-2022-37434) and 1 more',
    );
    assert.deepEqual(run.range, { start: { line: 11, character: 7 }, end: { line: 12, character: 18 } });
    assert.deepEqual(
      run.fixes.map((fix) => fix.title),
      [
        'Pin openssl=3.0.15-1~deb12u1 (fixes CVE-2023-5678, CVE-2024-0727)',
        'Pin zlib1g=1:1.2.13.dfsg-2 (fixes CVE-2022-37434)',
        'Pin all fixed versions (2 packages)',
      ],
    );
    const all = run.fixes[2];
    assert.equal(all?.isPreferred, true);
    const fixed = applyEdits(MULTI_STAGE, all?.edits ?? []);
    assert.equal(lineText(fixed, 11), '       openssl=3.0.15-1~deb12u1 \\', 'the existing pin is replaced');
    assert.equal(lineText(fixed, 12), '       zlib1g=1:1.2.13.dfsg-2 curl \\', 'curl has no fix: left alone');
  });

  it('pins in each manager\'s own syntax, keeping arch and extras', () => {
    const cases: Array<{ run: string; finding: ScanFinding; pinned: string }> = [
      { run: 'RUN apk add --no-cache "openssl>=3.0"', finding: os('CVE-1', 'HIGH', 'openssl', '3.0.1-r0', '3.0.12-r1'), pinned: 'RUN apk add --no-cache openssl=3.0.12-r1' },
      { run: 'RUN apt-get install -y libc6:amd64', finding: os('CVE-2', 'HIGH', 'libc6', '2.36-9', '2.36-9+deb12u4'), pinned: 'RUN apt-get install -y libc6:amd64=2.36-9+deb12u4' },
      { run: 'RUN dnf install -y openssl-3.0.7 && dnf clean all', finding: os('CVE-3', 'HIGH', 'openssl', '3.0.7-24.el9', '1:3.0.7-27.el9'), pinned: 'RUN dnf install -y openssl-1:3.0.7-27.el9 && dnf clean all' },
      { run: 'RUN microdnf install -y curl', finding: os('CVE-4', 'HIGH', 'curl', '7.76.1', '7.76.1-29.el9'), pinned: 'RUN microdnf install -y curl-7.76.1-29.el9' },
      { run: 'RUN pip3 install "requests[socks]>=2.0"', finding: lang('PIP', 'CVE-5', 'HIGH', 'requests', '2.28.0', '2.31.0'), pinned: 'RUN pip3 install requests[socks]==2.31.0' },
      { run: 'RUN python3 -m pip install Django_Rest', finding: lang('PYTHONPKG', 'CVE-6', 'HIGH', 'django-rest', '1.0', '1.2'), pinned: 'RUN python3 -m pip install Django_Rest==1.2' },
      { run: 'RUN npm install -g @scope/tool@^1 lodash', finding: lang('NPM', 'CVE-7', 'HIGH', '@scope/tool', '1.0.0', '1.4.2'), pinned: 'RUN npm install -g @scope/tool@1.4.2 lodash' },
      { run: 'RUN yarn global add left-pad', finding: lang('NODEPKG', 'CVE-8', 'HIGH', 'left-pad', '1.0.0', '1.3.0'), pinned: 'RUN yarn global add left-pad@1.3.0' },
      { run: 'RUN gem install rack', finding: lang('GEMSPEC', 'CVE-9', 'HIGH', 'rack', '2.0.0', '2.2.6'), pinned: 'RUN gem install rack:2.2.6' },
    ];
    for (const { run, finding, pinned } of cases) {
      const text = `FROM alpine:3.19\n${run}\n`;
      const mapped = mapFindingsToDockerfile(text, [finding]);
      const line = only(mapped.lines, 1);
      assert.equal(line.anchor, 'run', run);
      assert.equal(line.fixes.length, 1, run);
      assert.equal(line.fixes[0]?.isPreferred, true);
      assert.equal(lineText(applyEdits(text, line.fixes[0]?.edits ?? []), 1), pinned);
    }
  });

  it('offers no pin when the package is already pinned to the fix, or no fix is known', () => {
    const text = 'FROM debian:12\nRUN apt-get install -y openssl=3.0.13 curl\n';
    const mapped = mapFindingsToDockerfile(text, [
      os('CVE-1', 'HIGH', 'openssl', '3.0.11', '3.0.13'),
      os('CVE-2', 'HIGH', 'curl', '7.88', undefined, { fixAvailable: 'NO' }),
    ]);
    const line = only(mapped.lines, 1);
    assert.deepEqual(line.fixes, []);
    assert.equal(line.message, '2 HIGH: openssl 3.0.11 → 3.0.13 (CVE-1), curl 7.88, no fix yet (CVE-2)');
  });

  it('reads heredoc RUNs and continuation lines, and ranges point into the heredoc body', () => {
    const text = ['FROM ubuntu:22.04', 'RUN <<EOF', 'set -e', 'apt-get update', 'apt-get install -y \\', '    libxml2 \\', '    git', 'EOF', 'USER app'].join('\n');
    const mapped = mapFindingsToDockerfile(text, [os('CVE-2024-25062', 'HIGH', 'libxml2', '2.9.13', '2.9.13+dfsg-1ubuntu0.4'), os('CVE-2024-32002', 'CRITICAL', 'git', '2.34.1', '1:2.34.1-1ubuntu1.11')]);
    const line = only(mapped.lines, 5);
    assert.equal(line.anchor, 'run');
    assert.deepEqual(line.range, { start: { line: 5, character: 4 }, end: { line: 6, character: 7 } });
    const fixed = applyEdits(text, line.fixes.find((fix) => fix.title.startsWith('Pin all'))?.edits ?? []);
    assert.equal(lineText(fixed, 5), '    libxml2=2.9.13+dfsg-1ubuntu0.4 \\');
    assert.equal(lineText(fixed, 6), '    git=1:2.34.1-1ubuntu1.11');
  });

  it('resolves FROM through ARG and keeps only the final stage: a package installed in another stage goes to the final FROM', () => {
    const text = ['ARG VARIANT=alpine', 'FROM python:3.12-${VARIANT} AS base', 'RUN apk add openssl', 'FROM base', 'RUN apk add curl'].join('\n');
    const where = placed(text, [os('CVE-1', 'HIGH', 'openssl', '3.1', '3.2'), os('CVE-2', 'HIGH', 'curl', '8.0', '8.5')]);
    assert.deepEqual(where.get('CVE-1/openssl'), { line: 3, anchor: 'from', text: 'FROM base' });
    assert.deepEqual(where.get('CVE-2/curl'), { line: 4, anchor: 'run', text: 'RUN apk add curl' });
  });

  it('maps sourceLayerHash to the instruction that made the layer, base layers to the root FROM', () => {
    const text = [
      'FROM golang:1.22 AS build', // 0
      'RUN go build -o /app .', // 1
      'FROM gcr.io/distroless/base-debian12 AS runtime', // 2
      'COPY --from=build /app /app', // 3
      'FROM runtime', // 4
      'ENV MODE=prod', // 5
      'RUN ["/app", "--self-test"]', // 6
      'COPY config.yaml /etc/app/', // 7
    ].join('\n');
    // distroless: 3 base layers, then COPY (3), RUN (6), COPY (7).
    const layers = ['sha256:b1', 'sha256:b2', 'sha256:b3', 'sha256:copy-app', 'sha256:run', 'sha256:copy-config'];
    const where = placed(
      text,
      [
        os('CVE-base', 'HIGH', 'libc6', '2.36', '2.36-9', { sourceLayerHash: 'sha256:b2' }),
        lang('GOBINARY', 'GO-2024-1', 'HIGH', 'golang.org/x/net', '0.17.0', '0.23.0', { sourceLayerHash: 'sha256:copy-app', filePath: 'app' }),
        lang('GOBINARY', 'GO-2024-2', 'LOW', 'stdlib', '1.22.0', '1.22.5', { sourceLayerHash: 'sha256:run' }),
        os('CVE-unknown-layer', 'LOW', 'tzdata', '2024a', undefined, { sourceLayerHash: 'sha256:elsewhere' }),
      ],
      layers,
    );
    assert.deepEqual(where.get('CVE-base/libc6'), { line: 2, anchor: 'from', text: 'FROM gcr.io/distroless/base-debian12 AS runtime' });
    assert.deepEqual(where.get('GO-2024-1/golang.org/x/net'), { line: 3, anchor: 'layer', text: 'COPY --from=build /app /app' });
    assert.deepEqual(where.get('GO-2024-2/stdlib'), { line: 6, anchor: 'layer', text: 'RUN ["/app", "--self-test"]' });
    assert.deepEqual(where.get('CVE-unknown-layer/tzdata'), { line: 4, anchor: 'from', text: 'FROM runtime' });
  });

  it('does not blame the app\'s lockfile for a language package that came in a base-image layer', () => {
    const text = ['FROM node:20-slim', 'WORKDIR /app', 'COPY package.json package-lock.json ./', 'RUN npm ci'].join('\n');
    const layers = ['sha256:base1', 'sha256:base2', 'sha256:copy', 'sha256:npmci'];
    const where = placed(
      text,
      [
        lang('NPM', 'GHSA-npm-own', 'MEDIUM', 'cross-spawn', '7.0.3', '7.0.5', { sourceLayerHash: 'sha256:base2', filePath: 'usr/local/lib/node_modules/npm/node_modules/cross-spawn/package.json' }),
        lang('NPM', 'GHSA-app', 'HIGH', 'express', '4.18.0', '4.19.2', { sourceLayerHash: 'sha256:npmci', filePath: 'app/node_modules/express/package.json' }),
      ],
      layers,
    );
    assert.equal(where.get('GHSA-npm-own/cross-spawn')?.line, 0);
    assert.deepEqual(where.get('GHSA-app/express'), { line: 2, anchor: 'copy', text: 'COPY package.json package-lock.json ./' });
  });

  it('prefers the COPY that names the lockfile over a pattern over a whole-context copy', () => {
    const finding = lang('NPM', 'GHSA-1', 'HIGH', 'minimist', '1.2.0', '1.2.6');
    const named = ['FROM node:20', 'COPY . .', 'COPY package*.json ./', 'COPY yarn.lock ./'].join('\n');
    assert.equal(placed(named, [finding]).get('GHSA-1/minimist')?.line, 3);
    const pattern = ['FROM node:20', 'COPY . .', 'COPY package*.json ./'].join('\n');
    assert.equal(placed(pattern, [finding]).get('GHSA-1/minimist')?.line, 2);
    const whole = ['FROM node:20', 'COPY server.js ./', 'COPY . .'].join('\n');
    assert.equal(placed(whole, [finding]).get('GHSA-1/minimist')?.line, 2);
    const json = ['FROM node:20', 'COPY ["package.json", "package-lock.json", "./"]'].join('\n');
    assert.deepEqual(placed(json, [finding]).get('GHSA-1/minimist'), { line: 1, anchor: 'copy', text: 'COPY ["package.json", "package-lock.json", "./"]' });
    const none = ['FROM node:20', 'COPY server.js ./'].join('\n');
    assert.equal(placed(none, [finding]).get('GHSA-1/minimist')?.anchor, 'from');
  });

  it('puts OS findings on the COPY that writes the package database (an image built FROM scratch)', () => {
    const text = ['FROM scratch', 'COPY status /var/lib/dpkg/status', 'COPY hello /hello'].join('\n');
    const where = placed(text, [os('CVE-2023-4911', 'CRITICAL', 'libc6', '2.36-9+deb12u1', '2.36-9+deb12u3'), os('CVE-2', 'LOW', 'bash', '5.2')]);
    assert.deepEqual(where.get('CVE-2023-4911/libc6'), { line: 1, anchor: 'copy', text: 'COPY status /var/lib/dpkg/status' });
    assert.equal(where.get('CVE-2/bash')?.line, 1);
    const apk = ['FROM scratch', 'ADD rootfs/installed /lib/apk/db/'].join('\n');
    assert.equal(placed(apk, [os('CVE-3', 'LOW', 'musl', '1.2')]).get('CVE-3/musl')?.anchor, 'copy');
  });

  it('puts only-base findings on the final FROM, with the image word as the range', () => {
    const text = '# base only\nFROM   public.ecr.aws/docker/library/nginx:1.25  \nCMD ["nginx"]\n';
    const mapped = mapFindingsToDockerfile(text, [os('CVE-1', 'LOW', 'zlib1g', '1.2'), os('CVE-2', 'UNDEFINED', 'perl', '5.36'), { id: 'CVE-3', severity: 'INFORMATIONAL' }]);
    assert.equal(mapped.lines.length, 1);
    const from = only(mapped.lines, 1);
    assert.equal(from.anchor, 'from');
    assert.deepEqual(from.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 47 } });
    assert.equal(from.severity, 'LOW');
    assert.equal(from.message, '1 LOW, 1 INFORMATIONAL, 1 UNDEFINED: zlib1g 1.2 (CVE-1), CVE-3, perl 5.36 (CVE-2)');
  });

  it('keeps messages bounded however many findings a line has', () => {
    const findings = Array.from({ length: 500 }, (_, index) => os(`CVE-2024-${String(index).padStart(5, '0')}`, index % 7 === 0 ? 'CRITICAL' : 'MEDIUM', `package-${index}`, '1.0', '1.1'));
    const mapped = mapFindingsToDockerfile('FROM debian:12\n', findings);
    const from = only(mapped.lines, 0);
    assert.equal(from.findings.length, 500);
    assert.ok(from.message.length <= 240, `${from.message.length} characters`);
    assert.match(from.message, /^72 CRITICAL, 428 MEDIUM: package-0 1\.0 → 1\.1 \(CVE-2024-00000\), .* and 4\d\d more$/);
  });

  it('puts everything in unmapped for an empty, FROM-less or binary file, and never throws', () => {
    const findings = [os('CVE-1', 'HIGH', 'openssl', '3.0')];
    for (const text of ['', '# just a comment\n', 'RUN apt-get install openssl\n', 'ARG X=1\n', '\u0000\u0001\u0002\uffff']) {
      const mapped = mapFindingsToDockerfile(text, findings);
      assert.deepEqual(mapped, { lines: [], unmapped: findings }, JSON.stringify(text));
    }
    const broken = ['FROM', 'RUN apt-get install -y "unterminated', 'COPY', 'RUN <<EOF', 'apt-get install openssl'].join('\n');
    const mapped = mapFindingsToDockerfile(broken, findings);
    assert.equal(mapped.unmapped.length + mapped.lines.reduce((sum, line) => sum + line.findings.length, 0), 1);
  });

  it('returns no lines for no findings', () => {
    assert.deepEqual(mapFindingsToDockerfile(MULTI_STAGE, []), { lines: [], unmapped: [] });
  });
});
