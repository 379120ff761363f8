import * as assert from 'node:assert/strict';
import type { Severity } from '../../../src/ecr/model';
import type { ImageScanResult } from '../../../src/scan/model';
import { countsText, imageLabel, presentationMessage, thresholdOf, thresholdSetting } from '../../../src/views/scan/presentationModel';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const image = { connection: { profile: 'dev', region: 'eu-west-1' }, repositoryName: 'team/app', imageDigest: DIGEST, tag: '1.2' };

function result(counts: Partial<Record<Severity, number>>): ImageScanResult {
  const findings = Object.entries(counts).flatMap(([severity, count]) =>
    Array.from({ length: count }, (_, index) => ({ id: `CVE-2024-${severity}${index}`, severity: severity as Severity })),
  );
  return { repositoryName: 'team/app', imageDigest: DIGEST, scanType: 'BASIC', status: 'COMPLETE', severityCounts: counts, findings };
}

// A stand-in for the scan core's reachesSeverity: at least one finding at or above the threshold.
const ORDER: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED'];
const reaches = (counts: Partial<Record<Severity, number>>, threshold: Severity) =>
  ORDER.slice(0, ORDER.indexOf(threshold) + 1).some((severity) => (counts[severity] ?? 0) > 0);

describe('scan presentation model', () => {
  it('names an image by repository, tag and short digest', () => {
    assert.equal(imageLabel(image), 'team/app:1.2 @sha256:abababababab');
    assert.equal(imageLabel({ ...image, tag: undefined }), 'team/app @sha256:abababababab');
  });

  it('counts most severe first and leaves zero counts out', () => {
    assert.equal(countsText({ LOW: 3, CRITICAL: 1, HIGH: 0 }), '1 CRITICAL, 3 LOW');
    assert.equal(countsText({}), 'no findings');
  });

  it('says where the diagnostics went, or how to get them', () => {
    const counts = { HIGH: 2 };
    assert.equal(
      presentationMessage(image, { outcome: 'complete' }, result(counts), { waitSeconds: 300, dockerfile: 'app/Dockerfile', lines: 1 }),
      'Scan of team/app:1.2 @sha256:abababababab (BASIC): 2 HIGH; 1 line of app/Dockerfile marked.',
    );
    assert.match(presentationMessage(image, { outcome: 'complete' }, result(counts), { waitSeconds: 300 }), /Show Findings on Dockerfile/);
    assert.equal(presentationMessage(image, { outcome: 'complete' }, result({}), { waitSeconds: 300 }), 'Scan of team/app:1.2 @sha256:abababababab (BASIC): no findings.');
  });

  it('explains every other outcome with what to do next', () => {
    assert.match(presentationMessage(image, { outcome: 'timeout', status: 'IN_PROGRESS' }, undefined, { waitSeconds: 42 }), /within 42 s.*it is IN_PROGRESS/);
    assert.match(presentationMessage(image, { outcome: 'failed', description: 'disk full' }, undefined, { waitSeconds: 1 }), /failed: disk full\.$/);
    assert.match(presentationMessage(image, { outcome: 'unsupported' }, undefined, { waitSeconds: 1 }), /UNSUPPORTED_IMAGE/);
    assert.match(presentationMessage(image, { outcome: 'not-scanned' }, undefined, { waitSeconds: 1 }), /Start Scan/);
    assert.match(presentationMessage(image, { outcome: 'cancelled' }, undefined, { waitSeconds: 1 }), /Stopped waiting/);
  });

  it('reads failOnSeverity: NONE and unknown values never fail', () => {
    assert.equal(thresholdSetting('NONE'), undefined);
    assert.equal(thresholdSetting('bogus'), undefined);
    assert.equal(thresholdSetting(3), undefined);
    assert.equal(thresholdSetting('HIGH'), 'HIGH');
    assert.equal(thresholdOf('NONE', reaches).reached({ CRITICAL: 5 }), false);
    assert.equal(thresholdOf('HIGH', reaches).reached({ CRITICAL: 1 }), true);
    assert.equal(thresholdOf('HIGH', reaches).reached({ MEDIUM: 4 }), false);
  });
});
