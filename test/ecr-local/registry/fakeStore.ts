// A stand-in for the control plane's store behind the RegistryStoreAccess seam, kept in memory,
// for testing the data plane on its own: tokens, repositories, ECR's immutable-tag rule, and
// the pushes and pulls the proxy reports.
import type { PushedManifest, RegistryStoreAccess } from '../contracts';

/** The store's side of the seam, kept in memory, with ECR's tag rule for immutable repositories. */
export class FakeStore implements RegistryStoreAccess {
  readonly repositories = new Set<string>();
  readonly immutable = new Set<string>();
  readonly tokens = new Map<string, string>();
  readonly expired = new Set<string>();
  readonly tags = new Map<string, string>();
  readonly pushes: PushedManifest[] = [];
  readonly pulls: string[] = [];

  checkToken(password: string): { region: string } | 'expired' | 'unknown' {
    if (this.expired.has(password)) {
      return 'expired';
    }
    const region = this.tokens.get(password);
    return region === undefined ? 'unknown' : { region };
  }

  repositoryExists(region: string, repositoryName: string): boolean {
    return this.repositories.has(`${region}/${repositoryName}`);
  }

  refuseTag(region: string, repositoryName: string, tag: string, imageDigest: string): string | undefined {
    const current = this.tags.get(`${region}/${repositoryName}:${tag}`);
    if (this.immutable.has(`${region}/${repositoryName}`) && current !== undefined && current !== imageDigest) {
      return `The image tag '${tag}' already exists in the '${repositoryName}' repository and cannot be overwritten because the repository is immutable.`;
    }
    return undefined;
  }

  recordPush(manifest: PushedManifest): void {
    this.pushes.push(manifest);
    if (manifest.tag !== undefined) {
      this.tags.set(`${manifest.region}/${manifest.repositoryName}:${manifest.tag}`, manifest.imageDigest);
    }
  }

  digestOfTag(region: string, repositoryName: string, tag: string): string | undefined {
    return this.tags.get(`${region}/${repositoryName}:${tag}`);
  }

  recordPull(region: string, repositoryName: string, imageDigest: string): void {
    this.pulls.push(`${region}/${repositoryName}@${imageDigest}`);
  }
}

