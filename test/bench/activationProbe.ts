// Runs inside a fresh extension host (one per page load of the activation benchmark): times
// activate() of the extension, which includes loading its bundle, and reports the result
// through the harness's UI bridge.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { postLog } from '../integration/uiBridge';
import { activationLine } from './protocol';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension('ecr-explorer.ecr-explorer');
  if (!extension) {
    throw new Error('ecr-explorer.ecr-explorer is not loaded');
  }
  if (extension.isActive) {
    throw new Error('The extension was already active: the measurement would be meaningless.');
  }
  const started = performance.now();
  await extension.activate();
  const elapsed = performance.now() - started;
  await postLog(activationLine(elapsed));
}
