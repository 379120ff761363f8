// What Push Image… and Build and Push… decide without the editor: the tag rule, whether a tag
// may be moved in a repository, the progress message counted from the CLI's layer events, how a
// local image is described in the picker and the failOnSeverity sentence. No vscode here, so
// these are unit-tested in plain Node (test/unit/views/pushModel.test.ts).
import { formatBytes, formatRelativeTime } from '../../ecr/format';
import { matchesWildcard } from '../../ecr/lifecycle/wildcard';
import { SEVERITIES, type Repository, type Severity } from '../../ecr/model';
import type { BuildEvent, LocalImage, PushEvent } from '../../push/model';

/** Docker's and ECR's tag rule: 1-128 of letters, digits, '_', '.', '-', not starting with '.' or '-'. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Why `value` cannot be a tag, or undefined when it can. */
export function tagProblem(value: string): string | undefined {
  const tag = value.trim();
  if (tag === '') {
    return 'Type a tag, e.g. 1.0.0 or the git commit.';
  }
  if (tag.length > 128) {
    return `A tag has at most 128 characters (this one has ${tag.length}).`;
  }
  if (/^[.-]/.test(tag)) {
    return "A tag cannot start with '.' or '-'.";
  }
  if (!TAG.test(tag)) {
    const bad = [...tag].find((character) => !/[A-Za-z0-9_.-]/.test(character)) ?? '';
    return `"${bad}" is not allowed in a tag: use letters, digits, '_', '.' and '-'.`;
  }
  return undefined;
}

/** Whether ECR refuses to move `tag` once it names an image (the *_WITH_EXCLUSION filters flip the rule for the tags they match). */
export function isTagImmutable(repository: Pick<Repository, 'tagMutability' | 'tagMutabilityExclusions'>, tag: string): boolean {
  const matched = repository.tagMutabilityExclusions.some((filter) => matchesWildcard(filter, tag));
  switch (repository.tagMutability) {
    case 'MUTABLE':
      return false;
    case 'IMMUTABLE':
      return true;
    case 'IMMUTABLE_WITH_EXCLUSION':
      return !matched;
    case 'MUTABLE_WITH_EXCLUSION':
      return matched;
  }
}

/** The tags offered for an image: the git short SHA first, then the image's own tags, each once. */
export function suggestedTags(image: Pick<LocalImage, 'references'> | undefined, gitSha: string | undefined): string[] {
  const tags = [gitSha, ...(image?.references ?? []).map(tagOfReference)].filter((tag): tag is string => tag !== undefined && tagProblem(tag) === undefined);
  return [...new Set(tags)];
}

/** "repo:tag" → "tag"; undefined without a tag (a port's colon is not a tag's). */
export function tagOfReference(reference: string): string | undefined {
  const colon = reference.lastIndexOf(':');
  return colon > reference.lastIndexOf('/') && colon >= 0 ? reference.slice(colon + 1) : undefined;
}

export interface LocalImageDescription {
  readonly label: string;
  readonly description: string;
  readonly detail?: string;
}

/** The first reference (or the short id of a dangling image), "12 MB · created 2 hours ago", the other references. */
export function describeLocalImage(image: LocalImage, now: Date, locale = 'en'): LocalImageDescription {
  const shortId = image.id.replace(/^sha256:/, '').slice(0, 12);
  const [first, ...others] = image.references;
  const parts = [
    ...(first === undefined ? ['<none> (dangling)'] : [shortId]),
    ...(image.sizeBytes !== undefined ? [formatBytes(image.sizeBytes, locale)] : []),
    ...(image.createdAt ? [`created ${formatRelativeTime(image.createdAt, now, locale)}`] : []),
  ];
  return {
    label: first ?? shortId,
    description: parts.join(' · '),
    ...(others.length > 0 ? { detail: others.join(', ') } : {}),
  };
}

/** Newest first; images without a date last. */
export function newestLocalImagesFirst(images: readonly LocalImage[]): LocalImage[] {
  return [...images].sort((a, b) => (b.createdAt?.getTime() ?? -Infinity) - (a.createdAt?.getTime() ?? -Infinity));
}

export interface LayerCounts {
  readonly total: number;
  /** Layers uploaded by this push. */
  readonly pushed: number;
  /** Layers the registry already had ("Layer already exists", or mounted from another repository). */
  readonly existed: number;
}

/**
 * Counts a push's layers from the driver's events: each layer once, by its last state. The
 * message is what the progress notification shows: "3 of 5 layers · 2 already in ECR".
 */
export class LayerTally {
  private readonly states = new Map<string, PushEvent & { kind: 'layer' }>();

  /** Takes one event; true when the counts changed. */
  apply(event: PushEvent): boolean {
    if (event.kind !== 'layer') {
      return false;
    }
    const before = this.counts();
    const known = this.states.get(event.id);
    // A finished layer stays finished: a late "Pushing" line (docker redraws) must not undo it.
    if (known && isFinished(known.status) && !isFinished(event.status)) {
      return false;
    }
    this.states.set(event.id, event);
    const after = this.counts();
    return before.total !== after.total || before.pushed !== after.pushed || before.existed !== after.existed;
  }

  counts(): LayerCounts {
    let pushed = 0;
    let existed = 0;
    for (const state of this.states.values()) {
      if (state.status === 'pushed') {
        pushed++;
      } else if (state.status === 'exists' || state.status === 'mounted') {
        existed++;
      }
    }
    return { total: this.states.size, pushed, existed };
  }

  /** Finished layers as a fraction of the known ones (0 before any is known). */
  fraction(): number {
    const { total, pushed, existed } = this.counts();
    return total === 0 ? 0 : (pushed + existed) / total;
  }

  message(): string {
    const { total, pushed, existed } = this.counts();
    if (total === 0) {
      return 'Preparing…';
    }
    const done = `${pushed + existed} of ${total} layer${total === 1 ? '' : 's'}`;
    return existed > 0 ? `${done} · ${existed} already in ECR` : done;
  }
}

function isFinished(status: string): boolean {
  return status === 'pushed' || status === 'exists' || status === 'mounted';
}

/** "Step 2/5: COPY status /var/lib/dpkg/status" for a build step; undefined for other events. */
export function buildStepMessage(event: BuildEvent): string | undefined {
  if (event.kind !== 'step') {
    return undefined;
  }
  const text = event.text.length > 80 ? `${event.text.slice(0, 79)}…` : event.text;
  return `Step ${event.index}${event.total !== undefined ? `/${event.total}` : ''}: ${text}`;
}

/** Counts of the severities at or above `threshold`, worst first: "1 CRITICAL, 2 HIGH". */
export function countsAtOrAbove(counts: Partial<Record<Severity, number>>, threshold: Severity): string {
  const limit = SEVERITIES.indexOf(threshold);
  return SEVERITIES.filter((severity, index) => index <= limit && (counts[severity] ?? 0) > 0)
    .map((severity) => `${counts[severity] ?? 0} ${severity}`)
    .join(', ');
}

/** The error notification when a pushed image's scan reaches ecrExplorer.failOnSeverity. */
export function failedThresholdMessage(label: string, counts: Partial<Record<Severity, number>>, threshold: Severity): string {
  const found = countsAtOrAbove(counts, threshold);
  return `${label} was pushed, but its scan found ${found || 'findings'}, at or above ecrExplorer.failOnSeverity (${threshold}).`;
}

/** "team-a/api:1.0.0 (sha256:abcd1234…)" */
export function pushedMessage(repositoryName: string, tag: string, digest: string): string {
  const hex = digest.replace(/^sha256:/, '');
  return `Pushed ${repositoryName}:${tag} (sha256:${hex.slice(0, 12)}…)`;
}
