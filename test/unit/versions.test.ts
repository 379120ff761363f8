// The version orderings ecr-local's scanner matches vulnerability ranges with. Debian's is
// checked against dpkg itself (this is a Debian machine), the others against known orderings.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fc from 'fast-check';
import { compareApkVersions, isApkVersion } from '../ecr-local/scanner/versions/apkVersion';
import { compareDpkgVersions, parseDpkgVersion } from '../ecr-local/scanner/versions/dpkgVersion';
import { inRange, VERSION_SCHEMES } from '../ecr-local/scanner/versions/schemes';

/** Asserts that each version sorts strictly before the next, in both directions. */
function assertAscending(compare: (a: string, b: string) => number, versions: readonly string[]): void {
  for (let index = 1; index < versions.length; index += 1) {
    const lower = versions[index - 1]!;
    const higher = versions[index]!;
    assert.ok(compare(lower, higher) < 0, `${lower} < ${higher}`);
    assert.ok(compare(higher, lower) > 0, `${higher} > ${lower}`);
  }
}

describe('Debian version ordering', () => {
  it('orders epochs, tildes, letters and revisions as dpkg does', () => {
    assertAscending(compareDpkgVersions, [
      '1.0~~',
      '1.0~~a',
      '1.0~',
      '1.0~rc1',
      '1.0',
      '1.0-1',
      '1.0-1+deb11u1',
      '1.0-1.1',
      '1.0a',
      '1.0+dfsg',
      '1.0.1',
      '1.10',
      '2:0.1',
    ]);
    assert.ok(compareDpkgVersions('1:1.2.11.dfsg-2+deb11u1', '1.2.13') > 0, 'epoch 1 beats any version without one');
    assert.ok(compareDpkgVersions('5.6.1+really5.4.5-1', '5.6.1-1') > 0, '+really rolls back upwards');
    assert.ok(compareDpkgVersions('3.0.13-1~deb12u1', '3.0.13-1') < 0, 'a backport sorts below the version it backports');
    assert.ok(compareDpkgVersions('3.0.13-1~deb12u1', '3.0.11-1~deb12u2') > 0);
    assert.equal(compareDpkgVersions('0:1.0', '1.0'), 0, 'epoch 0 is the default');
    assert.equal(compareDpkgVersions('1.0-01', '1.0-1'), 0, 'leading zeros do not count');
    assert.equal(compareDpkgVersions('1.0', '1.0-0'), 0, 'a missing revision equals revision 0');
    assert.ok(compareDpkgVersions('1.123456789012345678901', '1.123456789012345678900') > 0, 'digit runs longer than 2^53');
  });

  it('explains what is wrong with a non-version', () => {
    const problem = (text: string): string => {
      const parsed = parseDpkgVersion(text);
      assert.equal(typeof parsed, 'string', `${text} should not parse`);
      return parsed as string;
    };
    assert.match(problem(''), /empty/);
    assert.match(problem('a:1.0'), /epoch/);
    assert.match(problem('abc'), /does not start with a digit/);
    assert.match(problem('1.0-'), /revision/);
    assert.deepEqual(parseDpkgVersion('1:2.0-3'), { epoch: 1, upstream: '2.0', revision: '3' });
    assert.throws(() => compareDpkgVersions('x', '1'), /Not a Debian version/);
  });

  it('agrees with dpkg --compare-versions on generated versions', function () {
    this.timeout(60_000);
    const part = fc.stringMatching(/^[0-9]{1,3}([.~+][0-9a-z]{1,3}){0,3}$/);
    const version = fc
      .tuple(fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }), part, fc.option(fc.stringMatching(/^[0-9][0-9a-z.~+]{0,5}$/), { nil: undefined }))
      .map(([epoch, upstream, revision]) => `${epoch === undefined ? '' : `${epoch}:`}${upstream}${revision === undefined ? '' : `-${revision}`}`);
    const pairs = fc.sample(fc.tuple(version, version), { numRuns: 200, seed: 20240501 });
    // One shell for all pairs: prints <, = or > per pair.
    const script = pairs
      .map(([a, b]) => `if dpkg --compare-versions '${a}' lt '${b}'; then echo '<'; elif dpkg --compare-versions '${a}' eq '${b}'; then echo '='; else echo '>'; fi`)
      .join('\n');
    const result = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    assert.equal(result.status, 0, `dpkg failed: ${result.stderr}`);
    const verdicts = result.stdout.trim().split('\n');
    assert.equal(verdicts.length, pairs.length);
    pairs.forEach(([a, b], index) => {
      const ours = Math.sign(compareDpkgVersions(a, b));
      assert.equal(['<', '=', '>'][ours + 1], verdicts[index], `${a} vs ${b}`);
    });
  });
});

describe('Alpine version ordering', () => {
  it('orders suffixes, letters and revisions as apk does', () => {
    assertAscending(compareApkVersions, [
      '0.1.0_alpha_pre2',
      '0.1.0_alpha',
      '0.1.0_alpha1',
      '0.1.0_beta',
      '0.1.0_pre1',
      '0.1.0_rc1',
      '0.1.0_rc2',
      '0.1.0',
      '0.1.0-r1',
      '0.1.0-r10',
      '0.1.0_git20230101',
      '0.1.0_p1',
      '0.1.0a',
      '0.1.0b',
      '0.1.0.1',
      '0.1.1',
      '1.01',
      '1.1',
      '1.36.1-r2',
      '1.36.10',
    ]);
    assert.equal(compareApkVersions('3.0.8-r0', '3.0.8-r0'), 0);
    assert.ok(compareApkVersions('1.2.12-r2', '1.2.12-r10') < 0, 'revisions compare as numbers');
  });

  it('refuses what is not an apk version', () => {
    assert.equal(isApkVersion('1.2.3-r1'), true);
    assert.equal(isApkVersion('v1.2'), false);
    assert.equal(isApkVersion('1.2_foo'), false);
    assert.equal(isApkVersion('1.2-r'), false);
    assert.throws(() => compareApkVersions('1..2', '1'), /Not an apk version/);
  });

  it('is a total order on generated versions (antisymmetric and transitive)', () => {
    const version = fc.stringMatching(/^[0-9]{1,2}(\.[0-9]{1,2}){0,2}[a-c]?(_(alpha|beta|rc|p)[0-9]?)?(-r[0-9])?$/);
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        assert.equal(Math.sign(compareApkVersions(a, b)) + Math.sign(compareApkVersions(b, a)), 0, `${a} vs ${b}`);
        if (compareApkVersions(a, b) <= 0 && compareApkVersions(b, c) <= 0) {
          assert.ok(compareApkVersions(a, c) <= 0, `${a} <= ${b} <= ${c}`);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('npm and PEP 440 orderings and affected ranges', () => {
  it('uses semver for npm, with pre-releases below their release', () => {
    const npm = VERSION_SCHEMES.npm;
    assertAscending(npm.compare, ['1.2.5', '1.2.6-beta.1', '1.2.6', '1.10.0']);
    assert.equal(npm.valid('4.17.21'), true);
    assert.equal(npm.valid('4.17'), false);
  });

  it('uses PEP 440 for pip: dev < pre < release < post, trailing zeros ignored', () => {
    const pip = VERSION_SCHEMES.pypi;
    assertAscending(pip.compare, ['2.31.0.dev1', '2.31.0a1', '2.31.0rc1', '2.31.0', '2.31.0.post1', '2.31.1', '2.32']);
    assert.equal(pip.compare('2.31', '2.31.0'), 0);
    assert.equal(pip.compare('1!1.0', '2.0'), 1, 'epochs win');
    assert.equal(pip.valid('not a version'), false);
  });

  it('decides membership of [introduced, fixed) and [introduced, lastAffected]', () => {
    const debian = VERSION_SCHEMES.debian;
    const range = { introduced: '5.5.1alpha-0.1', fixed: '5.6.1+really5.4.5-1' };
    assert.equal(inRange(debian, '5.6.0-0.2', range), true);
    assert.equal(inRange(debian, '5.6.1-1', range), true);
    assert.equal(inRange(debian, '5.4.1-0.2', range), false, 'before introduced');
    assert.equal(inRange(debian, '5.6.1+really5.4.5-1', range), false, 'the fixed version itself');
    assert.equal(inRange(VERSION_SCHEMES.npm, '0.0.1', { introduced: '0' }), true, 'no fix known: all affected');
    assert.equal(inRange(VERSION_SCHEMES.npm, '1.2.4', { introduced: '1.0.0', lastAffected: '1.2.4' }), true);
    assert.equal(inRange(VERSION_SCHEMES.npm, '1.2.5', { introduced: '1.0.0', lastAffected: '1.2.4' }), false);
  });
});
