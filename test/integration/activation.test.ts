// Runs first (see index.ts): laziness can only be seen before anything activates the extension.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { manifest, ourExtension } from './extensionInfo';
import { waitFor } from './waitFor';

describe('activation', () => {
  it('is not active when VS Code has started with a workspace', () => {
    assert.equal(ourExtension().isActive, false);
  });

  it('declares only lazy activation events', () => {
    const events = manifest().activationEvents ?? [];
    for (const eager of ['*', 'onStartupFinished']) {
      assert.ok(!events.includes(eager), `activationEvents contains ${eager}`);
    }
  });

  it('stays inactive when a plain text file is opened', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    const document = await vscode.workspace.openTextDocument(path.join(folder.uri.fsPath, 'notes.txt'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'plaintext');
    // A round trip through the main thread: by the time it returns, activation events that
    // opening the editor raised have reached this extension host.
    await vscode.commands.executeCommand('workbench.action.keepEditor');
    assert.equal(ourExtension().isActive, false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates when its view is opened', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.ecrExplorer');
    await waitFor(() => ourExtension().isActive, 'the extension to activate on its view');
  });

  it('contributes the ECR view in its own activity-bar container', () => {
    const { viewsContainers, views } = manifest().contributes;
    assert.ok(viewsContainers.activitybar.some((container) => container.id === 'ecrExplorer'));
    assert.deepEqual(
      views.ecrExplorer?.map((view) => view.id),
      ['ecrExplorer.registries'],
    );
  });

  it('registers every command it contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest().contributes.commands.map((entry) => entry.command);
    assert.ok(contributed.length >= 4, 'the manifest contributes commands');
    assert.deepEqual(
      contributed.filter((command) => !registered.has(command)),
      [],
      'contributed commands that activation did not register',
    );
  });
});
