// Finding → vscode.Diagnostic: severity, range, the rule id linked to its page shipped in the
// extension (docs/rules/<id>.md), a source name users can filter the Problems panel by, and tags.
import * as vscode from 'vscode';
import type { Finding, Range, Severity } from '../../lint/types';

/** Shown in the Problems panel and hovers; also how our diagnostics are told apart from others'. */
export const LINT_SOURCE = 'ECR Explorer';

const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  style: vscode.DiagnosticSeverity.Hint,
};

/** Aliases of rules about deprecated syntax: the editor strikes the text through. */
const DEPRECATED_ALIASES = new Set(['DL4000', 'MaintainerDeprecated', 'CKV_DOCKER_6', 'AVD-DS-0022']);

export function ruleDocUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${ruleId}.md`);
}

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toDiagnostic(finding: Finding, extensionUri: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = LINT_SOURCE;
  diagnostic.code = { value: finding.ruleId, target: ruleDocUri(extensionUri, finding.ruleId) };
  if (finding.aliases.some((alias) => DEPRECATED_ALIASES.has(alias))) {
    diagnostic.tags = [vscode.DiagnosticTag.Deprecated];
  }
  return diagnostic;
}

/** The rule id of one of our diagnostics, as VS Code hands it back to code action providers. */
export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== LINT_SOURCE) {
    return undefined;
  }
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) {
    return String(code.value);
  }
  return code === undefined ? undefined : String(code);
}
