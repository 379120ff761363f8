// --format json: one array of flat findings, 1-based positions, written as the files are linted.
import type { Severity } from '../../lint/types';
import { oneBased, type FileReport, type Reporter } from './reporter';

export interface JsonFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly ruleId: string;
  readonly aliases: readonly string[];
  readonly severity: Severity;
  readonly message: string;
}

export function createJsonReporter(): Reporter {
  let first = true;
  return {
    begin: () => '[',
    file(report: FileReport): string {
      let out = '';
      for (const finding of report.findings) {
        const item: JsonFinding = {
          file: report.displayPath,
          ...oneBased(finding),
          ruleId: finding.ruleId,
          aliases: finding.aliases,
          severity: finding.severity,
          message: finding.message,
        };
        out += `${first ? '\n' : ',\n'}  ${JSON.stringify(item)}`;
        first = false;
      }
      return out;
    },
    end: () => (first ? ']\n' : '\n]\n'),
  };
}
