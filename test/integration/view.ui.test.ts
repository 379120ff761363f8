// The "ECR" view as a user sees it in the workbench, read through the harness's UI bridge.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { testEcr } from './testEcr';
import { press, screenshot, textsOf, waitForTexts } from './uiBridge';
import { waitUntil } from './waitFor';

const VIEW = 'ecrExplorer.registries';
const SIDEBAR = '#workbench\\.parts\\.sidebar';
const WELCOME = `${SIDEBAR} .welcome-view-content`;
const TREE_ROWS = `${SIDEBAR} .monaco-list-row`;
// The first line of each row (label and description): a row template keeps the text of a detail
// line it showed for an earlier quick pick, hidden, in its second line.
const QUICK_PICK_ROWS = '.quick-input-widget .monaco-list-row .quick-input-list-row:first-child';

/** Each row of a list as "label — description", read from the rendered label parts. */
async function rowsOf(rowSelector: string, count: number, description: string): Promise<string[]> {
  const labels = await waitForTexts(`${rowSelector} .label-name`, (texts) => texts.length === count, description);
  const descriptions = await textsOf(`${rowSelector} .label-description`);
  return labels.map((label, index) => `${label.trim()} — ${descriptions[index]?.trim() ?? ''}`);
}

async function setProfiles(names: string[]): Promise<void> {
  await vscode.workspace.getConfiguration('ecrExplorer').update('profiles', names, vscode.ConfigurationTarget.Global);
}

describe('the ECR view', function () {
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await screenshot(`failed-${this.currentTest.fullTitle()}`);
    }
  });
  after(async () => {
    await setProfiles([]);
  });

  it('shows welcome content with a button to choose a profile when no profile is chosen', async () => {
    await setProfiles([]);
    await vscode.commands.executeCommand(`${VIEW}.focus`);
    const [welcome] = await waitForTexts(WELCOME, (texts) => texts.some((t) => t.includes('Choose AWS Profile')), 'the welcome content');
    assert.match(welcome ?? '', /Browse your Amazon ECR repositories/);
    assert.match(welcome ?? '', /open the settings/);
    await screenshot('welcome');
  });

  it('lists the chosen profiles with their account and regions, and flags unknown ones', async () => {
    const { profiles, region } = testEcr();
    await setProfiles([profiles.healthy, 'gone']);
    // The profile's description gains its account id once ecr-local has answered DescribeRegistry.
    const rows = await waitUntil(
      () => rowsOf(TREE_ROWS, 3, 'the profile, its region and the unknown profile'),
      (texts) => /^\d{12} · access keys$/.test(texts[0]?.split(' — ')[1] ?? ''),
      'the account id of the profile',
    );
    assert.deepEqual(rows.slice(1), [`${region} — Europe (Ireland)`, 'gone — not found']);
    assert.match(rows[0] ?? '', new RegExp(`^${profiles.healthy} — \\d{12} · access keys$`));
    await screenshot('profiles');
    assert.deepEqual(await waitForTexts(WELCOME, (texts) => texts.length === 0, 'the welcome content to go'), []);
  });

  it('offers the profiles of the AWS config files in "Choose AWS Profiles…"', async () => {
    await setProfiles(['default']);
    const choosing = vscode.commands.executeCommand('ecrExplorer.chooseProfiles');
    // The fixture's profiles plus the three the harness adds for ecr-local (see ecrLocalProfiles.ts).
    const region = testEcr().region;
    assert.deepEqual(await rowsOf(QUICK_PICK_ROWS, 6, 'six profiles in the quick pick'), [
      'default — eu-west-1',
      `ecr-local — ${region}`,
      `ecr-local-mfa — ${region}`,
      `ecr-local-sso — ${region}`,
      'prod-readonly — us-east-1',
      'sso-dev — eu-central-1',
    ]);
    await press('Escape');
    await choosing;
    assert.deepEqual(vscode.workspace.getConfiguration('ecrExplorer').get('profiles'), ['default'], 'Escape keeps the choice');
  });
});
