// Decides which images a lifecycle policy expires, with ECR's evaluation rules:
// - rules apply in rulePriority order, lowest number first;
// - an image is expired by one rule or none;
// - an image a rule selects (matches its tag criteria) can no longer be expired by any rule of
//   lower priority, although lower rules still count it (ECR: "rules can never mark images that
//   are marked by higher priority rules, but can still identify them as if they haven't been
//   expired");
// - imageCountMoreThan keeps the newest countNumber selected images and marks the older ones;
//   the since… count types mark selected images older than countNumber days.
// Pure: the caller passes the images and the clock.
import type { ExpiredImage, LifecycleEvaluation, LifecycleImage, LifecyclePolicy, LifecycleSelection } from './policy';
import { matchesWildcard } from './wildcard';

const DAY_MS = 24 * 60 * 60 * 1000;

export function evaluateLifecyclePolicy(
  policy: LifecyclePolicy,
  images: readonly LifecycleImage[],
  now: Date,
): LifecycleEvaluation {
  // Newest first; the digest breaks ties so that the result never depends on input order.
  const byAge = [...images].sort(
    (a, b) => b.imagePushedAt.getTime() - a.imagePushedAt.getTime() || a.imageDigest.localeCompare(b.imageDigest),
  );
  const rules = [...policy.rules].sort((a, b) => a.rulePriority - b.rulePriority);
  const selectedEarlier = new Set<LifecycleImage>();
  const expired: ExpiredImage[] = [];

  for (const rule of rules) {
    const selected = byAge.filter((image) => isSelected(rule.selection, image));
    const marked = markForExpiry(rule.selection, selected, now);
    // Oldest first, the order in which ECR expires them.
    for (const image of marked.reverse()) {
      if (!selectedEarlier.has(image)) {
        expired.push({ image, appliedRulePriority: rule.rulePriority });
      }
    }
    for (const image of selected) {
      selectedEarlier.add(image);
    }
  }

  const bytesFreed = expired.reduce((sum, { image }) => sum + (image.imageSizeInBytes ?? 0), 0);
  return { expired, bytesFreed };
}

/** Whether a rule's tag criteria select an image (not yet whether its count expires it). */
export function isSelected(selection: LifecycleSelection, image: LifecycleImage): boolean {
  const tags = image.imageTags;
  switch (selection.tagStatus) {
    case 'any':
      return true;
    case 'untagged':
      return tags.length === 0;
    case 'tagged':
      if (tags.length === 0) {
        return false;
      }
      // Every prefix (or pattern) of the list must match at least one of the image's tags.
      if (selection.tagPrefixList) {
        return selection.tagPrefixList.every((prefix) => tags.some((tag) => tag.startsWith(prefix)));
      }
      if (selection.tagPatternList) {
        return selection.tagPatternList.every((pattern) => tags.some((tag) => matchesWildcard(pattern, tag)));
      }
      return false;
  }
}

/** The selected images (newest first) that the rule's count marks, newest first. */
function markForExpiry(selection: LifecycleSelection, selectedNewestFirst: LifecycleImage[], now: Date): LifecycleImage[] {
  switch (selection.countType) {
    case 'imageCountMoreThan':
      return selectedNewestFirst.slice(selection.countNumber);
    case 'sinceImagePushed': {
      const cutoff = now.getTime() - selection.countNumber * DAY_MS;
      return selectedNewestFirst.filter((image) => image.imagePushedAt.getTime() < cutoff);
    }
    case 'sinceImagePulled': {
      const cutoff = now.getTime() - selection.countNumber * DAY_MS;
      return selectedNewestFirst.filter((image) => (image.lastRecordedPullTime ?? image.imagePushedAt).getTime() < cutoff);
    }
  }
}
