// The linting UI as a user drives it: quick fixes that ask for a value (a suggestion picked, or
// free input checked as it is typed), "ECR: Show Lint Rules", and the Problems panel.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { attributesOf, press, screenshot, textsOf, waitForTexts } from './uiBridge';
import { closeAll } from './editors';
import { waitUntil } from './waitFor';

const SOURCE = 'ECR Explorer';
const QUICK_PICK_ROWS = '.quick-input-widget .monaco-list-row';
/** The label of each row (not the detail line some quick picks add below it). */
const QUICK_PICK_LABELS = `${QUICK_PICK_ROWS} .quick-input-list-rows > .quick-input-list-row:first-child .label-name`;
const QUICK_INPUT_MESSAGE = '.quick-input-widget .quick-input-message';
const FOCUSED_QUICK_INPUT = '.quick-input-widget .quick-input-box input:focus';

function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.file(path.join(folder.uri.fsPath, 'lint', name));
}

function ruleId(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

async function diagnosticOf(uri: vscode.Uri, id: string): Promise<vscode.Diagnostic> {
  const all = await waitUntil(
    () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE),
    (diagnostics) => diagnostics.some((d) => ruleId(d) === id),
    `a ${id} finding`,
  );
  return all.find((d) => ruleId(d) === id)!;
}

async function promptedFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: RegExp): Promise<vscode.Command> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
  const action = actions.find((candidate) => title.test(candidate.title) && candidate.command);
  assert.ok(action?.command, `a prompted fix ${String(title)}; got ${actions.map((a) => a.title).join(' | ')}`);
  return action.command;
}

/**
 * Types into the quick input. Keys go to whatever has focus, and the input box that follows a
 * quick pick takes focus a moment after it is drawn: typing before then loses the keys.
 */
async function type(text: string): Promise<void> {
  await waitUntil(() => attributesOf(FOCUSED_QUICK_INPUT, 'class'), (found) => found.length === 1, 'the quick input to take focus');
  for (const character of text) {
    await press(character);
  }
}

describe('Dockerfile linting UI', function () {
  this.timeout(60_000);
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await screenshot(`failed-${this.currentTest.fullTitle()}`);
    }
    await press('Escape');
    await closeAll();
  });

  it('asks for a tag with suggestions and puts the picked one in place of :latest', async () => {
    const uri = fixture('Dockerfile');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const latest = await diagnosticOf(uri, 'base-image-latest');
    const command = await promptedFix(uri, latest, /tag/i);
    const applying = vscode.commands.executeCommand<boolean>(command.command, ...((command.arguments ?? []) as unknown[]));
    const rows = await waitForTexts(QUICK_PICK_LABELS, (texts) => texts.length >= 2, 'the suggested tags');
    const first = rows[0]!.trim();
    await press('Enter');
    assert.equal(await applying, true);
    assert.equal(editor.document.lineAt(0).text, `FROM node:${first}`);
    await waitUntil(
      () => vscode.languages.getDiagnostics(uri).filter((d) => ruleId(d) === 'base-image-latest'),
      (left) => left.length === 0,
      'the :latest finding to go',
    );
  });

  it('checks a typed value before using it', async () => {
    const uri = fixture('Dockerfile');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const root = await diagnosticOf(uri, 'user-root');
    const command = await promptedFix(uri, root, /create/i);
    const applying = vscode.commands.executeCommand<boolean>(command.command, ...((command.arguments ?? []) as unknown[]));
    // The quick pick offers "app"; choose to type another name instead.
    await waitForTexts(QUICK_PICK_LABELS, (texts) => texts.some((t) => t.includes('Enter another value')), 'the quick pick');
    await type('Enter another');
    await press('Enter');
    // The input box (unlike the quick pick before it) says how to confirm.
    await waitForTexts(QUICK_INPUT_MESSAGE, (texts) => texts.some((t) => t.includes("Press 'Enter' to confirm")), 'the input box');
    await type('Bad');
    const [message] = await waitForTexts(QUICK_INPUT_MESSAGE, (texts) => texts.some((t) => /lowercase/i.test(t)), 'the validation message');
    assert.match(message ?? '', /lowercase/i);
    for (let i = 0; i < 3; i++) {
      await press('Backspace');
    }
    await type('svc');
    await press('Enter');
    assert.equal(await applying, true);
    assert.match(editor.document.getText(), /useradd [^\n]*\bsvc\b/);
    assert.ok(!editor.document.getText().includes('${value}'));
  });

  it('lists the rules in "ECR: Show Lint Rules", finds one by its hadolint id and opens its page', async () => {
    const showing = vscode.commands.executeCommand('ecrExplorer.showLintRules');
    await waitForTexts(QUICK_PICK_LABELS, (texts) => texts.length > 5, 'the rule list');
    await type('DL3004');
    await waitForTexts(QUICK_PICK_LABELS, (texts) => texts.length === 1 && texts[0]!.trim() === 'sudo', 'sudo alone');
    await press('Enter');
    await showing;
    await waitUntil(
      () => vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '',
      (label) => label.includes('sudo'),
      'the page of sudo to open',
    );
  });

  it('says which setting value is wrong, ignores it, and keeps linting with the rest', async () => {
    const uri = fixture('Dockerfile');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticOf(uri, 'base-image-latest');
    const settings = vscode.workspace.getConfiguration('ecrExplorer.lint');
    try {
      await settings.update('severity', { 'base-image-latest': 'loud', 'user-root': 'error' }, vscode.ConfigurationTarget.Workspace);
      await waitUntil(
        () => vscode.languages.getDiagnostics(uri).find((d) => ruleId(d) === 'user-root')?.severity,
        (severity) => severity === vscode.DiagnosticSeverity.Error,
        'the valid entry to apply',
      );
      const latest = vscode.languages.getDiagnostics(uri).find((d) => ruleId(d) === 'base-image-latest');
      assert.equal(latest?.severity, vscode.DiagnosticSeverity.Warning, 'the wrong entry is ignored: the default stays');
      const toasts = await waitForTexts(
        '.notifications-toasts .notification-list-item-message',
        (texts) => texts.some((t) => t.includes('"loud" for base-image-latest must be one of error, warning, info, style, off')),
        'a notification naming the wrong value',
      );
      assert.ok(toasts.length > 0);
    } finally {
      await settings.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });

  it('shows the findings in the Problems panel', async () => {
    const uri = fixture('Dockerfile');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticOf(uri, 'sudo');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const rows = await waitForTexts('.markers-panel .monaco-list-row', (texts) => texts.some((t) => t.includes(SOURCE) && t.includes('sudo')), 'the Problems panel rows');
    assert.ok(rows.some((row) => row.includes('user-root')));
    await screenshot('lint-problems');
    assert.ok((await textsOf('.markers-panel .monaco-list-row')).length >= 4);
  });
});
