// Applies a quick fix that needs a value first (a tag, a digest, a user name): offers the fix's
// suggestions in a quick pick, or free input checked as it is typed, then puts the value into the
// fix's edits. Nothing is changed when the user cancels or the file changed in the meantime.
import * as vscode from 'vscode';
import type { Fix, FixPrompt } from '../../lint/types';
import { toRange } from './diagnostics';

/** Internal command behind prompted quick fixes; not in the command palette. */
export const APPLY_FIX_COMMAND = 'ecrExplorer.lint.applyFix';

export interface PromptedFixArguments {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly fix: Fix;
}

export async function applyPromptedFix(args: unknown): Promise<boolean> {
  if (!isPromptedFixArguments(args)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('This command runs from a Dockerfile quick fix (the light bulb), not on its own.'));
    return false;
  }
  const { uri, version, fix } = args;
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
  const changed = (): boolean => !document || document.isClosed || document.version !== version;
  if (changed()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The Dockerfile changed since the fix was offered; open the quick fixes again.'));
    return false;
  }
  const value = fix.prompt ? await askForValue(fix.prompt) : '';
  if (value === undefined) {
    return false;
  }
  if (changed()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The Dockerfile changed while the value was asked; open the quick fixes again.'));
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const textEdit of fix.edits) {
    edit.replace(uri, toRange(textEdit.range), textEdit.newText.split('${value}').join(value));
  }
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not apply "{0}" to the Dockerfile.', fix.title));
  }
  return applied;
}

async function askForValue(prompt: FixPrompt): Promise<string | undefined> {
  const problemWith = (value: string): string | undefined =>
    value.trim() === '' ? vscode.l10n.t('Enter a value.') : prompt.validate?.(value.trim());
  let initial = '';
  if (prompt.suggestions.length > 0) {
    const other: vscode.QuickPickItem = { label: `$(edit) ${vscode.l10n.t('Enter another value…')}`, alwaysShow: true };
    const picked = await vscode.window.showQuickPick(
      [
        ...prompt.suggestions.map((suggestion): vscode.QuickPickItem => ({ label: suggestion })),
        { label: '', kind: vscode.QuickPickItemKind.Separator },
        other,
      ],
      { title: prompt.prompt, placeHolder: vscode.l10n.t('Pick a value, or enter another one') },
    );
    if (!picked) {
      return undefined;
    }
    if (picked !== other) {
      if (problemWith(picked.label) === undefined) {
        return picked.label.trim();
      }
      initial = picked.label; // A suggestion the check refuses: let the user correct it.
    }
  }
  const typed = await vscode.window.showInputBox({
    title: prompt.prompt,
    prompt: prompt.prompt,
    value: initial,
    validateInput: problemWith,
  });
  return typed === undefined ? undefined : typed.trim();
}

function isPromptedFixArguments(value: unknown): value is PromptedFixArguments {
  const args = value as Partial<PromptedFixArguments> | undefined;
  return (
    args !== undefined &&
    args !== null &&
    args.uri instanceof vscode.Uri &&
    typeof args.version === 'number' &&
    typeof args.fix === 'object' &&
    args.fix !== null &&
    Array.isArray(args.fix.edits)
  );
}
