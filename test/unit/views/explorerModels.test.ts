import * as assert from 'node:assert/strict';
import type { Image } from '../../../src/ecr/model';
import { mfaCodeProblem, proxyFromSettings, regionsOfProfile, regionsSetting } from '../../../src/views/explorer/connectionsModel';
import { newestFirst, severityCounts, storageOfImages, summariseScan, worstSeverity } from '../../../src/views/explorer/imageModel';
import { statusBarSummary } from '../../../src/views/explorer/statusBarModel';

function image(digest: string, extra: Partial<Image> = {}): Image {
  return { repositoryName: 'r', digest, tags: [], isIndex: false, ...extra };
}

describe('image model', () => {
  it('lists severities most severe first and skips zero counts', () => {
    const scan = { status: 'COMPLETE', severityCounts: { LOW: 3, CRITICAL: 2, HIGH: 0, MEDIUM: 1 } };
    assert.deepEqual(severityCounts(scan), [
      { severity: 'CRITICAL', count: 2 },
      { severity: 'MEDIUM', count: 1 },
      { severity: 'LOW', count: 3 },
    ]);
    assert.equal(worstSeverity(scan), 'CRITICAL');
    assert.equal(worstSeverity(undefined), undefined);
  });

  it('summarises scan states', () => {
    assert.deepEqual(summariseScan(undefined), { kind: 'none' });
    assert.deepEqual(summariseScan({ status: 'COMPLETE', severityCounts: {} }), { kind: 'clean' });
    assert.deepEqual(summariseScan({ status: 'IN_PROGRESS', severityCounts: {} }), { kind: 'inProgress' });
    assert.deepEqual(summariseScan({ status: 'FAILED', severityCounts: {} }), { kind: 'failed' });
    assert.deepEqual(summariseScan({ status: 'WEIRD', severityCounts: {} }), { kind: 'other', status: 'WEIRD' });
    assert.equal(summariseScan({ status: 'COMPLETE', severityCounts: { HIGH: 1 } }).kind, 'findings');
  });

  it('counts storage without manifest lists', () => {
    const images = [image('a', { sizeBytes: 100 }), image('b', { sizeBytes: 50, isIndex: true }), image('c')];
    assert.deepEqual(storageOfImages(images), { bytes: 100, imageCount: 2 });
  });

  it('orders newest first, undated last', () => {
    const images = [image('a'), image('b', { pushedAt: new Date(1) }), image('c', { pushedAt: new Date(5) })];
    assert.deepEqual(newestFirst(images).map((i) => i.digest), ['c', 'b', 'a']);
  });
});

describe('status bar summary', () => {
  it('is short and says how many more there are', () => {
    assert.equal(statusBarSummary([], ['eu-west-1']), undefined);
    assert.equal(statusBarSummary(['default'], []), 'default');
    assert.equal(statusBarSummary(['default', 'prod'], ['eu-west-1', 'us-east-1', 'eu-west-1']), 'default, prod · eu-west-1 +1');
    assert.equal(statusBarSummary(['a', 'b', 'c'], ['eu-west-1']), 'a, b +1 · eu-west-1');
  });
});

describe('connections model', () => {
  it('reads the regions setting defensively', () => {
    assert.deepEqual(regionsSetting(undefined), {});
    assert.deepEqual(regionsSetting(['x']), {});
    assert.deepEqual(regionsSetting({ a: ['eu-west-1', 3, ' eu-west-1 ', ''], b: 'us-east-1' }), { a: ['eu-west-1'] });
  });

  it('prefers the setting, then the config region', () => {
    assert.deepEqual(regionsOfProfile('a', { a: ['us-east-1'] }, 'eu-west-1'), ['us-east-1']);
    assert.deepEqual(regionsOfProfile('a', { a: [] }, 'eu-west-1'), []);
    assert.deepEqual(regionsOfProfile('b', { a: ['us-east-1'] }, 'eu-west-1'), ['eu-west-1']);
    assert.deepEqual(regionsOfProfile('toString', {}, undefined), []);
  });

  it("turns VS Code's proxy settings into the core's options", () => {
    assert.equal(proxyFromSettings('', true, []), undefined);
    assert.equal(proxyFromSettings(undefined, true, []), undefined);
    assert.deepEqual(proxyFromSettings(' http://p:3128 ', undefined, ['localhost', 3, ' ']), {
      url: 'http://p:3128',
      strictSSL: true,
      noProxy: ['localhost'],
    });
    assert.deepEqual(proxyFromSettings('http://p', false, undefined), { url: 'http://p', strictSSL: false });
  });

  it('accepts exactly six digits as an MFA code', () => {
    assert.equal(mfaCodeProblem('123456'), undefined);
    assert.equal(mfaCodeProblem(' 123456 '), undefined);
    assert.equal(mfaCodeProblem(''), 'empty');
    assert.equal(mfaCodeProblem('12a456'), 'notDigits');
    assert.equal(mfaCodeProblem('12345'), 'length');
  });
});
