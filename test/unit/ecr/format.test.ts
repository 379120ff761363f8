import * as assert from 'node:assert/strict';
import { formatBytes, formatRelativeTime, formatUsd, shortDigest } from '../../../src/ecr/format';

describe('ECR formats', () => {
  describe('formatBytes', () => {
    const cases: Array<[number, string]> = [
      [0, '0 B'],
      [512, '512 B'],
      [1023, '1,023 B'],
      [1024, '1 KB'],
      [1536, '1.5 KB'],
      [10 * 1024 * 1024, '10 MB'],
      [1.2 * 1024 ** 3, '1.2 GB'],
      [123.4 * 1024 ** 3, '123 GB'],
      [2 * 1024 ** 4, '2 TB'],
      [1024 * 1024 - 1, '1 MB'],
    ];
    for (const [bytes, expected] of cases) {
      it(`${bytes} bytes is "${expected}"`, () => {
        assert.equal(formatBytes(bytes), expected);
      });
    }
    it('follows the locale for decimals and unit names', () => {
      assert.equal(formatBytes(1.5 * 1024 ** 3, 'de').replace(/\s/g, ' '), '1,5 GB');
      assert.equal(formatBytes(512, 'fr').replace(/\s/g, ' '), '512 o');
    });
    it('shows "?" for sizes that are not sizes', () => {
      assert.equal(formatBytes(-1), '?');
      assert.equal(formatBytes(Number.NaN), '?');
    });
  });

  describe('formatRelativeTime', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
    it('says "just now" under a minute', () => {
      assert.equal(formatRelativeTime(ago(30), now), 'just now');
      assert.equal(formatRelativeTime(ago(-30), now), 'just now');
    });
    it('picks the largest whole unit', () => {
      assert.equal(formatRelativeTime(ago(5 * 60), now), '5 minutes ago');
      assert.equal(formatRelativeTime(ago(3 * 3600), now), '3 hours ago');
      assert.equal(formatRelativeTime(ago(24 * 3600), now), 'yesterday');
      assert.equal(formatRelativeTime(ago(3 * 24 * 3600), now), '3 days ago');
      assert.equal(formatRelativeTime(ago(15 * 24 * 3600), now), '2 weeks ago');
      assert.equal(formatRelativeTime(ago(65 * 24 * 3600), now), '2 months ago');
      assert.equal(formatRelativeTime(ago(800 * 24 * 3600), now), '2 years ago');
      assert.equal(formatRelativeTime(ago(-2 * 3600), now), 'in 2 hours');
    });
    it('translates with the locale', () => {
      assert.equal(formatRelativeTime(ago(3 * 24 * 3600), now, 'de'), 'vor 3 Tagen');
      assert.equal(formatRelativeTime(ago(10), now, 'fr'), 'maintenant');
    });
    it('shows "?" for an invalid date', () => {
      assert.equal(formatRelativeTime(new Date(Number.NaN), now), '?');
    });
  });

  describe('formatUsd', () => {
    it('formats dollars and cents', () => {
      assert.equal(formatUsd(0.12), '$0.12');
      assert.equal(formatUsd(1234.5), '$1,234.50');
      assert.equal(formatUsd(0), '$0.00');
    });
    it('says "<$0.01" for a positive amount under a cent', () => {
      assert.equal(formatUsd(0.0004), '<$0.01');
    });
    it('follows the locale', () => {
      assert.equal(formatUsd(0.12, 'de').replace(/\s/g, ' '), '0,12 $');
    });
  });

  describe('shortDigest', () => {
    it('keeps the algorithm and 12 hex digits', () => {
      assert.equal(shortDigest(`sha256:0123456789ab${'c'.repeat(52)}`), 'sha256:0123456789ab');
    });
    it('returns anything else unchanged', () => {
      assert.equal(shortDigest('not-a-digest'), 'not-a-digest');
      assert.equal(shortDigest('sha256:abc'), 'sha256:abc');
    });
  });
});
