// The findings page's words in English, as src/views/scan/findingsPanel.ts gives them to the
// page when no translation applies (a copy: that file imports vscode, which unit tests cannot).
import type { FindingsLabels } from '../../../src/views/scan/findingsHtml';

export const ENGLISH_LABELS: FindingsLabels = {
  pageTitle: 'Scan findings: {0}',
  severity: 'Severity',
  fixFilter: 'Fix',
  fixAny: 'any',
  fixAvailable: 'fix available',
  noFix: 'no fix',
  textFilter: 'Text',
  textPlaceholder: 'id, package, description',
  showAll: 'Show all',
  vulnerability: 'Vulnerability',
  package: 'Package',
  installed: 'Installed',
  fixedIn: 'Fixed in',
  inspectorScore: 'Inspector score',
  epss: 'EPSS',
  exploit: 'Exploit',
  scanLine: '{0} scan, {1}',
  scanLineCompleted: '{0} scan, {1}, completed {2}',
  severityCount: '{0} {1}',
  noFindings: 'No findings',
  oneFinding: '1 finding',
  findingsCount: '{0} findings',
  findingsShown: '{0} of {1} findings shown',
  notReported: '—',
  notReportedTooltip: 'Basic scanning does not report fixed versions; the advisory link says which version fixes it.',
  fixFilterDisabled: 'Basic scanning does not report fixed versions.',
  exploitYes: 'yes',
  exploitNo: 'no',
};
