// Which OS family an image is built on, guessed from its name and tag, so a fix can write the
// user-creation commands that exist there (useradd, adduser -S, shadow-utils first…).
import { shortName, type ImageRef } from '../../dockerfile/image';

export type Family = 'debian' | 'alpine' | 'rhel' | 'rhel-minimal' | 'amazon' | 'distroless' | 'scratch' | 'windows' | 'unknown';

const DEBIAN_WORDS = /(?:^|[-.])(?:bookworm|bullseye|buster|stretch|trixie|forky|jessie|slim|jammy|focal|noble|bionic|xenial|resolute)(?:$|[-.])/;
const RHEL_NAMES = new Set(['centos', 'fedora', 'rockylinux', 'almalinux', 'oraclelinux', 'ubi', 'ubi7', 'ubi8', 'ubi9', 'ubi10', 'rhel', 'mysql']);
const DEBIAN_DEFAULT = new Set([
  'debian', 'ubuntu', 'buildpack-deps', 'node', 'python', 'golang', 'ruby', 'php', 'perl', 'rust', 'openjdk',
  'eclipse-temurin', 'nginx', 'httpd', 'postgres', 'redis', 'maven', 'gradle', 'elixir', 'erlang', 'haskell', 'julia', 'r-base', 'swift', 'dart', 'mongo', 'mariadb', 'tomcat',
]);

export function familyOf(image: ImageRef | undefined): Family {
  if (!image) {
    return 'unknown';
  }
  const name = shortName(image);
  const path = image.path;
  const tag = (image.tag ?? '').toLowerCase();
  if (path === 'scratch') {
    return 'scratch';
  }
  if (path.includes('distroless') || (image.registry === 'cgr.dev' && path.startsWith('chainguard/'))) {
    return 'distroless';
  }
  if (image.registry === 'mcr.microsoft.com' && /windows|nanoserver|servercore/.test(path + tag)) {
    return 'windows';
  }
  if (name === 'alpine' || tag.includes('alpine')) {
    return 'alpine';
  }
  if (name === 'amazonlinux' || (name === 'amazoncorretto' && !/debian|ubuntu/.test(tag))) {
    return 'amazon';
  }
  if (/minimal|micro/.test(name) && (RHEL_NAMES.has(name.replace(/-minimal|-micro/, '')) || path.includes('ubi'))) {
    return 'rhel-minimal';
  }
  if (RHEL_NAMES.has(name) || path.startsWith('redhat/') || path.startsWith('ubi') || /(?:^|-)(?:ubi\d*|centos\d*|rockylinux|oraclelinux\d*)(?:$|-)/.test(tag)) {
    return 'rhel';
  }
  if (DEBIAN_WORDS.test(tag) || DEBIAN_DEFAULT.has(name)) {
    return 'debian';
  }
  return 'unknown';
}

const UID = '10001';

/** Commands that create a system user and group named `name` (may contain `${value}`). */
export function createUserCommand(family: Family, name: string): string | undefined {
  const shadow = `groupadd --system --gid ${UID} ${name} && useradd --system --no-log-init --uid ${UID} --gid ${name} --create-home ${name}`;
  switch (family) {
    case 'debian':
    case 'unknown':
      return `RUN ${shadow}`;
    case 'rhel':
      return `RUN groupadd -r -g ${UID} ${name} && useradd -r -l -u ${UID} -g ${name} -m ${name}`;
    case 'rhel-minimal':
      return `RUN microdnf install -y shadow-utils && microdnf clean all && groupadd -r -g ${UID} ${name} && useradd -r -l -u ${UID} -g ${name} -m ${name}`;
    case 'amazon':
      return `RUN yum install -y shadow-utils && yum clean all && groupadd -r -g ${UID} ${name} && useradd -r -l -u ${UID} -g ${name} -m ${name}`;
    case 'alpine':
      return `RUN addgroup -S -g ${UID} ${name} && adduser -S -D -u ${UID} -G ${name} ${name}`;
    default:
      return undefined;
  }
}

export const CREATED_UID = UID;

export function familyLabel(family: Family): string {
  switch (family) {
    case 'debian':
      return 'Debian/Ubuntu';
    case 'alpine':
      return 'Alpine';
    case 'rhel':
    case 'rhel-minimal':
      return 'RHEL-family';
    case 'amazon':
      return 'Amazon Linux';
    default:
      return 'Debian-style';
  }
}
