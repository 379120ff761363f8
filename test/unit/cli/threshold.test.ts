import * as assert from 'node:assert/strict';
import { FAILURE_THRESHOLDS, reachesThreshold } from '../../../src/cli/threshold';
import type { Severity } from '../../../src/lint/types';

describe('failure threshold', () => {
  const severities: Severity[] = ['error', 'warning', 'info', 'style'];
  // Rows: threshold; columns: which severities fail the run.
  const expected: Record<(typeof FAILURE_THRESHOLDS)[number], Severity[]> = {
    error: ['error'],
    warning: ['error', 'warning'],
    info: ['error', 'warning', 'info'],
    style: ['error', 'warning', 'info', 'style'],
    none: [],
  };
  for (const threshold of FAILURE_THRESHOLDS) {
    it(`${threshold} fails on ${expected[threshold].join(', ') || 'nothing'}`, () => {
      assert.deepEqual(
        severities.filter((severity) => reachesThreshold(severity, threshold)),
        expected[threshold],
      );
    });
  }
});
