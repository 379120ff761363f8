// The fields of a finding that the line mapper reads, copied once into an object of one shape.
//
// Why: findings are built by spreading in only the optional fields each one has
// (src/ecr/scanNormalize.ts), and V8 then gives almost every finding a hidden class of its own.
// Reading a field by name (finding.id) from an object whose class the call site has not seen
// misses V8's lookup cache every time (about 200 ns a read; more for a field the finding lacks).
// 10,000 findings times a dozen reads, plus the reads of the sort, made up most of the mapping time.
// A for…in walk reads an object's own fields through its key list instead (about 10 ns a field),
// and the copy has the same shape for every finding, so all later reads are cheap.
// ScanFinding is plain data (own, enumerable fields), so the walk sees what reads by name would.
import type { Severity } from '../ecr/model';
import type { ScanFinding } from './model';

export interface FindingFields {
  readonly finding: ScanFinding;
  readonly id: string;
  readonly severity: Severity;
  readonly packageName: string | undefined;
  readonly installedVersion: string | undefined;
  readonly fixedVersion: string | undefined;
  readonly fixAvailable: ScanFinding['fixAvailable'];
  readonly packageManager: string | undefined;
  readonly filePath: string | undefined;
  readonly sourceLayerHash: string | undefined;
}

export function readFields(finding: ScanFinding): FindingFields {
  // Undefined until the walk meets them: a finding without an id or severity keeps them
  // undefined, as a read by name would.
  let id: unknown;
  let severity: unknown;
  let packageName: unknown;
  let installedVersion: unknown;
  let fixedVersion: unknown;
  let fixAvailable: unknown;
  let packageManager: unknown;
  let filePath: unknown;
  let sourceLayerHash: unknown;
  // `finding[key]` with the walk's own key is what V8 reads fast; `finding.id` here would not be.
  const record = finding as unknown as Readonly<Record<string, unknown>>;
  for (const key in record) {
    switch (key) {
      case 'id':
        id = record[key];
        break;
      case 'severity':
        severity = record[key];
        break;
      case 'packageName':
        packageName = record[key];
        break;
      case 'installedVersion':
        installedVersion = record[key];
        break;
      case 'fixedVersion':
        fixedVersion = record[key];
        break;
      case 'fixAvailable':
        fixAvailable = record[key];
        break;
      case 'packageManager':
        packageManager = record[key];
        break;
      case 'filePath':
        filePath = record[key];
        break;
      case 'sourceLayerHash':
        sourceLayerHash = record[key];
        break;
      default:
        break;
    }
  }
  // Always every field, in this order: one shape for all findings.
  return {
    finding,
    id: id as string,
    severity: severity as Severity,
    packageName: packageName as string | undefined,
    installedVersion: installedVersion as string | undefined,
    fixedVersion: fixedVersion as string | undefined,
    fixAvailable: fixAvailable as ScanFinding['fixAvailable'],
    packageManager: packageManager as string | undefined,
    filePath: filePath as string | undefined,
    sourceLayerHash: sourceLayerHash as string | undefined,
  };
}
