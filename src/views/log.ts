import * as vscode from 'vscode';

/** One log output channel for the whole extension ("ECR Explorer" in the Output panel). */
let channel: vscode.LogOutputChannel | undefined;

export function getLog(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('ECR Explorer', { log: true });
  return channel;
}
