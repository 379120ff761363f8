// The explorer's model of ECR: what the pure core hands to the VS Code adapters. Plain data,
// no SDK types, so that views, tests and benchmarks depend on this file only.

/** Where a tree root points: one profile (or the environment's credentials) in one region. */
export interface Connection {
  /** An AWS profile name, or ENVIRONMENT_PROFILE for AWS_ACCESS_KEY_ID & co. */
  readonly profile: string;
  readonly region: string;
}

/** The pseudo-profile standing for credentials in environment variables. */
export const ENVIRONMENT_PROFILE = '(environment)';

export type TagMutability = 'MUTABLE' | 'IMMUTABLE' | 'IMMUTABLE_WITH_EXCLUSION' | 'MUTABLE_WITH_EXCLUSION';
export type EncryptionType = 'AES256' | 'KMS' | 'KMS_DSSE';
export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | 'UNDEFINED';
export const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED'];

export interface Repository {
  readonly name: string;
  readonly uri: string;
  readonly arn: string;
  readonly registryId: string;
  readonly createdAt?: Date;
  readonly tagMutability: TagMutability;
  /** Wildcard filters of the *_WITH_EXCLUSION modes (ECR allows 1-5). */
  readonly tagMutabilityExclusions: readonly string[];
  readonly scanOnPush: boolean;
  readonly encryption: { readonly type: EncryptionType; readonly kmsKey?: string };
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Present when there is more; pass it back to get the next page. */
  readonly nextToken?: string;
}

export interface ScanState {
  /** ECR's imageScanStatus.status: COMPLETE, IN_PROGRESS, FAILED, ACTIVE, PENDING, … */
  readonly status: string;
  readonly description?: string;
  readonly completedAt?: Date;
  /** Only severities with a count are present. */
  readonly severityCounts: Partial<Record<Severity, number>>;
}

export interface Image {
  readonly repositoryName: string;
  readonly digest: string;
  /** Empty for an untagged image. */
  readonly tags: readonly string[];
  readonly sizeBytes?: number;
  readonly pushedAt?: Date;
  readonly lastPulledAt?: Date;
  readonly manifestMediaType?: string;
  readonly artifactMediaType?: string;
  /** True for a manifest list / OCI index: it expands to one child per platform. */
  readonly isIndex: boolean;
  readonly scan?: ScanState;
}

/** One entry of a manifest list / OCI index. */
export interface PlatformImage {
  readonly digest: string;
  /** e.g. "linux/arm64/v8"; "unknown/unknown" for attestations, as docker shows them. */
  readonly platform: string;
  readonly mediaType: string;
  /** From DescribeImages on the child digest, when ECR knows the child. */
  readonly image?: Image;
  /** A buildx attestation manifest (provenance / SBOM), not a runnable platform image. */
  readonly isAttestation?: boolean;
  /** For an attestation: the digest of the platform image it describes. */
  readonly attestsDigest?: string;
}

/** What went wrong, said so that a user knows what to do next (never a stack trace). */
export type ProblemKind =
  | 'sso-login' // SSO token missing or expired: run `aws sso login --profile X`
  | 'mfa-required' // assume-role with mfa_serial: a code is needed
  | 'expired-credentials' // ExpiredTokenException & co.
  | 'no-credentials' // nothing found for the profile
  | 'access-denied' // AccessDeniedException, UnrecognizedClientException, …
  | 'throttled' // still throttled after the SDK's retries
  | 'unreachable' // DNS, connection refused, timeouts, proxy failures
  | 'not-found' // RepositoryNotFoundException, ImageNotFoundException, …
  | 'invalid-input' // InvalidParameterException, ValidationException, …
  | 'service'; // anything else the service said

export interface AwsProblem {
  readonly kind: ProblemKind;
  /** One or two sentences for a tree node tooltip or a notification, ending with what to do. */
  readonly message: string;
  /** The AWS error name when there is one (e.g. "ExpiredTokenException"). */
  readonly errorName?: string;
  /** A shell command that fixes it, e.g. `aws sso login --profile dev` (never holds a secret). */
  readonly fixCommand?: string;
  /** Whether trying again as-is may succeed. */
  readonly retryable: boolean;
}

/** Storage of one repository or one region, and what it costs a month at the configured price. */
export interface StorageEstimate {
  readonly bytes: number;
  readonly imageCount: number;
  readonly monthlyCostUsd: number;
}
