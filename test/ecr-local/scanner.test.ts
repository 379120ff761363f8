// The scanner on images built in the test: real gzip tar layers holding dpkg, apk, npm and pip
// databases, stacked with whiteouts, matched against the real feed file.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { ScanOutcome, Vulnerability } from './contracts';
import { MEDIA_TYPES } from './registry/manifests';
import { loadFeed, parseFeed } from './scanner/feed';
import { createImageScanner, type ImageSource } from './scanner/imageScanner';
import { buildImage, buildIndex, buildLayer, sha256, type BuiltImage, type Layer } from './seed/imageBuilder';

/** An in-memory registry that serves blobs in small chunks, as a socket would. */
class MemorySource implements ImageSource {
  readonly manifests = new Map<string, { body: string; mediaType: string }>();
  readonly blobs = new Map<string, Buffer>();

  addImage(image: BuiltImage): string {
    this.manifests.set(image.digest, { body: image.manifest.toString(), mediaType: image.mediaType });
    this.blobs.set(image.config.digest, image.config.content);
    for (const layer of image.layers) {
      this.blobs.set(layer.digest, layer.content);
    }
    return image.digest;
  }

  readManifest(_path: string, reference: string): Promise<{ body: string; mediaType: string } | undefined> {
    return Promise.resolve(this.manifests.get(reference));
  }

  openBlob(_path: string, digest: string): Promise<Readable> {
    const blob = this.blobs.get(digest);
    if (!blob) {
      return Promise.reject(new Error(`blob ${digest} unknown`));
    }
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < blob.length; offset += 1000) {
      chunks.push(blob.subarray(offset, offset + 1000));
    }
    return Promise.resolve(Readable.from(chunks));
  }
}

const dpkgStanza = (name: string, version: string, extra: Record<string, string> = {}): string =>
  Object.entries({ Package: name, Status: 'install ok installed', Priority: 'optional', Architecture: 'amd64', Version: version, ...extra, Description: `${name}\n some package` })
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');

const DPKG_STATUS = [
  dpkgStanza('libssl3', '3.0.7-1', { Source: 'openssl' }),
  dpkgStanza('zlib1g', '1:1.2.11.dfsg-2+deb11u1', { Source: 'zlib' }),
  dpkgStanza('curl', '7.88.1-10+deb12u3'),
  dpkgStanza('libcurl4', '7.88.1-10+deb12u3', { Source: 'curl' }),
  dpkgStanza('liblzma5', '5.6.0-0.2', { Source: 'xz-utils' }),
  // Removed but its configuration kept: not installed, so not reported.
  dpkgStanza('libc6', '2.36-9+deb12u1', { Source: 'glibc', Status: 'deinstall ok config-files' }),
  dpkgStanza('bash', '5.2.15-2+b2'),
].join('\n\n');

async function scan(source: MemorySource, digest: string): Promise<ScanOutcome> {
  return createImageScanner(source).scan('eu-west-1', 'team-a/api', digest);
}

const ids = (outcome: ScanOutcome, packageName?: string): string[] =>
  outcome.vulnerabilities
    .filter((vulnerability) => packageName === undefined || vulnerability.package.name === packageName)
    .map((vulnerability) => vulnerability.vulnerabilityId)
    .sort();

const find = (outcome: ScanOutcome, id: string, packageName: string): Vulnerability => {
  const found = outcome.vulnerabilities.find((vulnerability) => vulnerability.vulnerabilityId === id && vulnerability.package.name === packageName);
  assert.ok(found, `${id} in ${packageName}; found ${JSON.stringify(ids(outcome))}`);
  return found;
};

describe('ecr-local scanner', () => {
  it('finds the vulnerable Debian packages of a dpkg status file, with file and layer', async () => {
    const source = new MemorySource();
    const base = await buildLayer([{ path: 'etc/debian_version', content: '12.1\n' }, { path: 'var/lib/dpkg/status', content: DPKG_STATUS }]);
    const digest = source.addImage(buildImage({ layers: [base] }));
    const outcome = await scan(source, digest);

    assert.equal(outcome.status, 'COMPLETE');
    assert.equal(outcome.description, 'The scan was completed successfully.');
    assert.deepEqual(
      outcome.packages.map((found) => `${found.name} ${found.version}`),
      ['libssl3 3.0.7-1', 'zlib1g 1:1.2.11.dfsg-2+deb11u1', 'curl 7.88.1-10+deb12u3', 'libcurl4 7.88.1-10+deb12u3', 'liblzma5 5.6.0-0.2', 'bash 5.2.15-2+b2'],
    );
    assert.deepEqual(ids(outcome, 'libssl3'), ['CVE-2023-0286', 'CVE-2023-5678', 'CVE-2024-0727'], 'not CVE-2022-2097: fixed in 3.0.5');
    // deb11u1 is the fix of CVE-2018-25032, and older than the fix of CVE-2022-37434.
    assert.deepEqual(ids(outcome, 'zlib1g'), ['CVE-2022-37434']);
    assert.deepEqual(ids(outcome, 'curl'), ['CVE-2023-38545', 'CVE-2023-38546']);
    assert.deepEqual(ids(outcome, 'liblzma5'), ['CVE-2024-3094']);
    assert.deepEqual(ids(outcome, 'libc6'), [], 'a package that is not installed is not reported');

    const openssl = find(outcome, 'CVE-2023-0286', 'libssl3');
    assert.equal(openssl.severity, 'HIGH');
    assert.equal(openssl.score, 7.4);
    assert.equal(openssl.fixedInVersion, '3.0.8-1');
    assert.equal(openssl.sourceUrl, 'https://nvd.nist.gov/vuln/detail/CVE-2023-0286');
    assert.deepEqual(openssl.package, { name: 'libssl3', version: '3.0.7-1', packageManager: 'OS', filePath: 'var/lib/dpkg/status', sourceLayerHash: base.digest });
    assert.equal(find(outcome, 'CVE-2024-3094', 'liblzma5').fixedInVersion, '5.6.1+really5.4.5-1');
    assert.equal(outcome.vulnerabilitySourceUpdatedAt.toISOString(), '2025-05-01T00:00:00.000Z');
  });

  it('reads the upper layer\'s copy of a file and attributes it to that layer', async () => {
    const source = new MemorySource();
    const base = await buildLayer([{ path: 'var/lib/dpkg/status', content: DPKG_STATUS }]);
    const upgraded = DPKG_STATUS.replace('Version: 3.0.7-1', 'Version: 3.0.13-1~deb12u1');
    const upgrade = await buildLayer([{ path: './var/lib/dpkg/status', content: upgraded }]);
    const outcome = await scan(source, source.addImage(buildImage({ layers: [base, upgrade] })));
    assert.deepEqual(ids(outcome, 'libssl3'), [], 'openssl was upgraded past every fix in the feed');
    assert.equal(find(outcome, 'CVE-2022-37434', 'zlib1g').package.sourceLayerHash, upgrade.digest);
  });

  it('applies whiteouts and opaque directories of upper layers, in order', async () => {
    const source = new MemorySource();
    const lock = (version: string): string =>
      JSON.stringify({ name: 'web', lockfileVersion: 3, packages: { '': { name: 'web' }, 'node_modules/lodash': { version } } });
    const lower = await buildLayer([
      { path: 'app/package-lock.json', content: lock('4.17.20') },
      { path: 'srv/requirements.txt', content: 'requests==2.25.0\n' },
      { path: 'opt/tool/package-lock.json', content: lock('4.17.11') },
    ]);
    const upper = await buildLayer([
      { path: 'app/.wh.package-lock.json' },
      { path: 'srv/.wh..wh..opq' },
      // The opaque marker hides the lower layer only: this layer's own file stays.
      { path: 'srv/requirements.txt', content: 'urllib3==1.26.18\n' },
      { path: 'opt/.wh.tool' },
    ]);
    const outcome = await scan(source, source.addImage(buildImage({ layers: [lower, upper] })));
    assert.deepEqual(outcome.packages.map((found) => `${found.filePath} ${found.name}`), ['srv/requirements.txt urllib3']);
    assert.deepEqual(ids(outcome), ['CVE-2024-37891']);
    assert.equal(outcome.vulnerabilities[0]?.package.sourceLayerHash, upper.digest);
  });

  it('matches npm lockfiles v1 to v3 with semver ranges, nested installs included', async () => {
    const source = new MemorySource();
    const v3 = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { name: 'api', version: '1.0.0' },
        'node_modules/minimist': { version: '1.2.5' },
        'node_modules/mkdirp/node_modules/minimist': { version: '0.0.8' },
        'node_modules/qs': { version: '6.9.6' },
        'node_modules/qs-next': { version: '6.9.6' },
        'node_modules/semver': { version: '7.5.4' },
        'node_modules/local': { link: true },
      },
    });
    const v1 = JSON.stringify({ lockfileVersion: 1, dependencies: { lodash: { version: '4.17.15', dependencies: { braces: { version: '2.3.2' } } } } });
    const layer = await buildLayer([
      { path: 'srv/api/package-lock.json', content: v3 },
      { path: 'srv/legacy/package-lock.json', content: v1 },
      { path: 'srv/api/node_modules/x/package-lock.json', content: v1 },
    ]);
    const outcome = await scan(source, source.addImage(buildImage({ layers: [layer] })));
    const summary = outcome.vulnerabilities.map((v) => `${v.package.filePath} ${v.package.name}@${v.package.version} ${v.vulnerabilityId} fixed ${v.fixedInVersion}`).sort();
    assert.deepEqual(summary, [
      'srv/api/package-lock.json minimist@0.0.8 CVE-2020-7598 fixed 0.2.1',
      'srv/api/package-lock.json minimist@0.0.8 CVE-2021-44906 fixed 0.2.4',
      'srv/api/package-lock.json minimist@1.2.5 CVE-2021-44906 fixed 1.2.6',
      'srv/api/package-lock.json qs@6.9.6 CVE-2022-24999 fixed 6.9.7',
      'srv/legacy/package-lock.json braces@2.3.2 CVE-2024-4068 fixed 3.0.3',
      'srv/legacy/package-lock.json lodash@4.17.15 CVE-2021-23337 fixed 4.17.21',
    ]);
    assert.ok(outcome.vulnerabilities.every((v) => v.package.packageManager === 'NPM'));
  });

  it('matches pinned requirements.txt entries with PEP 440 and notes unpinned ones', async () => {
    const source = new MemorySource();
    const requirements = [
      '# production pins',
      'Requests==2.28.1  # HTTP',
      'urllib3[secure]==2.0.5 ; python_version >= "3.8" \\',
      '    --hash=sha256:abc',
      'setuptools===65.5.1',
      'pip==23.2.1 --hash=sha256:0123',
      'Django>=4.2',
      '-r base.txt',
    ].join('\n');
    const layer = await buildLayer([{ path: 'app/requirements.txt', content: requirements }]);
    const outcome = await scan(source, source.addImage(buildImage({ layers: [layer] })));
    assert.deepEqual(ids(outcome, 'requests'), ['CVE-2023-32681', 'CVE-2024-35195']);
    assert.deepEqual(ids(outcome, 'urllib3'), ['CVE-2023-43804', 'CVE-2023-45803', 'CVE-2024-37891']);
    assert.deepEqual(ids(outcome, 'setuptools'), [], '65.5.1 is the fix');
    assert.deepEqual(ids(outcome, 'pip'), ['CVE-2023-5752']);
    assert.equal(find(outcome, 'CVE-2023-5752', 'pip').severity, 'LOW');
    assert.match(outcome.description, /app\/requirements\.txt:7: "Django>=4\.2" is not pinned/);
  });

  it('reads Alpine\'s apk database, matching subpackages by origin', async () => {
    const source = new MemorySource();
    const installed = [
      'C:Q1abc=\nP:busybox\nV:1.30.1-r1\nA:x86_64\no:busybox\n',
      'C:Q1def=\nP:libcrypto3\nV:3.0.7-r0\nA:x86_64\no:openssl\n',
      'C:Q1ghi=\nP:zlib\nV:1.2.12-r3\nA:x86_64\no:zlib\n',
    ].join('\n');
    const layer = await buildLayer([{ path: 'lib/apk/db/installed', content: installed }], { gzip: false });
    const outcome = await scan(source, source.addImage(buildImage({ layers: [layer] })));
    assert.deepEqual(ids(outcome, 'busybox'), ['CVE-2019-5747']);
    assert.deepEqual(ids(outcome, 'libcrypto3'), ['CVE-2023-0286'], 'not CVE-2022-2097: fixed in 3.0.5-r0');
    assert.deepEqual(ids(outcome, 'zlib'), [], '1.2.12-r3 is past both zlib fixes');
    assert.equal(find(outcome, 'CVE-2019-5747', 'busybox').fixedInVersion, '1.30.1-r2');
  });

  it('reads distroless status.d files and OCI manifests', async () => {
    const source = new MemorySource();
    const layer = await buildLayer(
      [
        { path: 'var/lib/dpkg/status.d/libssl3', content: dpkgStanza('libssl3', '3.0.11-1~deb12u2', { Source: 'openssl' }).replace(/^Status:.*\n/m, '') },
        { path: 'var/lib/dpkg/status.d/libssl3.md5sums', content: 'd41d8cd98f00b204e9800998ecf8427e  usr/lib/libssl.so.3\n' },
      ],
      { oci: true },
    );
    const outcome = await scan(source, source.addImage(buildImage({ layers: [layer], oci: true })));
    assert.equal(outcome.status, 'COMPLETE');
    assert.deepEqual(ids(outcome), ['CVE-2023-5678', 'CVE-2024-0727']);
    assert.equal(outcome.vulnerabilities[0]?.package.filePath, 'var/lib/dpkg/status.d/libssl3');
  });

  it('scans an image without package databases as COMPLETE with no findings', async () => {
    const source = new MemorySource();
    const layer = await buildLayer([{ path: 'app', type: 'directory' }, { path: 'app/server', content: Buffer.alloc(4096, 7), mode: 0o755 }]);
    const outcome = await scan(source, source.addImage(buildImage({ layers: [layer] })));
    assert.deepEqual({ status: outcome.status, findings: outcome.vulnerabilities.length, packages: outcome.packages.length }, { status: 'COMPLETE', findings: 0, packages: 0 });
  });

  it('refuses artifacts and indexes as UNSUPPORTED_IMAGE', async () => {
    const source = new MemorySource();
    const chart = await buildLayer([{ path: 'chart/Chart.yaml', content: 'apiVersion: v2\nname: web\n' }]);
    const helm = buildImage({ layers: [chart], oci: true, configMediaType: 'application/vnd.cncf.helm.config.v1+json', configBody: Buffer.from('{"name":"web"}') });
    const helmOutcome = await scan(source, source.addImage(helm));
    assert.equal(helmOutcome.status, 'UNSUPPORTED_IMAGE');
    assert.match(helmOutcome.description, /application\/vnd\.cncf\.helm\.config\.v1\+json is not a container image/);

    const image = buildImage({ layers: [await buildLayer([{ path: 'a', content: 'a' }])] });
    const index = buildIndex([image], { oci: true });
    source.addImage(image);
    source.manifests.set(index.digest, { body: index.manifest.toString(), mediaType: index.mediaType });
    const indexOutcome = await scan(source, index.digest);
    assert.equal(indexOutcome.status, 'UNSUPPORTED_IMAGE');
    assert.match(indexOutcome.description, /indexes/);
  });

  it('fails clearly on a missing image, a corrupt layer and a zstd layer', async () => {
    const source = new MemorySource();
    const missing = await scan(source, sha256('nothing'));
    assert.equal(missing.status, 'FAILED');
    assert.match(missing.description, /was not found in the registry/);

    const garbage = gzipSync(Buffer.from('this is not a tar archive, just text that is long enough to be read '.repeat(20)));
    const corruptLayer: Layer = { mediaType: MEDIA_TYPES.dockerLayer, digest: sha256(garbage), size: garbage.length, content: garbage, diffId: sha256('x') };
    const corrupt = await scan(source, source.addImage(buildImage({ layers: [corruptLayer] })));
    assert.equal(corrupt.status, 'FAILED');
    assert.match(corrupt.description, new RegExp(`Layer ${corruptLayer.digest} is not a readable tar archive`));

    const zstd = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]);
    const zstdLayer: Layer = { mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', digest: sha256(zstd), size: zstd.length, content: zstd, diffId: sha256('y') };
    const zstdOutcome = await scan(source, source.addImage(buildImage({ layers: [zstdLayer], oci: true })));
    assert.equal(zstdOutcome.status, 'FAILED');
    assert.match(zstdOutcome.description, /zstd-compressed/);
  });
});

describe('ecr-local vulnerability feed', () => {
  it('holds at least 20 real CVEs covering every severity and ecosystem', () => {
    const feed = loadFeed();
    assert.ok(feed.entries.length >= 20, `${feed.entries.length} entries`);
    assert.deepEqual(new Set(feed.entries.map((entry) => entry.severity)), new Set(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL', 'UNDEFINED']));
    assert.deepEqual(new Set(feed.entries.flatMap((entry) => entry.affected.map((affected) => affected.ecosystem))), new Set(['debian', 'alpine', 'npm', 'pypi']));
    for (const name of ['openssl', 'zlib', 'curl', 'busybox', 'lodash', 'minimist', 'requests', 'urllib3']) {
      assert.ok(feed.entries.some((entry) => entry.affected.some((affected) => affected.package === name)), name);
    }
  });

  it('names the entry and field at fault in a broken feed', () => {
    const entry = { id: 'CVE-2023-0286', title: 't', description: 'd', severity: 'HIGH', score: 7.4, exploitAvailable: false, affected: [{ ecosystem: 'debian', package: 'openssl', ranges: [{ fixed: '3.0.8-1' }] }] };
    const feed = (changes: Record<string, unknown>): string => JSON.stringify({ updatedAt: '2025-01-01T00:00:00Z', vulnerabilities: [{ ...entry, ...changes }] });
    assert.equal(parseFeed(feed({}), 'f.json').entries.length, 1);
    assert.throws(() => parseFeed('{', 'f.json'), /f\.json is not valid JSON/);
    assert.throws(() => parseFeed(feed({ id: 'GHSA-1' }), 'f.json'), /vulnerabilities\[0\] \(GHSA-1\): id must be a CVE id/);
    assert.throws(() => parseFeed(feed({ severity: 'SEVERE' }), 'f.json'), /\(CVE-2023-0286\): severity must be one of/);
    assert.throws(() => parseFeed(feed({ score: 11 }), 'f.json'), /score must be a CVSS score/);
    assert.throws(
      () => parseFeed(feed({ affected: [{ ecosystem: 'debian', package: 'openssl', ranges: [{ fixed: 'abc' }] }] }), 'f.json'),
      /affected\[0\]\.ranges\[0\]: fixed "abc" is not a valid Debian \(dpkg\) version/,
    );
    assert.throws(() => parseFeed(feed({ affected: [{ ecosystem: 'maven', package: 'x', ranges: [{}] }] }), 'f.json'), /ecosystem must be one of/);
  });
});
