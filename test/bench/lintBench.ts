// `npm run bench` (and `npm run bench:lint` alone): the linter's speed in plain Node, on generated
// Dockerfiles (test/bench/lintCorpus.ts, fixed seeds).
// 1. Lint 1,000 ~100-line Dockerfiles in one process, against dockerfile-utils' validate() (the
//    Docker language server's validator) on the same files. Goal: lint() takes <= 60% of it.
// 2. Re-lint a 300-line Dockerfile after a one-character edit, as the editor does on a keystroke.
//    Goal: median < 5 ms.
// Each side is warmed up first (JIT), then timed over several rounds; the median round counts.
import { performance } from 'node:perf_hooks';
import { validate } from 'dockerfile-utils';
import { lint } from '../../src/lint/engine';
import { generateCorpus } from './lintCorpus';
import { median, percentile } from './stats';

const FILES = Number(process.env.ECR_EXPLORER_BENCH_LINT_FILES ?? 1000);
const ROUNDS = Number(process.env.ECR_EXPLORER_BENCH_LINT_ROUNDS ?? 5);
const KEYSTROKES = Number(process.env.ECR_EXPLORER_BENCH_KEYSTROKES ?? 301);
const TODAY = new Date('2025-06-01T00:00:00Z');

/** Runs `each` over every file once; returns the elapsed milliseconds and what it counted. */
function pass(files: readonly string[], each: (text: string) => number): { ms: number; count: number } {
  let count = 0;
  const started = performance.now();
  for (const text of files) {
    count += each(text);
  }
  return { ms: performance.now() - started, count };
}

function corpusBench(): { ratio: number } {
  const files = generateCorpus(FILES, { seed: 20240501, lines: 100 });
  const lines = files.reduce((sum, text) => sum + text.split('\n').length - 1, 0);
  const ours = (text: string): number => lint(text, { today: TODAY }).length;
  const theirs = (text: string): number => validate(text).length;
  // Warm-up: both sides see every file once before anything is timed.
  const oursCount = pass(files, ours).count;
  const theirsCount = pass(files, theirs).count;
  const oursMs: number[] = [];
  const theirsMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so that neither side always runs on a hotter or colder machine.
    if (round % 2 === 0) {
      oursMs.push(pass(files, ours).ms);
      theirsMs.push(pass(files, theirs).ms);
    } else {
      theirsMs.push(pass(files, theirs).ms);
      oursMs.push(pass(files, ours).ms);
    }
  }
  const oursMedian = median(oursMs);
  const theirsMedian = median(theirsMs);
  const ratio = oursMedian / theirsMedian;
  const perFile = (ms: number): string => `${((ms * 1000) / files.length).toFixed(0)} µs/file`;
  process.stdout.write(
    `corpus: ${files.length} generated Dockerfiles, ${lines} lines (${(lines / files.length).toFixed(0)} per file), median of ${ROUNDS} rounds\n` +
      `  ecr-lint lint():             ${oursMedian.toFixed(0).padStart(6)} ms  (${perFile(oursMedian)}, ${oursCount} findings)\n` +
      `  dockerfile-utils validate(): ${theirsMedian.toFixed(0).padStart(6)} ms  (${perFile(theirsMedian)}, ${theirsCount} diagnostics)\n` +
      `  ratio lint/validate: ${(ratio * 100).toFixed(0)}%  (goal <= 60%: ${ratio <= 0.6 ? 'met' : 'NOT met'})\n`,
  );
  return { ratio };
}

function keystrokeBench(): { medianMs: number } {
  const [base] = generateCorpus(1, { seed: 3001, lines: 302 });
  const lines = base!.split('\n');
  // Each keystroke types one character into a line near the middle, as a user editing a RUN would.
  const target = Math.floor(lines.length / 2);
  const edited = (i: number): string =>
    lines.map((line, index) => (index === target ? `${line}${'abcdefghij'[i % 10]!}` : line)).join('\n');
  const texts = Array.from({ length: KEYSTROKES }, (_, i) => edited(i));
  for (let i = 0; i < 50; i++) {
    lint(texts[i % texts.length]!, { today: TODAY }); // warm-up
  }
  const samples = texts.map((text) => {
    const started = performance.now();
    lint(text, { today: TODAY });
    return performance.now() - started;
  });
  const medianMs = median(samples);
  process.stdout.write(
    `keystroke: re-lint of a ${lines.length - 1}-line Dockerfile after a one-character edit, ${samples.length} runs\n` +
      `  median ${medianMs.toFixed(2)} ms, p90 ${percentile(samples, 90).toFixed(2)} ms, max ${Math.max(...samples).toFixed(2)} ms` +
      `  (goal median < 5 ms: ${medianMs < 5 ? 'met' : 'NOT met'})\n`,
  );
  return { medianMs };
}

process.stdout.write(`lint benchmark (Node ${process.version})\n`);
corpusBench();
keystrokeBench();
