// The ECR view as a user sees it once repositories and images are loaded (ecr-local's demo seed),
// read from the rendered workbench through the harness's UI bridge, with a screenshot.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { ourExtension } from './extensionInfo';
import { testEcr } from './testEcr';
import type { Prompts } from '../../src/views/explorer/prompts';
import { attributesOf, press, screenshot, waitForTexts } from './uiBridge';
import { waitUntil } from './waitFor';

const SIDEBAR = '#workbench\\.parts\\.sidebar';
const TREE_ROWS = `${SIDEBAR} .monaco-list-row`;
// The first line of each row (label and description): a row template keeps the text of a detail
// line it showed for an earlier quick pick, hidden, in its second line.
const QUICK_PICK_ROWS = '.quick-input-widget .monaco-list-row .quick-input-list-row:first-child';
const FOCUSED_QUICK_INPUT = '.quick-input-widget .quick-input-box input:focus';

/** Types into the quick input once it has focus (keys sent before then are lost). */
async function type(text: string): Promise<void> {
  await waitUntil(() => attributesOf(FOCUSED_QUICK_INPUT, 'class'), (found) => found.length === 1, 'the quick input to take focus');
  for (const character of text) {
    await press(character);
  }
}

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
    // Wide enough for the whole descriptions, for the README's picture; then back as it was.
    // The resize commands act on the active part, the editor area: narrowing it widens the side bar.
    await resizeEditorArea('workbench.action.decreaseViewWidth');
    await screenshot('explorer-images');
    await resizeEditorArea('workbench.action.increaseViewWidth');
    explorer.tree.setFilter('');
  });

  it('finds a repository by typing part of its name, streaming matches from every chosen profile and region, and reveals it', async () => {
    const { explorer } = (await ourExtension().activate()) as ExtensionApi;
    const { profiles } = testEcr();
    await setSetting('profiles', [profiles.healthy]);
    const chosenActions: string[] = [];
    const refuse = (): never => {
      throw new Error('Only the action after the pick is answered here.');
    };
    const revealing: Prompts = {
      inputBox: refuse,
      quickPickMany: refuse,
      confirm: refuse,
      quickPick: (items) => {
        chosenActions.push(...items.map((item) => item.label));
        return Promise.resolve(items.find((item) => item.label.includes('Reveal')));
      },
    };
    explorer.replacePrompts(revealing);
    try {
      const finding = vscode.commands.executeCommand('ecrExplorer.findRepository');
      await type('team-b/work');
      // Typed a key at a time: rows of a shorter query may still show until the last keystroke's
      // matches are drawn, so wait for a list that holds team-b/worker and nothing but matches.
      await waitForTexts(
        `${QUICK_PICK_ROWS} .label-name`,
        (texts) => texts.some((text) => text.includes('team-b/worker')) && texts.every((text) => text.includes('team-b/work')),
        'team-b/worker among the matches, and only matches',
      );
      const descriptions = await waitForTexts(`${QUICK_PICK_ROWS} .label-description`, (texts) => texts.length > 0, 'profile · region');
      assert.ok(descriptions.some((text) => text.includes(`${profiles.healthy} · `)), descriptions.join(' | '));
      await screenshot('find-repository');
      await press('Enter');
      await finding;
      assert.ok(chosenActions.some((label) => label.includes('Copy Repository URI')), chosenActions.join(' | '));
      await waitUntil(
        () => explorer.treeView.selection.map((node) => node.id),
        (ids) => ids.some((id) => id.endsWith('|team-b/worker')),
        'team-b/worker selected in the view',
      );
      assert.equal(explorer.tree.filter, 'team-b/worker', 'the view is filtered to the exact name');
    } finally {
      explorer.replacePrompts(undefined);
      explorer.tree.setFilter('');
    }
  });
});

/** VS Code widens or narrows the active part by a step per call. */
async function resizeEditorArea(command: string): Promise<void> {
  for (let step = 0; step < 8; step++) {
    await vscode.commands.executeCommand(command);
  }
}
