// Mistakes in the linting settings or a .hadolint.yaml, told once each: every new one goes to the
// log, and a notification (with a way to the log) says how many there are. Linting goes on
// without the wrong values.
import * as vscode from 'vscode';
import { notify } from '../notify';

export class ProblemReporter {
  private readonly told = new Set<string>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  report(problems: readonly string[]): void {
    const fresh = problems.filter((problem) => !this.told.has(problem));
    if (fresh.length === 0) {
      return;
    }
    for (const problem of fresh) {
      this.told.add(problem);
      this.log.warn(`Linting configuration: ${problem}`);
    }
    const message =
      fresh.length === 1
        ? vscode.l10n.t('Dockerfile linting: {0}', fresh[0]!)
        : vscode.l10n.t('Dockerfile linting: {0} problems in the settings or .hadolint.yaml; they are ignored until fixed.', fresh.length);
    notify(this.log, 'warning', message);
  }
}
