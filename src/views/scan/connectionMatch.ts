// Which chosen connection (profile + region) a FROM line's registry belongs to: an ECR host
// names its account and region, matched against each connection's account id; any other host
// (ecr-local's 127.0.0.1:PORT, a VPC endpoint alias) is matched against the host of the
// connection's proxyEndpoint. Pure: the views hand in what they learnt about each connection.
import type { ImageReference } from '../../ecr/imageReference';
import type { Connection } from '../../ecr/model';

export interface KnownRegistry {
  readonly connection: Connection;
  /** From the connection's repositories (registryId) or its proxyEndpoint; undefined when unknown. */
  readonly accountId?: string;
  /** The proxyEndpoint's host[:port], lower case, e.g. "123456789012.dkr.ecr.eu-west-1.amazonaws.com" or "127.0.0.1:5000". */
  readonly registryHost?: string;
}

export type RegistryMatch =
  /** Candidates in the order to try them (the first that has the image wins). */
  | { readonly kind: 'matched'; readonly connections: readonly Connection[] }
  /** An ECR registry, but no chosen profile reaches its account in that region. */
  | { readonly kind: 'no-profile'; readonly accountId: string; readonly region: string }
  /** Not an ECR registry of any chosen connection: nothing to say about it. */
  | { readonly kind: 'not-ecr' };

export function matchRegistry(reference: ImageReference, known: readonly KnownRegistry[]): RegistryMatch {
  const host = reference.registry.toLowerCase();
  if (reference.accountId !== undefined && reference.region !== undefined) {
    const byAccount = known.filter((entry) => entry.connection.region === reference.region && entry.accountId === reference.accountId);
    const byHost = known.filter((entry) => entry.registryHost === host && !byAccount.includes(entry));
    const connections = [...byAccount, ...byHost].map((entry) => entry.connection);
    return connections.length > 0 ? { kind: 'matched', connections } : { kind: 'no-profile', accountId: reference.accountId, region: reference.region };
  }
  const connections = known.filter((entry) => entry.registryHost === host).map((entry) => entry.connection);
  return connections.length > 0 ? { kind: 'matched', connections } : { kind: 'not-ecr' };
}

/** "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com" → the host[:port], lower case. */
export function endpointHost(proxyEndpoint: string): string | undefined {
  try {
    return new URL(proxyEndpoint.includes('://') ? proxyEndpoint : `https://${proxyEndpoint}`).host.toLowerCase();
  } catch {
    return undefined;
  }
}
