// Features that only matter once a Dockerfile is open (the linter, the scan findings' CodeLens,
// hover and restored diagnostics) load then, not at activation.
import * as vscode from 'vscode';

export function isDockerfile(document: vscode.TextDocument): boolean {
  return document.languageId === 'dockerfile';
}

/** Runs `load` now if a Dockerfile is open, else once the first one opens. */
export function whenDockerfileOpens(context: vscode.ExtensionContext, load: () => void): void {
  if (vscode.workspace.textDocuments.some(isDockerfile)) {
    load();
    return;
  }
  // A changed language mode reopens the document, so this also sees a file switched to Dockerfile.
  const waiting = vscode.workspace.onDidOpenTextDocument((document) => {
    if (isDockerfile(document)) {
      waiting.dispose();
      load();
    }
  });
  context.subscriptions.push(waiting);
}
