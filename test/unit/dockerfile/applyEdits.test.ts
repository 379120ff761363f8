// applyEdits: the helper the tests (and the CLI) use to apply a fix's TextEdits to a string.
import * as assert from 'node:assert/strict';
import { applyEdits, lineStarts, withPromptValue } from '../../../src/dockerfile/applyEdits';

const at = (line: number, character: number) => ({ line, character });

describe('applyEdits', () => {
  it('applies several edits against the original positions, whatever their order', () => {
    const text = 'FROM a\nRUN b\nCMD c\n';
    const result = applyEdits(text, [
      { range: { start: at(2, 4), end: at(2, 5) }, newText: 'z' },
      { range: { start: at(0, 5), end: at(0, 6) }, newText: 'x:1' },
      { range: { start: at(1, 0), end: at(1, 0) }, newText: '# hi\n' },
    ]);
    assert.equal(result, 'FROM x:1\n# hi\nRUN b\nCMD z\n');
  });

  it('understands \\r\\n and \\r line ends and clamps positions past the end of a line or the text', () => {
    assert.deepEqual(lineStarts('a\r\nb\rc\nd'), [0, 3, 5, 7]);
    assert.equal(applyEdits('ab\r\ncd', [{ range: { start: at(0, 9), end: at(1, 1) }, newText: '-' }]), 'ab-d');
    assert.equal(applyEdits('ab', [{ range: { start: at(5, 0), end: at(6, 0) }, newText: '!' }]), 'ab!');
  });

  it('keeps two insertions at the same place in the order given, and refuses overlaps', () => {
    assert.equal(applyEdits('ab', [{ range: { start: at(0, 1), end: at(0, 1) }, newText: '1' }, { range: { start: at(0, 1), end: at(0, 1) }, newText: '2' }]), 'a12b');
    assert.throws(() => applyEdits('abcd', [{ range: { start: at(0, 0), end: at(0, 3) }, newText: '' }, { range: { start: at(0, 2), end: at(0, 4) }, newText: '' }]), /Overlapping/);
  });

  it('fills a prompted value into every placeholder', () => {
    const edits = withPromptValue([{ range: { start: at(0, 0), end: at(0, 0) }, newText: 'USER ${value} # ${value}' }], 'app');
    assert.equal(edits[0]?.newText, 'USER app # app');
  });
});
