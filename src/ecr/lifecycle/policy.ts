// The shape of an ECR lifecycle policy once parsed and validated (see parsePolicy.ts), and of
// the images it is evaluated against (see evaluatePolicy.ts). Field names follow ECR's policy
// JSON so a policy round-trips without renaming.

export type TagStatus = 'tagged' | 'untagged' | 'any';

/** How a rule decides which selected images to expire. */
export type CountType = 'imageCountMoreThan' | 'sinceImagePushed' | 'sinceImagePulled';

export interface LifecycleSelection {
  readonly tagStatus: TagStatus;
  /** Each prefix must be the prefix of at least one of the image's tags. */
  readonly tagPrefixList?: readonly string[];
  /** Each pattern (with `*` wildcards) must match at least one of the image's tags. */
  readonly tagPatternList?: readonly string[];
  readonly countType: CountType;
  /** Only `days`, and only for the `since…` count types. */
  readonly countUnit?: 'days';
  readonly countNumber: number;
}

export interface LifecycleRule {
  readonly rulePriority: number;
  readonly description?: string;
  readonly selection: LifecycleSelection;
  readonly action: { readonly type: 'expire' };
}

export interface LifecyclePolicy {
  /** Sorted by rulePriority, lowest number (applied first) first. */
  readonly rules: readonly LifecycleRule[];
}

/** What the evaluator needs to know about one image. */
export interface LifecycleImage {
  readonly imageDigest: string;
  readonly imageTags: readonly string[];
  readonly imagePushedAt: Date;
  readonly imageSizeInBytes?: number;
  /** When the image was last pulled; `sinceImagePulled` falls back to the push time. */
  readonly lastRecordedPullTime?: Date;
}

export interface ExpiredImage {
  readonly image: LifecycleImage;
  readonly appliedRulePriority: number;
}

export interface LifecycleEvaluation {
  /** Oldest first within each rule, rules in priority order. */
  readonly expired: readonly ExpiredImage[];
  /** Sum of the expired images' sizes (images without a size count as 0). */
  readonly bytesFreed: number;
}

/** ECR's limits on the policy text (PutLifecyclePolicy's lifecyclePolicyText). */
export const POLICY_TEXT_MIN_LENGTH = 100;
export const POLICY_TEXT_MAX_LENGTH = 30720;
/** At most this many `*` in one tagPatternList entry. */
export const MAX_WILDCARDS_PER_PATTERN = 4;
