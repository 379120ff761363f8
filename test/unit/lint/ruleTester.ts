// A small RuleTester in the spirit of ESLint's: each rule gets a table of valid snippets (no
// finding of that rule) and invalid ones, where «…» marks each expected finding's range, with
// the message matched loosely and, for fixes, the text after applying the fix.
import * as assert from 'node:assert/strict';
import { applyEdits, withPromptValue } from '../../../src/dockerfile/applyEdits';
import { lint } from '../../../src/lint/engine';
import type { Finding, LintOptions, Range } from '../../../src/lint/types';

export const TODAY = new Date('2026-11-26T12:00:00Z');

export interface InvalidCase {
  /** The Dockerfile with «» around every expected range of this rule. */
  readonly code: string;
  /** Matched against each finding's message, in order (one pattern for all when shorter). */
  readonly messages?: readonly RegExp[];
  readonly aliases?: readonly (readonly string[])[];
  readonly severity?: string;
  readonly options?: LintOptions;
  /** Text after applying fix number `fix` (default 0) of finding number `finding` (default 0). */
  readonly output?: string;
  readonly fix?: number;
  readonly finding?: number;
  /** The value typed into a fix's prompt. */
  readonly value?: string;
  readonly fixTitle?: RegExp;
}

export interface ValidCase {
  readonly code: string;
  readonly options?: LintOptions;
}

/** Strips «» markers and returns the ranges they enclosed. */
export function markers(marked: string): { text: string; ranges: Range[] } {
  let text = '';
  let line = 0;
  let character = 0;
  const ranges: Range[] = [];
  const open: Array<{ line: number; character: number }> = [];
  for (const c of marked) {
    if (c === '«') {
      open.push({ line, character });
      continue;
    }
    if (c === '»') {
      const start = open.pop();
      assert.ok(start, 'unbalanced » in test case');
      ranges.push({ start, end: { line, character } });
      continue;
    }
    text += c;
    if (c === '\n') {
      line++;
      character = 0;
    } else {
      character++;
    }
  }
  ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  return { text, ranges };
}

export function findingsOf(ruleId: string, text: string, options: LintOptions = {}): Finding[] {
  return lint(text, { today: TODAY, ...options }).filter((finding) => finding.ruleId === ruleId);
}

export function applyFix(text: string, finding: Finding, index = 0, value?: string): string {
  const fix = finding.fixes[index];
  assert.ok(fix, `finding has no fix #${index}: ${JSON.stringify(finding.fixes.map((f) => f.title))}`);
  const edits = fix.prompt ? withPromptValue(fix.edits, value ?? fix.prompt.suggestions[0] ?? 'x') : fix.edits;
  return applyEdits(text, edits);
}

function show(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

export function ruleTester(ruleId: string, cases: { valid: readonly (string | ValidCase)[]; invalid: readonly InvalidCase[] }): void {
  describe(`rule ${ruleId}`, () => {
    cases.valid.forEach((entry, index) => {
      const valid = typeof entry === 'string' ? { code: entry } : entry;
      it(`valid #${index + 1}`, () => {
        const found = findingsOf(ruleId, valid.code, valid.options);
        assert.deepEqual(found.map((finding) => `${show(finding.range)} ${finding.message}`), [], valid.code);
      });
    });
    cases.invalid.forEach((invalid, index) => {
      it(`invalid #${index + 1}`, () => {
        const { text, ranges } = markers(invalid.code);
        const found = findingsOf(ruleId, text, invalid.options);
        assert.deepEqual(found.map((finding) => show(finding.range)), ranges.map(show), `ranges in:\n${text}\n${found.map((f) => f.message).join('\n')}`);
        found.forEach((finding, i) => {
          const pattern = invalid.messages?.[i] ?? invalid.messages?.[invalid.messages.length - 1];
          if (pattern) {
            assert.match(finding.message, pattern);
          }
          const aliases = invalid.aliases?.[i];
          if (aliases) {
            assert.deepEqual([...finding.aliases], [...aliases]);
          }
          if (invalid.severity) {
            assert.equal(finding.severity, invalid.severity);
          }
        });
        if (invalid.output !== undefined) {
          const finding = found[invalid.finding ?? 0];
          assert.ok(finding, 'no finding to fix');
          const fix = finding.fixes[invalid.fix ?? 0];
          if (invalid.fixTitle && fix) {
            assert.match(fix.title, invalid.fixTitle);
          }
          const fixed = applyFix(text, finding, invalid.fix ?? 0, invalid.value);
          assert.equal(fixed, invalid.output);
          // The fix must actually cure this finding.
          const again = findingsOf(ruleId, fixed, invalid.options).filter((other) => other.message === finding.message && show(other.range) === show(finding.range));
          assert.deepEqual(again.map((f) => f.message), []);
        }
      });
    });
  });
}
