// End-of-life dates of the base images people build on, shipped with the extension so the check
// works offline. Compiled from endoflife.date's product data (the `eol` field of each release
// cycle; for Debian the LTS end, because the official images keep receiving LTS updates; for
// Ubuntu the end of standard support, because ESM updates need an Ubuntu Pro subscription).
// Entries marked `approximate` follow a published policy (Go: two newer releases; nginx: the next
// stable branch) rather than an announced date. Refresh: compare each product page below and
// update EOL_TABLE_CHECKED.
//
// How this copy was checked (2026-11-26, no network but a stored snapshot of the endoflife.date
// repository's products/*.md): the dates of Ubuntu, Alpine (to 3.23), Ruby (to 4.0), PHP (to 8.5),
// nginx, CentOS, and the older cycles of Debian, Node.js, Python, Go, Temurin and PostgreSQL were
// read from it. Not in the snapshot, taken from the projects' published schedules and to verify at
// the next refresh: Debian 13 and 12's LTS end, Node.js 22–26, Python 3.8–3.14 (3.9 on: end of October),
// Go 1.24–1.27, Temurin 24–25, PostgreSQL 17–18, Amazon Linux 2's extension to 2026-06-30 and
// Amazon Linux 2023's end; nginx 1.28/1.29 carry no date because the snapshot has none.

export const EOL_TABLE_CHECKED = '2026-11-26';

export interface EolCycle {
  /** The version as it appears in tags: `12`, `3.19`, `20.04`, `2023`. */
  readonly cycle: string;
  /** Release names used in tags (`bookworm`, `jammy`, `hydrogen`). */
  readonly codenames?: readonly string[];
  /** ISO date; absent when no end of life is announced. */
  readonly eol?: string;
  readonly approximate?: boolean;
}

export interface EolProduct {
  /** endoflife.date product id. */
  readonly product: string;
  readonly title: string;
  readonly source: string;
  /** Docker Hub repository names (short names) that ship this product. */
  readonly images: readonly string[];
  readonly cycles: readonly EolCycle[];
  /** A base OS (debian, alpine…) rather than a language or server. */
  readonly os?: boolean;
}

export const EOL_PRODUCTS: readonly EolProduct[] = [
  {
    product: 'debian',
    title: 'Debian',
    source: 'https://endoflife.date/debian',
    images: ['debian'],
    os: true,
    cycles: [
      { cycle: '13', codenames: ['trixie'], eol: '2030-06-30' },
      { cycle: '12', codenames: ['bookworm'], eol: '2028-06-10' },
      { cycle: '11', codenames: ['bullseye'], eol: '2026-08-31' },
      { cycle: '10', codenames: ['buster'], eol: '2024-06-30' },
      { cycle: '9', codenames: ['stretch'], eol: '2022-07-01' },
      { cycle: '8', codenames: ['jessie'], eol: '2020-06-30' },
      { cycle: '7', codenames: ['wheezy'], eol: '2018-05-31' },
    ],
  },
  {
    product: 'ubuntu',
    title: 'Ubuntu',
    source: 'https://endoflife.date/ubuntu',
    images: ['ubuntu'],
    os: true,
    cycles: [
      { cycle: '26.04', codenames: ['resolute'], eol: '2031-04-30' },
      { cycle: '25.10', codenames: ['questing'], eol: '2026-07-01' },
      { cycle: '25.04', codenames: ['plucky'], eol: '2026-01-17' },
      { cycle: '24.10', codenames: ['oracular'], eol: '2025-07-10' },
      { cycle: '24.04', codenames: ['noble'], eol: '2029-05-31' },
      { cycle: '23.10', codenames: ['mantic'], eol: '2024-07-12' },
      { cycle: '23.04', codenames: ['lunar'], eol: '2024-01-20' },
      { cycle: '22.10', codenames: ['kinetic'], eol: '2023-07-20' },
      { cycle: '22.04', codenames: ['jammy'], eol: '2027-04-01' },
      { cycle: '21.10', codenames: ['impish'], eol: '2022-07-14' },
      { cycle: '21.04', codenames: ['hirsute'], eol: '2022-01-20' },
      { cycle: '20.10', codenames: ['groovy'], eol: '2021-07-22' },
      { cycle: '20.04', codenames: ['focal'], eol: '2025-05-31' },
      { cycle: '19.10', codenames: ['eoan'], eol: '2020-07-06' },
      { cycle: '18.04', codenames: ['bionic'], eol: '2023-05-31' },
      { cycle: '16.04', codenames: ['xenial'], eol: '2021-04-02' },
      { cycle: '14.04', codenames: ['trusty'], eol: '2019-04-02' },
    ],
  },
  {
    product: 'alpine-linux',
    title: 'Alpine Linux',
    source: 'https://endoflife.date/alpine-linux',
    images: ['alpine'],
    os: true,
    cycles: [
      { cycle: '3.23', eol: '2027-11-01' },
      { cycle: '3.22', eol: '2027-05-01' },
      { cycle: '3.21', eol: '2026-11-01' },
      { cycle: '3.20', eol: '2026-04-01' },
      { cycle: '3.19', eol: '2025-11-01' },
      { cycle: '3.18', eol: '2025-05-09' },
      { cycle: '3.17', eol: '2024-11-22' },
      { cycle: '3.16', eol: '2024-05-23' },
      { cycle: '3.15', eol: '2023-11-01' },
      { cycle: '3.14', eol: '2023-05-01' },
      { cycle: '3.13', eol: '2022-11-01' },
      { cycle: '3.12', eol: '2022-05-01' },
      { cycle: '3.11', eol: '2021-11-01' },
      { cycle: '3.10', eol: '2021-05-01' },
      { cycle: '3.9', eol: '2020-11-01' },
      { cycle: '3.8', eol: '2020-05-01' },
      { cycle: '3.7', eol: '2019-11-01' },
      { cycle: '3.6', eol: '2019-05-01' },
      { cycle: '3.5', eol: '2018-11-01' },
    ],
  },
  {
    product: 'centos',
    title: 'CentOS Linux',
    source: 'https://endoflife.date/centos',
    images: ['centos'],
    os: true,
    cycles: [
      { cycle: '8', eol: '2021-12-31' },
      { cycle: '7', eol: '2024-06-30' },
      { cycle: '6', eol: '2020-11-30' },
      { cycle: '5', eol: '2017-03-31' },
    ],
  },
  {
    product: 'amazon-linux',
    title: 'Amazon Linux',
    source: 'https://endoflife.date/amazon-linux',
    images: ['amazonlinux'],
    os: true,
    cycles: [
      { cycle: '2023', eol: '2029-06-30' },
      { cycle: '2', eol: '2026-06-30' },
      { cycle: '2018.03', codenames: ['1'], eol: '2023-12-31' },
    ],
  },
  {
    product: 'nodejs',
    title: 'Node.js',
    source: 'https://endoflife.date/nodejs',
    images: ['node'],
    cycles: [
      { cycle: '26', eol: '2029-04-30' },
      { cycle: '25', eol: '2026-06-01' },
      { cycle: '24', codenames: ['krypton'], eol: '2028-04-30' },
      { cycle: '23', eol: '2025-06-01' },
      { cycle: '22', codenames: ['jod'], eol: '2027-04-30' },
      { cycle: '21', eol: '2024-06-01' },
      { cycle: '20', codenames: ['iron'], eol: '2026-04-30' },
      { cycle: '19', eol: '2023-06-01' },
      { cycle: '18', codenames: ['hydrogen'], eol: '2025-04-30' },
      { cycle: '17', eol: '2022-06-01' },
      { cycle: '16', codenames: ['gallium'], eol: '2023-09-11' },
      { cycle: '15', eol: '2021-06-01' },
      { cycle: '14', codenames: ['fermium'], eol: '2023-04-30' },
      { cycle: '13', eol: '2020-06-01' },
      { cycle: '12', codenames: ['erbium'], eol: '2022-04-30' },
      { cycle: '11', eol: '2019-06-30' },
      { cycle: '10', codenames: ['dubnium'], eol: '2021-04-30' },
      { cycle: '9', eol: '2018-06-30' },
      { cycle: '8', codenames: ['carbon'], eol: '2019-12-31' },
      { cycle: '6', codenames: ['boron'], eol: '2019-04-30' },
      { cycle: '4', codenames: ['argon'], eol: '2018-04-30' },
    ],
  },
  {
    product: 'python',
    title: 'Python',
    source: 'https://endoflife.date/python',
    images: ['python', 'pypy'],
    cycles: [
      { cycle: '3.14', eol: '2030-10-31' },
      { cycle: '3.13', eol: '2029-10-31' },
      { cycle: '3.12', eol: '2028-10-31' },
      { cycle: '3.11', eol: '2027-10-31' },
      { cycle: '3.10', eol: '2026-10-31' },
      { cycle: '3.9', eol: '2025-10-31' },
      { cycle: '3.8', eol: '2024-10-07' },
      { cycle: '3.7', eol: '2023-06-27' },
      { cycle: '3.6', eol: '2021-12-23' },
      { cycle: '3.5', eol: '2020-09-13' },
      { cycle: '3.4', eol: '2019-03-18' },
      { cycle: '2.7', eol: '2020-01-01' },
    ],
  },
  {
    product: 'go',
    title: 'Go',
    source: 'https://endoflife.date/go',
    images: ['golang'],
    cycles: [
      { cycle: '1.27' },
      { cycle: '1.26', eol: '2027-02-09', approximate: true },
      { cycle: '1.25', eol: '2026-08-11', approximate: true },
      { cycle: '1.24', eol: '2026-02-10', approximate: true },
      { cycle: '1.23', eol: '2025-08-12' },
      { cycle: '1.22', eol: '2025-02-11' },
      { cycle: '1.21', eol: '2024-08-13' },
      { cycle: '1.20', eol: '2024-02-06' },
      { cycle: '1.19', eol: '2023-08-08' },
      { cycle: '1.18', eol: '2023-02-01' },
      { cycle: '1.17', eol: '2022-08-02' },
      { cycle: '1.16', eol: '2022-03-15' },
      { cycle: '1.15', eol: '2021-08-16' },
      { cycle: '1.14', eol: '2021-02-16' },
      { cycle: '1.13', eol: '2020-08-11' },
    ],
  },
  {
    product: 'eclipse-temurin',
    title: 'Java (Eclipse Temurin / OpenJDK)',
    source: 'https://endoflife.date/eclipse-temurin',
    images: ['eclipse-temurin', 'openjdk', 'adoptopenjdk'],
    cycles: [
      { cycle: '25', eol: '2031-09-30', approximate: true },
      { cycle: '24', eol: '2025-09-16' },
      { cycle: '23', eol: '2025-03-18' },
      { cycle: '22', eol: '2024-09-17' },
      { cycle: '21', eol: '2029-12-31' },
      { cycle: '20', eol: '2023-09-19' },
      { cycle: '19', eol: '2023-03-31' },
      { cycle: '18', eol: '2022-09-30' },
      { cycle: '17', eol: '2027-10-31' },
      { cycle: '16', eol: '2021-09-30' },
      { cycle: '11', eol: '2027-10-31' },
      { cycle: '8', eol: '2026-11-30' },
    ],
  },
  {
    product: 'ruby',
    title: 'Ruby',
    source: 'https://endoflife.date/ruby',
    images: ['ruby'],
    cycles: [
      { cycle: '4.0', eol: '2029-03-31' },
      { cycle: '3.4', eol: '2028-03-31' },
      { cycle: '3.3', eol: '2027-03-31' },
      { cycle: '3.2', eol: '2026-03-31' },
      { cycle: '3.1', eol: '2025-03-31' },
      { cycle: '3.0', eol: '2024-04-23' },
      { cycle: '2.7', eol: '2023-03-31' },
      { cycle: '2.6', eol: '2022-03-31' },
      { cycle: '2.5', eol: '2021-03-31' },
      { cycle: '2.4', eol: '2020-03-31' },
    ],
  },
  {
    product: 'php',
    title: 'PHP',
    source: 'https://endoflife.date/php',
    images: ['php'],
    cycles: [
      { cycle: '8.5', eol: '2029-12-31' },
      { cycle: '8.4', eol: '2028-12-31' },
      { cycle: '8.3', eol: '2027-12-31' },
      { cycle: '8.2', eol: '2026-12-31' },
      { cycle: '8.1', eol: '2025-12-31' },
      { cycle: '8.0', eol: '2023-11-26' },
      { cycle: '7.4', eol: '2022-11-28' },
      { cycle: '7.3', eol: '2021-12-06' },
      { cycle: '7.2', eol: '2020-11-30' },
      { cycle: '7.1', eol: '2019-12-01' },
      { cycle: '7.0', eol: '2019-01-10' },
      { cycle: '5.6', eol: '2018-12-31' },
    ],
  },
  {
    product: 'nginx',
    title: 'nginx',
    source: 'https://endoflife.date/nginx',
    images: ['nginx'],
    cycles: [
      { cycle: '1.29' },
      { cycle: '1.28' },
      { cycle: '1.27', eol: '2025-06-24' },
      { cycle: '1.26', eol: '2025-04-23' },
      { cycle: '1.25', eol: '2024-05-29' },
      { cycle: '1.24', eol: '2024-04-23' },
      { cycle: '1.23', eol: '2023-05-23' },
      { cycle: '1.22', eol: '2023-04-11' },
      { cycle: '1.21', eol: '2022-06-21' },
      { cycle: '1.20', eol: '2022-05-24' },
      { cycle: '1.19', eol: '2021-05-25' },
      { cycle: '1.18', eol: '2021-04-20' },
      { cycle: '1.16', eol: '2020-04-20' },
      { cycle: '1.14', eol: '2019-04-23' },
    ],
  },
  {
    product: 'postgresql',
    title: 'PostgreSQL',
    source: 'https://endoflife.date/postgresql',
    images: ['postgres'],
    cycles: [
      { cycle: '18', eol: '2030-11-14' },
      { cycle: '17', eol: '2029-11-08' },
      { cycle: '16', eol: '2028-11-09' },
      { cycle: '15', eol: '2027-11-11' },
      { cycle: '14', eol: '2026-11-12' },
      { cycle: '13', eol: '2025-11-13' },
      { cycle: '12', eol: '2024-11-14' },
      { cycle: '11', eol: '2023-11-09' },
      { cycle: '10', eol: '2022-11-10' },
      { cycle: '9.6', eol: '2021-11-11' },
      { cycle: '9.5', eol: '2021-02-11' },
      { cycle: '9.4', eol: '2020-02-13' },
    ],
  },
];
