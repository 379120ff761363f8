// Which scan, if any, a repository gets: the registry scanning configuration decides between
// basic scanning (ECR's own) and enhanced scanning (Amazon Inspector), and the rules' wildcard
// repository filters decide the frequency.
//   ENHANCED: a matching CONTINUOUS_SCAN rule wins over SCAN_ON_PUSH; no match, no scanning.
//   BASIC: a matching SCAN_ON_PUSH rule, or the repository's own scanOnPush, scans on push;
//          otherwise scans are manual (StartImageScan).
import type { RegionRecord, RepositoryRecord, ScanFrequency, ScanType, WildcardFilter } from './model';
import { matchesAnyFilter } from './wildcardFilters';

export interface EffectiveScanning {
  readonly scanType: ScanType;
  readonly scanFrequency: ScanFrequency;
  readonly scanOnPush: boolean;
  readonly appliedScanFilters: readonly WildcardFilter[];
}

export function effectiveScanning(region: RegionRecord, repository: RepositoryRecord): EffectiveScanning {
  const { scanType, rules } = region.scanning;
  const matching = (frequency: ScanFrequency) =>
    rules.find((rule) => rule.scanFrequency === frequency && matchesAnyFilter(rule.repositoryFilters, repository.name));
  if (scanType === 'ENHANCED') {
    const rule = matching('CONTINUOUS_SCAN') ?? matching('SCAN_ON_PUSH');
    return rule
      ? { scanType, scanFrequency: rule.scanFrequency, scanOnPush: true, appliedScanFilters: rule.repositoryFilters }
      : { scanType, scanFrequency: 'MANUAL', scanOnPush: false, appliedScanFilters: [] };
  }
  const rule = matching('SCAN_ON_PUSH');
  if (rule) {
    return { scanType, scanFrequency: 'SCAN_ON_PUSH', scanOnPush: true, appliedScanFilters: rule.repositoryFilters };
  }
  return {
    scanType,
    scanFrequency: repository.scanOnPush ? 'SCAN_ON_PUSH' : 'MANUAL',
    scanOnPush: repository.scanOnPush,
    appliedScanFilters: [],
  };
}
