// The ECR view as a user sees it once repositories and images are loaded (ecr-local's demo seed),
// read from the rendered workbench through the harness's UI bridge, with a screenshot.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { ourExtension } from './extensionInfo';
import { testEcr } from './testEcr';
import { screenshot, waitForTexts } from './uiBridge';

const SIDEBAR = '#workbench\\.parts\\.sidebar';
const TREE_ROWS = `${SIDEBAR} .monaco-list-row`;

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('ecrExplorer').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('the ECR view with repositories and images', function () {
  this.timeout(120_000);
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await screenshot(`failed-${this.currentTest.fullTitle()}`);
    }
  });
  after(async () => {
    await setSetting('profiles', undefined);
  });

  it('reveals a repository found by name and shows its images with digest, size, age and scan results', async () => {
    const { explorer } = (await ourExtension().activate()) as ExtensionApi;
    const { profiles, region } = testEcr();
    await setSetting('profiles', [profiles.healthy]);
    await vscode.commands.executeCommand('ecrExplorer.registries.focus');
    explorer.tree.setFilter('team-a/api');
    const node = await explorer.tree.findRepositoryNode({ profile: profiles.healthy, region }, 'team-a/api');
    assert.ok(node, 'team-a/api is in the tree');
    await explorer.treeView.reveal(node, { select: true, focus: true, expand: true });

    const labels = await waitForTexts(
      `${TREE_ROWS} .label-name`,
      (texts) => texts.some((text) => text.includes('v1.5.0, latest, main-8c3f2e1')),
      'the images of team-a/api',
    );
    assert.ok(labels.includes('team-a'), `the namespace folder: ${labels.join(' | ')}`);
    assert.ok(labels.includes('<untagged>'), 'untagged images are listed');
    const descriptions = await waitForTexts(
      `${TREE_ROWS} .label-description`,
      (texts) => texts.some((text) => /^sha256:[0-9a-f]{12} · .+B · .+ · .+/.test(text)),
      'image descriptions with digest, size, age and scan state',
    );
    assert.ok(descriptions.length > 0);
    await screenshot('explorer-images');
    explorer.tree.setFilter('');
  });
});
