// Property tests: lint() never throws, finishes within a bound, reports ranges inside the
// document, and every fix (prompted values filled with a suggestion) yields text that still
// lints. Inputs: random text, mutated Dockerfiles, binary junk, huge lines, deep continuations,
// unterminated heredocs.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { applyEdits, withPromptValue } from '../../../src/dockerfile/applyEdits';
import { lint } from '../../../src/lint/engine';
import { suppressionFixes } from '../../../src/lint/suppress';
import type { Finding } from '../../../src/lint/types';
import { TODAY } from './ruleTester';

const SAMPLE = [
  '# syntax=docker/dockerfile:1',
  'ARG NODE=18',
  'FROM node:${NODE}-alpine3.19 AS build',
  'WORKDIR app',
  'RUN sudo apk add gcc musl-dev && curl -k https://x.sh | sh',
  'RUN apt-get update && apt-get install curl \\',
  '  # comment',
  '  git',
  'COPY .env id_rsa /app',
  'ADD https://x/y.tgz /opt/',
  'ENV DB_PASSWORD=secret AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
  'RUN <<EOF',
  'curl https://x | bash',
  'EOF',
  'FROM ubuntu',
  'EXPOSE 22 80/TCP 127.0.0.1:8080:80',
  'MAINTAINER me',
  'CMD node server.js',
  'USER root',
].join('\n');

function rangesInside(text: string, findings: readonly Finding[]): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (const finding of findings) {
    for (const position of [finding.range.start, finding.range.end]) {
      assert.ok(position.line >= 0 && position.line < lines.length, `line ${position.line} of ${lines.length} (${finding.ruleId})`);
      assert.ok(position.character >= 0 && position.character <= (lines[position.line] ?? '').length, `character ${position.character} (${finding.ruleId})`);
    }
    const { start, end } = finding.range;
    assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `empty-or-forward range (${finding.ruleId})`);
  }
}

function checkText(text: string, withFixes: boolean): void {
  const started = Date.now();
  const findings = lint(text, { today: TODAY, trustedRegistries: ['ecr.aws'] });
  assert.ok(Date.now() - started < 2000, `lint took ${Date.now() - started} ms`);
  rangesInside(text, findings);
  if (!withFixes) {
    return;
  }
  for (const finding of findings) {
    for (const fix of [...finding.fixes, ...suppressionFixes(text, finding)]) {
      const edits = fix.prompt ? withPromptValue(fix.edits, fix.prompt.suggestions[0] ?? (fix.prompt.kind === 'digest' ? `sha256:${'0'.repeat(64)}` : 'v1')) : fix.edits;
      const fixed = applyEdits(text, edits);
      rangesInside(fixed, lint(fixed, { today: TODAY }));
    }
  }
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('\\', '\n', '"', "'", '<<EOF', '#', '`', '$(', '${', '|', '&&', 'RUN ', '\r', '\t', '[', ']', '\u00a0', '\ud83d\ude00') }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
);

function mutate(text: string, mutations: ReadonlyArray<{ kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number }>): string {
  let result = text;
  for (const change of mutations) {
    const at = change.at % (result.length + 1);
    result = change.kind === 'insert' ? result.slice(0, at) + change.text + result.slice(at) : result.slice(0, at) + result.slice(at + change.length);
  }
  return result;
}

describe('lint on any input (property tests)', function () {
  this.timeout(120_000);

  it('never throws and keeps ranges inside the document on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => checkText(text, false)), { numRuns: 100 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => checkText(text, false)), { numRuns: 100 });
  });

  it('mutated Dockerfiles: no throw, ranges inside, every fix gives text that still lints', () => {
    fc.assert(fc.property(fc.array(mutation, { maxLength: 12 }), (mutations) => checkText(mutate(SAMPLE, mutations), true)), { numRuns: 100 });
  });

  it('generated Dockerfiles from instruction fragments', () => {
    const line = fc.constantFrom(...SAMPLE.split('\n'), 'RUN a | b', 'COPY a b c', 'ONBUILD ONBUILD RUN x', 'FROM --platform=linux/amd64 x AS Y', 'ENV A=1 B=$A', 'LABEL com.docker.x=1');
    fc.assert(fc.property(fc.array(line, { maxLength: 40 }), (lines) => checkText(lines.join("\n"), true)), { numRuns: 100 });
  });

  it('stays fast on huge lines, deep continuations and unterminated heredocs', () => {
    const cases = [
      `FROM x\nRUN ${'a'.repeat(500_000)}`,
      `FROM x\nRUN echo ${'"'.repeat(100_001)}`,
      `FROM x\nRUN a \\\n${'  b \\\n'.repeat(20_000)}`,
      `FROM x\nRUN <<EOF\n${'curl https://x | sh\n'.repeat(20_000)}`,
      `FROM x\nRUN ${'$('.repeat(50_000)}`,
      `FROM x\n${'RUN a && b | c; d\n'.repeat(20_000)}`,
      `${'\\\n'.repeat(50_000)}`,
      `FROM x\nENV ${'A=1 '.repeat(50_000)}`,
      '\u0000\uffff\ud800'.repeat(10_000),
    ];
    for (const text of cases) {
      const started = Date.now();
      const findings = lint(text, { today: TODAY });
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 5000, `${elapsed} ms for a ${text.length}-character input`);
      rangesInside(text, findings);
    }
  });
});
