// Rule ids as users write them. Trivy's ids come as AVD-DS-0002, DS-0002, DS002 or ds002; the
// others (hadolint DL3008, Checkov CKV_DOCKER_1, BuildKit JSONArgsRecommended, ours) compare
// case-insensitively. canonicalId() gives the one spelling used as a map key.

const TRIVY = /^(?:AVD-)?DS-?0*(\d{1,4})$/i;

export function canonicalId(id: string): string {
  const trimmed = id.trim();
  const trivy = TRIVY.exec(trimmed);
  if (trivy) {
    return `AVD-DS-${(trivy[1] ?? '').padStart(4, '0')}`;
  }
  return trimmed.toUpperCase();
}

export function isHadolintId(id: string): boolean {
  return /^DL\d{4}$/i.test(id);
}

/** BuildKit names its checks in CamelCase words (JSONArgsRecommended, StageNameCasing). */
export function isBuildKitId(id: string): boolean {
  return /^[A-Z][A-Za-z]*[a-z][A-Za-z]*$/.test(id);
}
