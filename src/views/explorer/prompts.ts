// Every question the explorer asks goes through here, so that integration tests can answer in
// place of a person (the AWS side stays real: ecr-local over HTTP). The real UI is VS Code's own.
import * as vscode from 'vscode';

export interface Prompts {
  inputBox(options: vscode.InputBoxOptions): Promise<string | undefined>;
  quickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { canPickMany?: false }): Promise<T | undefined>;
  quickPickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined>;
  /** A modal warning; true only when the user chose `confirmLabel`. */
  confirm(message: string, detail: string, confirmLabel: string): Promise<boolean>;
  /**
   * A quick pick of suggestions that also takes whatever is typed (checked by validateInput as it
   * is typed); resolves with the chosen or typed text. Optional so that older replacements still
   * compile; pickOrType() below falls back to a quick pick plus an input box without it.
   */
  pickOrType?(items: readonly vscode.QuickPickItem[], options: PickOrTypeOptions): Promise<string | undefined>;
  /** A folder chosen in the open dialog (optional, as above). */
  chooseFolder?(options: { title: string; defaultUri?: vscode.Uri }): Promise<vscode.Uri | undefined>;
}

export interface PickOrTypeOptions {
  readonly title?: string;
  readonly placeHolder?: string;
  /** Says why a typed value cannot be used, or undefined when it can. */
  readonly validateInput: (value: string) => string | undefined;
}

const vscodePrompts: Prompts = {
  inputBox: async (options) => vscode.window.showInputBox(options),
  quickPick: async (items, options) => vscode.window.showQuickPick([...items], { ...options, canPickMany: false }),
  quickPickMany: async (items, options) => vscode.window.showQuickPick([...items], { ...options, canPickMany: true }),
  confirm: async (message, detail, confirmLabel) =>
    (await vscode.window.showWarningMessage(message, { modal: true, detail }, confirmLabel)) === confirmLabel,
  pickOrType: showPickOrType,
  chooseFolder: async ({ title, defaultUri }) =>
    (await vscode.window.showOpenDialog({ title, canSelectFolders: true, canSelectFiles: false, canSelectMany: false, ...(defaultUri ? { defaultUri } : {}) }))?.[0],
};

/** The quick pick behind pickOrType: the typed text is the first item while it is not one of the suggestions. */
async function showPickOrType(items: readonly vscode.QuickPickItem[], options: PickOrTypeOptions): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { readonly typed?: boolean };
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = options.title;
  quickPick.placeholder = options.placeHolder;
  const render = (value: string): void => {
    const typed = value.trim();
    const problem = typed === '' ? undefined : options.validateInput(typed);
    const typedItem: Item[] =
      typed === '' || items.some((item) => item.label === typed)
        ? []
        : [{ label: typed, description: problem ? `$(error) ${problem}` : vscode.l10n.t('the tag typed'), typed: true, alwaysShow: true }];
    quickPick.items = [...typedItem, ...items];
  };
  render('');
  const disposables: vscode.Disposable[] = [quickPick.onDidChangeValue(render)];
  try {
    return await new Promise<string | undefined>((resolve) => {
      disposables.push(
        quickPick.onDidAccept(() => {
          const label = quickPick.selectedItems[0]?.label ?? quickPick.value.trim();
          if (label !== '' && options.validateInput(label) === undefined) {
            resolve(label);
            quickPick.hide();
          }
        }),
        quickPick.onDidHide(() => resolve(undefined)),
      );
      quickPick.show();
    });
  } finally {
    for (const disposable of disposables) {
      disposable.dispose();
    }
    quickPick.dispose();
  }
}

/** prompts().pickOrType, or (for a replacement without it) a quick pick with "Type another…" and an input box. */
export async function pickOrType(items: readonly vscode.QuickPickItem[], options: PickOrTypeOptions): Promise<string | undefined> {
  const current = prompts();
  if (current.pickOrType) {
    return current.pickOrType(items, options);
  }
  const typeOther = { label: vscode.l10n.t('$(edit) Type Another…'), typeOther: true };
  const picked = await current.quickPick<vscode.QuickPickItem & { typeOther?: boolean }>([...items, typeOther], options);
  if (!picked?.typeOther) {
    return picked?.label;
  }
  return current.inputBox({ ...(options.title ? { title: options.title } : {}), validateInput: options.validateInput, ignoreFocusOut: true });
}

let current: Prompts = vscodePrompts;

export function prompts(): Prompts {
  return current;
}

/** Tests only (through the extension's exported API): undefined restores VS Code's UI. */
export function replacePrompts(replacement: Prompts | undefined): void {
  current = replacement ?? vscodePrompts;
}
