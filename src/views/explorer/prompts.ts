// Every question the explorer asks goes through here, so that integration tests can answer in
// place of a person (the AWS side stays real: ecr-local over HTTP). The real UI is VS Code's own.
import * as vscode from 'vscode';

export interface Prompts {
  inputBox(options: vscode.InputBoxOptions): Promise<string | undefined>;
  quickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany?: false }): Promise<T | undefined>;
  quickPickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined>;
  /** A modal warning; true only when the user chose `confirmLabel`. */
  confirm(message: string, detail: string, confirmLabel: string): Promise<boolean>;
}

const vscodePrompts: Prompts = {
  inputBox: async (options) => vscode.window.showInputBox(options),
  quickPick: async (items, options) => vscode.window.showQuickPick([...items], { ...options, canPickMany: false }),
  quickPickMany: async (items, options) => vscode.window.showQuickPick([...items], { ...options, canPickMany: true }),
  confirm: async (message, detail, confirmLabel) =>
    (await vscode.window.showWarningMessage(message, { modal: true, detail }, confirmLabel)) === confirmLabel,
};

let current: Prompts = vscodePrompts;

export function prompts(): Prompts {
  return current;
}

/** Tests only (through the extension's exported API): undefined restores VS Code's UI. */
export function replacePrompts(replacement: Prompts | undefined): void {
  current = replacement ?? vscodePrompts;
}
