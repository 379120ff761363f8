// --format text: one line per finding, `file:line:column: severity rule-id: message`, the shape
// compilers print, so terminals and editors make it a link; then a one-line summary.
import type { Severity } from '../../lint/types';
import { SEVERITIES_BY_RANK } from '../threshold';
import { oneBased, type FileReport, type Reporter, type RunSummary } from './reporter';

const COLOURS: Readonly<Record<Severity, string>> = { error: '31', warning: '33', info: '36', style: '2' };

export function createTextReporter(options: { colours: boolean }): Reporter {
  const paint = (code: string, text: string): string => (options.colours ? `\u001b[${code}m${text}\u001b[0m` : text);
  return {
    begin: () => '',
    file(report: FileReport): string {
      return report.findings
        .map((finding) => {
          const { line, column } = oneBased(finding);
          const where = paint('1', `${report.displayPath}:${line}:${column}`);
          return `${where}: ${paint(COLOURS[finding.severity], finding.severity)} ${finding.ruleId}: ${finding.message}\n`;
        })
        .join('');
    },
    end: (summary) => `${summaryLine(summary)}\n`,
  };
}

export function summaryLine(summary: RunSummary): string {
  const files = `${summary.filesLinted} ${summary.filesLinted === 1 ? 'file' : 'files'}`;
  const total = SEVERITIES_BY_RANK.reduce((sum, severity) => sum + summary.counts[severity], 0);
  if (total === 0) {
    return `No findings in ${files}.`;
  }
  const parts = SEVERITIES_BY_RANK.filter((severity) => summary.counts[severity] > 0).map(
    (severity) => `${summary.counts[severity]} ${severity}`,
  );
  return `${total} ${total === 1 ? 'finding' : 'findings'} (${parts.join(', ')}) in ${summary.filesWithFindings} of ${files}.`;
}
