// What the demo images hold: package databases and lockfiles of believable images, with
// versions the feed (../feed/vulnerabilities.json) knows to be vulnerable, so that scans of
// the demo registry find CVEs of every severity. Each function returns file contents.

export interface DebPackage {
  readonly name: string;
  readonly version: string;
  readonly source?: string;
}

/** dpkg's status database for installed packages. */
export function dpkgStatus(packages: readonly DebPackage[], architecture = 'amd64'): string {
  return packages
    .map((item) =>
      [
        `Package: ${item.name}`,
        'Status: install ok installed',
        'Priority: optional',
        `Architecture: ${architecture}`,
        ...(item.source ? [`Source: ${item.source}`] : []),
        `Version: ${item.version}`,
        `Description: ${item.name} (demo image)`,
      ].join('\n'),
    )
    .join('\n\n')
    .concat('\n');
}

/** apk's installed database. */
export function apkInstalled(packages: ReadonlyArray<{ name: string; version: string; origin?: string }>, architecture = 'x86_64'): string {
  return packages
    .map((item) => [`C:Q1${Buffer.from(item.name).toString('base64')}=`, `P:${item.name}`, `V:${item.version}`, `A:${architecture}`, `o:${item.origin ?? item.name}`, 'L:MIT'].join('\n'))
    .join('\n\n')
    .concat('\n');
}

/** A package-lock.json (lockfileVersion 3) of an application with these installed packages. */
export function packageLock(name: string, version: string, dependencies: Record<string, string>): string {
  const packages: Record<string, unknown> = { '': { name, version, dependencies: Object.fromEntries(Object.keys(dependencies).filter((key) => !key.includes('/node_modules/')).map((key) => [key, `^${dependencies[key]}`])) } };
  for (const [path, installed] of Object.entries(dependencies)) {
    packages[`node_modules/${path}`] = { version: installed, resolved: `https://registry.npmjs.org/${path.split('/node_modules/').pop()}/-/${path.split('/').pop()}-${installed}.tgz` };
  }
  return `${JSON.stringify({ name, version, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

export function requirements(pins: Record<string, string>): string {
  return `# Pinned by pip-compile\n${Object.entries(pins).map(([name, version]) => `${name}==${version}`).join('\n')}\n`;
}

const DEBIAN_COMMON: readonly DebPackage[] = [
  { name: 'base-files', version: '12.4+deb12u5' },
  { name: 'bash', version: '5.2.15-2+b2' },
  { name: 'coreutils', version: '9.1-1' },
  { name: 'ca-certificates', version: '20230311' },
  { name: 'tzdata', version: '2024a-0+deb12u1' },
  { name: 'libapt-pkg6.3', version: '2.6.1', source: 'apt' },
  { name: 'apt', version: '2.6.1' },
];

/** Debian 12 as of mid-2024, before the glibc, OpenSSL and curl updates. */
export const BOOKWORM_OLD: readonly DebPackage[] = [
  ...DEBIAN_COMMON,
  { name: 'libc6', version: '2.36-9+deb12u1', source: 'glibc' },
  { name: 'libc-bin', version: '2.36-9+deb12u1', source: 'glibc' },
  { name: 'libssl3', version: '3.0.11-1~deb12u2', source: 'openssl' },
  { name: 'openssl', version: '3.0.11-1~deb12u2' },
  { name: 'zlib1g', version: '1:1.2.13.dfsg-1', source: 'zlib' },
  { name: 'liblzma5', version: '5.4.1-0.2', source: 'xz-utils' },
  { name: 'curl', version: '7.88.1-10+deb12u3' },
  { name: 'libcurl4', version: '7.88.1-10+deb12u3', source: 'curl' },
];

/** The same system after the security updates: only the unimportant and disputed findings stay. */
export const BOOKWORM_PATCHED: readonly DebPackage[] = [
  ...DEBIAN_COMMON,
  { name: 'libc6', version: '2.36-9+deb12u7', source: 'glibc' },
  { name: 'libc-bin', version: '2.36-9+deb12u7', source: 'glibc' },
  { name: 'libssl3', version: '3.0.13-1~deb12u1', source: 'openssl' },
  { name: 'openssl', version: '3.0.13-1~deb12u1' },
  { name: 'zlib1g', version: '1:1.2.13.dfsg-1', source: 'zlib' },
  { name: 'liblzma5', version: '5.4.1-0.2', source: 'xz-utils' },
  { name: 'curl', version: '7.88.1-10+deb12u6' },
  { name: 'libcurl4', version: '7.88.1-10+deb12u6', source: 'curl' },
];

/** Debian 11 with OpenSSL 1.1 and the zlib of early 2022. */
export const BULLSEYE_OLD: readonly DebPackage[] = [
  { name: 'base-files', version: '11.1+deb11u5' },
  { name: 'bash', version: '5.1-2+deb11u1' },
  { name: 'libc6', version: '2.31-13+deb11u5', source: 'glibc' },
  { name: 'libssl1.1', version: '1.1.1n-0+deb11u3', source: 'openssl' },
  { name: 'openssl', version: '1.1.1n-0+deb11u3' },
  { name: 'zlib1g', version: '1:1.2.11.dfsg-2+deb11u1', source: 'zlib' },
  { name: 'apt', version: '2.2.4' },
];

/** A Debian unstable snapshot from March 2024, with the backdoored xz. */
export const SID_MARCH_2024: readonly DebPackage[] = [
  { name: 'base-files', version: '13' },
  { name: 'libc6', version: '2.37-15', source: 'glibc' },
  { name: 'liblzma5', version: '5.6.0-0.2', source: 'xz-utils' },
  { name: 'xz-utils', version: '5.6.0-0.2' },
  { name: 'libssl3', version: '3.1.5-1', source: 'openssl' },
  { name: 'python3.11', version: '3.11.8-1' },
  { name: 'apt', version: '2.7.14' },
];

/** Alpine 3.9 (end of life): old BusyBox, OpenSSL 1.1 and zlib. */
export const ALPINE_3_9: ReadonlyArray<{ name: string; version: string; origin?: string }> = [
  { name: 'musl', version: '1.1.20-r4' },
  { name: 'busybox', version: '1.29.3-r9' },
  { name: 'alpine-baselayout', version: '3.1.0-r3' },
  { name: 'libcrypto1.1', version: '1.1.1k-r0', origin: 'openssl' },
  { name: 'libssl1.1', version: '1.1.1k-r0', origin: 'openssl' },
  { name: 'zlib', version: '1.2.11-r1' },
  { name: 'apk-tools', version: '2.10.6-r0' },
];

/** Alpine 3.18, current for the feed: no findings. */
export const ALPINE_3_18: ReadonlyArray<{ name: string; version: string; origin?: string }> = [
  { name: 'musl', version: '1.2.4-r2' },
  { name: 'busybox', version: '1.36.1-r5' },
  { name: 'alpine-baselayout', version: '3.4.3-r1' },
  { name: 'libcrypto3', version: '3.1.4-r5', origin: 'openssl' },
  { name: 'libssl3', version: '3.1.4-r5', origin: 'openssl' },
  { name: 'zlib', version: '1.3.1-r0' },
  { name: 'apk-tools', version: '2.14.0-r2' },
];

/** The API's npm dependencies at two releases: the older one has the well-known CVEs. */
export const API_DEPENDENCIES_OLD: Record<string, string> = {
  express: '4.17.1',
  'body-parser': '1.19.0',
  qs: '6.7.0',
  lodash: '4.17.20',
  minimist: '1.2.5',
  semver: '7.5.1',
  braces: '3.0.2',
  'mkdirp/node_modules/minimist': '0.0.8',
};

export const API_DEPENDENCIES_NEW: Record<string, string> = {
  express: '4.19.2',
  'body-parser': '1.20.2',
  qs: '6.11.0',
  lodash: '4.17.21',
  minimist: '1.2.8',
  semver: '7.6.0',
  braces: '3.0.3',
};

export const WEB_DEPENDENCIES: Record<string, string> = {
  react: '18.2.0',
  'react-dom': '18.2.0',
  'json-schema': '0.2.3',
  qs: '6.5.2',
  semver: '5.7.1',
  lodash: '4.17.11',
};

export const WORKER_REQUIREMENTS_OLD: Record<string, string> = {
  requests: '2.28.1',
  urllib3: '1.26.12',
  setuptools: '65.5.0',
  pip: '23.2.1',
  idna: '3.4',
  certifi: '2023.7.22',
  celery: '5.3.1',
};

export const WORKER_REQUIREMENTS_NEW: Record<string, string> = {
  requests: '2.31.0',
  urllib3: '2.0.7',
  setuptools: '69.0.2',
  pip: '23.3.1',
  idna: '3.6',
  certifi: '2023.11.17',
  celery: '5.3.6',
};
