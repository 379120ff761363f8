// The status bar item's short text, decided without the editor: the chosen profiles and regions,
// cut short so the item stays small (the tooltip lists them all).

const MAX_PROFILES = 2;
const MAX_REGIONS = 1;

/** E.g. "default, prod · eu-west-1 +1"; undefined when no profile is chosen (the item hides). */
export function statusBarSummary(profiles: readonly string[], regions: readonly string[]): string | undefined {
  if (profiles.length === 0) {
    return undefined;
  }
  const profilePart = shortList(profiles, MAX_PROFILES);
  const distinctRegions = [...new Set(regions)];
  return distinctRegions.length === 0 ? profilePart : `${profilePart} · ${shortList(distinctRegions, MAX_REGIONS)}`;
}

function shortList(items: readonly string[], max: number): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} +${items.length - max}` : shown;
}
