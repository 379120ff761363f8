// Answers the push commands' questions in place of a person: each question is handed to the
// next handler of a script, which checks what was asked and answers (or fails the test).
import type * as vscode from 'vscode';
import type { PickOrTypeOptions, Prompts } from '../../src/views/explorer/prompts';

export type Question =
  | { readonly kind: 'pick'; readonly text: string; readonly items: ReadonlyArray<vscode.QuickPickItem & Record<string, unknown>> }
  | { readonly kind: 'pickOrType'; readonly text: string; readonly items: readonly vscode.QuickPickItem[]; readonly validate: (value: string) => string | undefined }
  | { readonly kind: 'input'; readonly text: string; readonly validate: (value: string) => string | undefined }
  | { readonly kind: 'confirm'; readonly text: string }
  | { readonly kind: 'folder'; readonly text: string };

/** Returns the answer: an item (pick), a string (pickOrType, input), a boolean (confirm), a Uri (folder), or undefined to dismiss. */
export type Answer = (question: Question) => unknown;

export class PushPrompts implements Prompts {
  readonly asked: Question[] = [];
  private readonly script: Answer[];

  constructor(script: readonly Answer[]) {
    this.script = [...script];
  }

  get unanswered(): number {
    return this.script.length;
  }

  private ask(question: Question): Promise<unknown> {
    this.asked.push(question);
    const next = this.script.shift();
    if (!next) {
      throw new Error(`The script has no answer left for: ${question.kind} ${question.text}`);
    }
    return Promise.resolve(next(question));
  }

  async inputBox(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const validate = (value: string): string | undefined => {
      const said = options.validateInput?.(value);
      return typeof said === 'string' ? said : undefined;
    };
    return (await this.ask({ kind: 'input', text: [options.title, options.prompt].filter(Boolean).join(' | '), validate })) as string | undefined;
  }

  async quickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    const described = items as unknown as ReadonlyArray<vscode.QuickPickItem & Record<string, unknown>>;
    return (await this.ask({ kind: 'pick', text: [options.title, options.placeHolder].filter(Boolean).join(' | '), items: described })) as T | undefined;
  }

  quickPickMany<T extends vscode.QuickPickItem>(): Promise<readonly T[] | undefined> {
    return Promise.reject(new Error('The push commands ask no multiple choice'));
  }

  async confirm(message: string, detail: string): Promise<boolean> {
    return Boolean(await this.ask({ kind: 'confirm', text: `${message} | ${detail}` }));
  }

  async pickOrType(items: readonly vscode.QuickPickItem[], options: PickOrTypeOptions): Promise<string | undefined> {
    return (await this.ask({ kind: 'pickOrType', text: [options.title, options.placeHolder].filter(Boolean).join(' | '), items, validate: options.validateInput })) as
      | string
      | undefined;
  }

  async chooseFolder(options: { title: string }): Promise<vscode.Uri | undefined> {
    return (await this.ask({ kind: 'folder', text: options.title })) as vscode.Uri | undefined;
  }
}

/** Picks the item whose label satisfies `match`; fails when the question is another or no item matches. */
export function pick(match: (label: string, item: vscode.QuickPickItem & Record<string, unknown>) => boolean): Answer {
  return (question) => {
    if (question.kind !== 'pick') {
      throw new Error(`Expected a quick pick, was asked ${question.kind}: ${question.text}`);
    }
    const found = question.items.find((item) => match(item.label, item));
    if (!found) {
      throw new Error(`No item matches in "${question.text}": ${question.items.map((item) => item.label).join(' | ')}`);
    }
    return found;
  };
}

/** Types `value` into a pick-or-type (checked by its validateInput first); `before` runs first (e.g. to change ECR meanwhile). */
export function typeTag(value: string, before?: (question: Question) => Promise<void> | void): Answer {
  return async (question) => {
    if (question.kind !== 'pickOrType' && question.kind !== 'input') {
      throw new Error(`Expected a tag, was asked ${question.kind}: ${question.text}`);
    }
    const problem = question.validate(value);
    if (problem) {
      throw new Error(`"${value}" was refused: ${problem}`);
    }
    await before?.(question);
    return value;
  };
}
