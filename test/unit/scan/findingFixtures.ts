// Findings as the normaliser produces them, kept short for the mapper's tables.
import type { Severity } from '../../../src/ecr/model';
import type { ScanFinding } from '../../../src/scan/model';

export function os(id: string, severity: Severity, packageName: string, installedVersion: string, fixedVersion?: string, extra: Partial<ScanFinding> = {}): ScanFinding {
  return { id, severity, packageName, installedVersion, packageManager: 'OS', ...(fixedVersion ? { fixedVersion, fixAvailable: 'YES' } : {}), ...extra };
}

export function lang(
  manager: string,
  id: string,
  severity: Severity,
  packageName: string,
  installedVersion: string,
  fixedVersion?: string,
  extra: Partial<ScanFinding> = {},
): ScanFinding {
  return { id, severity, packageName, installedVersion, packageManager: manager, ...(fixedVersion ? { fixedVersion, fixAvailable: 'YES' } : { fixAvailable: 'NO' }), ...extra };
}

/** A document line as it reads, for asserting where a finding landed. */
export function lineText(text: string, line: number): string {
  return text.split('\n')[line] ?? '';
}
