// Quick fixes for our diagnostics: each finding's own fixes (edits, or a command that first asks
// for a value), then the suppression pragmas suppressionFixes() offers for it.
import * as vscode from 'vscode';
import type { Finding, Fix } from '../../lint/types';
import { APPLY_FIX_COMMAND, type PromptedFixArguments } from './applyFix';
import { ruleIdOf, toRange } from './diagnostics';
import type { LintController, LintedPair } from './lintController';

export class LintCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(
    private readonly controller: LintController,
    private readonly suppressionFixes: (text: string, finding: Finding) => Fix[],
  ) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) {
      return [];
    }
    const ours = context.diagnostics.filter((diagnostic) => ruleIdOf(diagnostic) !== undefined);
    if (ours.length === 0) {
      return [];
    }
    const result = this.controller.resultFor(document);
    if (!result) {
      return [];
    }
    const fixes: vscode.CodeAction[] = [];
    const suppressions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const diagnostic of ours) {
      const pair = matchingPair(result.pairs, diagnostic);
      if (!pair) {
        continue;
      }
      for (const fix of pair.finding.fixes) {
        fixes.push(toCodeAction(fix, diagnostic, document));
      }
      const text = document.getText();
      for (const fix of this.suppressionFixes(text, pair.finding)) {
        // Two findings of one rule offer the same "suppress in this file": show it once.
        const key = `${fix.title}\u0000${JSON.stringify(fix.edits)}`;
        if (!seen.has(key)) {
          seen.add(key);
          suppressions.push(toCodeAction(fix, diagnostic, document));
        }
      }
    }
    return [...fixes.sort((a, b) => Number(b.isPreferred ?? false) - Number(a.isPreferred ?? false)), ...suppressions];
  }
}

/** The finding behind a diagnostic VS Code hands back: same rule and range, else same rule and line. */
function matchingPair(pairs: readonly LintedPair[], diagnostic: vscode.Diagnostic): LintedPair | undefined {
  const ruleId = ruleIdOf(diagnostic);
  const sameRule = pairs.filter((pair) => pair.finding.ruleId === ruleId);
  return (
    sameRule.find((pair) => pair.diagnostic.range.isEqual(diagnostic.range)) ??
    sameRule.find((pair) => pair.diagnostic.range.start.line === diagnostic.range.start.line)
  );
}

function toCodeAction(fix: Fix, diagnostic: vscode.Diagnostic, document: vscode.TextDocument): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (fix.isPreferred) {
    action.isPreferred = true;
  }
  if (fix.prompt) {
    // The value is asked when the user picks the fix, not while the light bulb is drawn.
    const args: PromptedFixArguments = { uri: document.uri, version: document.version, fix };
    action.command = { command: APPLY_FIX_COMMAND, title: fix.title, arguments: [args] };
  } else {
    const edit = new vscode.WorkspaceEdit();
    for (const textEdit of fix.edits) {
      edit.replace(document.uri, toRange(textEdit.range), textEdit.newText);
    }
    action.edit = edit;
  }
  return action;
}
