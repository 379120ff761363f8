// Parses and formats image references the way ECR users write them:
//   123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.2.3
//   123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app@sha256:<64 hex>
// Registries other than ECR's (a local ECR endpoint such as 127.0.0.1:5000) are accepted too,
// without account and region.

/** ECR's repository name rule (CreateRepository's repositoryName pattern), 2..256 characters. */
const REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** Private ECR registry hosts, including FIPS endpoints and the China and GovCloud partitions. */
const ECR_HOST = /^(\d{12})\.dkr\.ecr(-fips)?\.([a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d)\.(amazonaws\.com(?:\.cn)?|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;

export interface ImageReference {
  /** Host (and port) of the registry, e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com`. */
  readonly registry: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
  /** Set when the registry is an ECR private registry. */
  readonly accountId?: string;
  readonly region?: string;
  readonly fips?: boolean;
}

export type ParseResult = { ok: true; reference: ImageReference } | { ok: false; error: string };

export function isValidRepositoryName(name: string): boolean {
  return name.length >= 2 && name.length <= 256 && REPOSITORY_NAME.test(name);
}

export function parseImageReference(text: string): ParseResult {
  const input = text.trim();
  if (input === '') {
    return { ok: false, error: 'The image reference is empty.' };
  }
  const slash = input.indexOf('/');
  if (slash <= 0) {
    return { ok: false, error: `"${input}" names no registry: expected REGISTRY/REPOSITORY[:TAG|@DIGEST].` };
  }
  const registry = input.slice(0, slash).toLowerCase();
  let rest = input.slice(slash + 1);

  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) {
      return { ok: false, error: `"${digest}" is not a sha256 digest (sha256: followed by 64 lowercase hex digits).` };
    }
  }

  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) {
      return { ok: false, error: `"${tag}" is not a valid tag: up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'.` };
    }
  }

  if (!isValidRepositoryName(rest)) {
    return {
      ok: false,
      error: `"${rest}" is not a valid repository name: 2 to 256 lowercase letters, digits and . _ - / separators.`,
    };
  }

  const ecr = ECR_HOST.exec(registry);
  const reference: ImageReference = {
    registry,
    repository: rest,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
    ...(ecr ? { accountId: ecr[1], region: ecr[3], fips: ecr[2] !== undefined } : {}),
  };
  return { ok: true, reference };
}

export function formatImageReference(reference: ImageReference): string {
  const name = `${reference.registry}/${reference.repository}`;
  if (reference.digest) {
    return `${name}@${reference.digest}`;
  }
  return reference.tag ? `${name}:${reference.tag}` : name;
}

/** The private registry host of an account in a region (the `proxyEndpoint` without scheme). */
export function ecrRegistryHost(accountId: string, region: string): string {
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${accountId}.dkr.ecr.${region}.${suffix}`;
}
