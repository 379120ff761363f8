// Every failure and warning the extension shows goes through here: the message, the actions that
// help (Retry, Create Repository, Open Settings…), and always "Show Log". It is never awaited: a
// command finishes when its work does, not when someone dismisses a message.
import * as vscode from 'vscode';

/** A button of a notification and what it runs; its failure goes to the log. */
export type MessageAction = readonly [label: string, run: () => unknown];

interface Log {
  show(): void;
  error(message: string): void;
}

export function notify(log: Log, level: 'error' | 'warning', message: string, actions: readonly MessageAction[] = []): void {
  const showLog = vscode.l10n.t('Show Log');
  const labels = [...actions.map(([label]) => label), showLog];
  const shown = level === 'error' ? vscode.window.showErrorMessage(message, ...labels) : vscode.window.showWarningMessage(message, ...labels);
  void shown.then((answer) => {
    if (answer === showLog) {
      log.show();
      return;
    }
    const action = actions.find(([label]) => label === answer);
    if (action) {
      void Promise.resolve()
        .then(action[1])
        .catch((error: unknown) => log.error(errorMessage(error)));
    }
  });
}

/** What an unexpected error says, for a notification and the log. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
