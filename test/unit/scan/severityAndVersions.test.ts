// Severity helpers (counts, worst, the failOnSeverity threshold, "1 CRITICAL, 2 HIGH"), version
// ordering for choosing the fix that covers several findings, and the base-tag fix.
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../../src/dockerfile/applyEdits';
import { fromTagFix } from '../../../src/scan/fromTagFix';
import { formatCounts, reachesSeverity, severityCounts, worstSeverity } from '../../../src/scan/severity';
import { compareVersions, highestVersion } from '../../../src/scan/versionOrder';
import { os } from './findingFixtures';

describe('scan severities', () => {
  const findings = [os('a', 'HIGH', 'x', '1'), os('b', 'LOW', 'y', '1'), os('c', 'HIGH', 'z', '1'), os('d', 'UNDEFINED', 'w', '1')];

  it('counts, finds the worst and formats worst first', () => {
    assert.deepEqual(severityCounts(findings), { HIGH: 2, LOW: 1, UNDEFINED: 1 });
    assert.equal(worstSeverity(findings), 'HIGH');
    assert.equal(worstSeverity([]), undefined);
    assert.equal(formatCounts(severityCounts(findings)), '2 HIGH, 1 LOW, 1 UNDEFINED');
    assert.equal(formatCounts({}), 'no findings');
    assert.equal(formatCounts({ CRITICAL: 0, MEDIUM: 3 }), '3 MEDIUM');
  });

  it('reaches a threshold at it or above', () => {
    const counts = severityCounts(findings);
    assert.equal(reachesSeverity(counts, 'CRITICAL'), false);
    assert.equal(reachesSeverity(counts, 'HIGH'), true);
    assert.equal(reachesSeverity(counts, 'MEDIUM'), true);
    assert.equal(reachesSeverity({ LOW: 1 }, 'MEDIUM'), false);
    assert.equal(reachesSeverity({ INFORMATIONAL: 1 }, 'INFORMATIONAL'), true);
    assert.equal(reachesSeverity({}, 'INFORMATIONAL'), false);
  });
});

describe('version order', () => {
  it('orders dpkg, rpm, semver and PEP 440 release versions', () => {
    const ascending = ['1.0~rc1', '1.0', '1.0-1', '1.0.1', '1.2', '1.10', '2.0', '1:0.9'];
    for (let i = 0; i < ascending.length - 1; i++) {
      assert.ok(compareVersions(ascending[i] ?? '', ascending[i + 1] ?? '') < 0, `${ascending[i]} < ${ascending[i + 1]}`);
      assert.ok(compareVersions(ascending[i + 1] ?? '', ascending[i] ?? '') > 0);
    }
    assert.equal(compareVersions('3.0.13-1~deb12u1', '3.0.13-1~deb12u1'), 0);
    assert.ok(compareVersions('7.88.1-10+deb12u4', '7.88.1-10') > 0);
    assert.ok(compareVersions('1:3.0.7-27.el9', '1:3.0.7-24.el9') > 0);
    assert.equal(highestVersion(['3.0.13', '3.0.15', '3.0.9']), '3.0.15');
    assert.equal(highestVersion([]), undefined);
  });
});

describe('fromTagFix', () => {
  const text = [
    'ARG BASE=debian:12',
    'FROM 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/base:1.4@sha256:abc AS build',
    'FROM localhost:5000/app',
    'FROM ${BASE}',
    'FROM ${REGISTRY}/tools:${TOOLS_TAG} \\',
    '  AS tools',
    'FROM scratch',
    'RUN echo',
  ].join('\n');

  function fixed(line: number, tag: string): string | undefined {
    const fix = fromTagFix(text, line, tag);
    return fix ? applyEdits(text, fix.edits).split('\n')[fix.edits[0]?.range.start.line ?? -1] : undefined;
  }

  it('swaps the tag, keeping registry and repository and dropping a digest', () => {
    assert.equal(fixed(1, '1.5'), 'FROM 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/base:1.5 AS build');
    assert.equal(fromTagFix(text, 1, '1.5')?.title, 'Move the base image to 1.5');
    assert.equal(fixed(2, '2.0'), 'FROM localhost:5000/app:2.0', 'a registry port is not a tag');
    assert.equal(fixed(4, 'v2'), 'FROM ${REGISTRY}/tools:v2 \\', 'a continued FROM, the variable tag replaced');
    assert.equal(fixed(5, 'v2'), 'FROM ${REGISTRY}/tools:v2 \\', 'any line of the instruction');
  });

  it('refuses what it cannot do safely', () => {
    assert.equal(fromTagFix(text, 3, '13'), undefined, 'FROM ${BASE} may hold a tag itself');
    assert.equal(fromTagFix(text, 6, '1'), undefined, 'scratch has no tags');
    assert.equal(fromTagFix(text, 7, '1'), undefined, 'not a FROM line');
    assert.equal(fromTagFix(text, 1, 'bad tag'), undefined);
    assert.equal(fromTagFix(text, 1, '-x'), undefined);
    assert.equal(fromTagFix('', 0, '1'), undefined);
  });
});
