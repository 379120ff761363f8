// Normalising DescribeImageScanFindings (basic and enhanced) and Inspector2 ListFindings answers,
// in the JSON shapes the services send (parsed the way the SDK hands them over), into ScanFindings.
import * as assert from 'node:assert/strict';
import type { EnhancedImageScanFinding, ImageScanFinding } from '@aws-sdk/client-ecr';
import type { Finding as InspectorFinding } from '@aws-sdk/client-inspector2';
import { enrich, fromBasicFinding, fromEnhancedFinding, indexInspectorFindings, toSeverity } from '../../../src/ecr/scanNormalize';

const BASIC: ImageScanFinding[] = [
  {
    name: 'CVE-2023-4911',
    description: 'A buffer overflow was discovered in the GNU C Library\'s dynamic loader ld.so.',
    uri: 'https://security-tracker.debian.org/tracker/CVE-2023-4911',
    severity: 'HIGH',
    attributes: [
      { key: 'package_version', value: '2.36-9+deb12u1' },
      { key: 'package_name', value: 'glibc' },
      { key: 'CVSS2_VECTOR', value: 'AV:L/AC:L/Au:N/C:C/I:C/A:C' },
      { key: 'CVSS2_SCORE', value: '7.2' },
    ],
  },
  { name: 'CVE-2011-3374', uri: 'https://security-tracker.debian.org/tracker/CVE-2011-3374', severity: 'UNDEFINED', attributes: [{ key: 'package_name', value: 'apt' }] },
];

const ENHANCED: EnhancedImageScanFinding = {
  awsAccountId: '123456789012',
  description: 'Issue summary: Processing a maliciously formatted PKCS12 file may lead OpenSSL to crash.',
  findingArn: 'arn:aws:inspector2:eu-west-1:123456789012:finding/0123456789abcdef0123456789abcdef',
  packageVulnerabilityDetails: {
    cvss: [
      { baseScore: 5.0, scoringVector: 'AV:N/AC:L/Au:N/C:N/I:N/A:P', source: 'NVD', version: '2.0' },
      { baseScore: 5.5, scoringVector: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H', source: 'NVD', version: '3.1' },
    ],
    source: 'REDHAT_CVE',
    sourceUrl: 'https://access.redhat.com/security/cve/CVE-2024-0727',
    vulnerabilityId: 'CVE-2024-0727',
    vulnerablePackages: [
      { arch: 'X86_64', epoch: 1, name: 'openssl', packageManager: 'OS', release: '24.el9', version: '3.0.7', fixedInVersion: '1:3.0.7-27.el9', sourceLayerHash: 'sha256:aaa', filePath: undefined },
      { arch: 'X86_64', epoch: 1, name: 'openssl-libs', packageManager: 'OS', release: '24.el9', version: '3.0.7', fixedInVersion: '1:3.0.7-27.el9', sourceLayerHash: 'sha256:aaa' },
    ],
  },
  remediation: { recommendation: { text: 'None Provided', url: 'https://access.redhat.com/errata/RHSA-2024:2447' } },
  score: 5.5,
  severity: 'MEDIUM',
  status: 'ACTIVE',
  title: 'CVE-2024-0727 - openssl, openssl-libs',
  type: 'PACKAGE_VULNERABILITY',
  fixAvailable: 'YES',
  exploitAvailable: 'NO',
};

const NPM_UNTRIAGED: EnhancedImageScanFinding = {
  packageVulnerabilityDetails: {
    vulnerabilityId: 'GHSA-xxxx-yyyy-zzzz',
    vulnerablePackages: [{ name: 'semver', version: '7.5.1', packageManager: 'NODEPKG', filePath: 'app/node_modules/semver/package.json', fixedInVersion: 'NotAvailable' }],
  },
  severity: 'UNTRIAGED',
  fixAvailable: 'NO',
};

describe('scan finding normalisation', () => {
  it('reads basic findings: package attributes, the CVSS score, the advisory link', () => {
    const [glibc, apt] = BASIC.map(fromBasicFinding);
    assert.deepEqual(glibc, {
      id: 'CVE-2023-4911',
      severity: 'HIGH',
      description: "A buffer overflow was discovered in the GNU C Library's dynamic loader ld.so.",
      url: 'https://security-tracker.debian.org/tracker/CVE-2023-4911',
      packageName: 'glibc',
      installedVersion: '2.36-9+deb12u1',
      packageManager: 'OS',
      cvssScore: 7.2,
    });
    assert.deepEqual(apt, { id: 'CVE-2011-3374', severity: 'UNDEFINED', url: 'https://security-tracker.debian.org/tracker/CVE-2011-3374', packageName: 'apt', packageManager: 'OS' });
  });

  it('turns one enhanced finding with two vulnerable packages into two findings, rpm versions joined as rpm prints them', () => {
    const findings = fromEnhancedFinding(ENHANCED);
    assert.equal(findings.length, 2);
    assert.deepEqual(findings[0], {
      id: 'CVE-2024-0727',
      severity: 'MEDIUM',
      title: 'CVE-2024-0727 - openssl, openssl-libs',
      description: 'Issue summary: Processing a maliciously formatted PKCS12 file may lead OpenSSL to crash.',
      cvssScore: 5.5,
      exploitAvailable: false,
      fixAvailable: 'YES',
      url: 'https://access.redhat.com/security/cve/CVE-2024-0727',
      inspectorScore: 5.5,
      remediation: 'None Provided',
      packageName: 'openssl',
      installedVersion: '1:3.0.7-24.el9',
      fixedVersion: '1:3.0.7-27.el9',
      packageManager: 'OS',
      sourceLayerHash: 'sha256:aaa',
    });
    assert.equal(findings[1]?.packageName, 'openssl-libs');
  });

  it('reads UNTRIAGED as UNDEFINED and "NotAvailable" as no fixed version', () => {
    const [semver] = fromEnhancedFinding(NPM_UNTRIAGED);
    assert.equal(semver?.severity, 'UNDEFINED');
    assert.equal(semver?.fixedVersion, undefined);
    assert.equal(semver?.fixAvailable, 'NO');
    assert.equal(semver?.filePath, 'app/node_modules/semver/package.json');
    assert.equal(toSeverity('critical'), 'CRITICAL');
    assert.equal(toSeverity(undefined), 'UNDEFINED');
  });

  it('adds EPSS, the Inspector score and exploit availability from Inspector2, matched by id and package', () => {
    const inspector: InspectorFinding[] = [
      {
        findingArn: 'arn:1',
        awsAccountId: '123456789012',
        type: 'PACKAGE_VULNERABILITY',
        description: '',
        severity: 'MEDIUM',
        status: 'ACTIVE',
        firstObservedAt: new Date(0),
        lastObservedAt: new Date(0),
        remediation: {},
        resources: [],
        inspectorScore: 4.4,
        epss: { score: 0.00042 },
        exploitAvailable: 'YES',
        packageVulnerabilityDetails: { vulnerabilityId: 'CVE-2024-0727', source: 'REDHAT_CVE', vulnerablePackages: [{ name: 'openssl-libs', version: '3.0.7' }] },
      },
    ];
    const index = indexInspectorFindings(inspector);
    const [openssl, libs] = fromEnhancedFinding(ENHANCED).map((finding) => enrich(finding, index));
    assert.equal(openssl?.epssScore, undefined, 'Inspector did not report this package');
    assert.equal(openssl?.inspectorScore, 5.5);
    assert.equal(libs?.epssScore, 0.00042);
    assert.equal(libs?.inspectorScore, 4.4);
    assert.equal(libs?.exploitAvailable, true);
  });
});
