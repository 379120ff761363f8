// Every Inspector2 finding of a region: one per vulnerability of every image whose enhanced
// scan has completed. Deleting an image removes its findings (Inspector would close them).
import type { Finding } from '@aws-sdk/client-inspector2';
import type { EcrLocalStore } from '../store';
import { inspectorFinding } from '../store/findings';

export function regionFindings(store: EcrLocalStore, regionName: string): Finding[] {
  const findings: Finding[] = [];
  const region = store.regions.get(regionName);
  for (const repository of region?.repositories.values() ?? []) {
    for (const image of repository.images.values()) {
      const scan = image.scan;
      if (scan?.type !== 'ENHANCED' || scan.completedAt === undefined || (scan.status !== 'COMPLETE' && scan.status !== 'ACTIVE')) {
        continue;
      }
      const scanned = { region: regionName, repositoryName: repository.name, image, scan };
      for (const vulnerability of scan.vulnerabilities) {
        findings.push(inspectorFinding(scanned, vulnerability));
      }
    }
  }
  return findings;
}
