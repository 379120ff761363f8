// Dockerfile linting inside a real VS Code: diagnostics for the open (and unsaved) text, their
// rule links, quick fixes and suppressions applied through the code action API, settings and the
// folder's .hadolint.yaml, and the Dockerfile names VS Code treats as Dockerfiles.
import * as assert from 'node:assert/strict';
import { rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ourExtension } from './extensionInfo';
import { closeAll } from './editors';
import { waitUntil } from './waitFor';

const SOURCE = 'ECR Explorer';

function workspaceFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return folder.uri.fsPath;
}

function lintFixture(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceFolder(), 'lint', name));
}

/** Our diagnostics of a document, right now. */
function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

function ruleId(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

function describe_(diagnostics: vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => `${ruleId(d)}@${d.range.start.line}:${d.range.start.character}`);
}

/** Polls the document's diagnostics until `done` holds for them (the linter runs debounced). */
async function diagnosticsUntil(
  uri: vscode.Uri,
  done: (diagnostics: vscode.Diagnostic[]) => boolean,
  description: string,
): Promise<vscode.Diagnostic[]> {
  return waitUntil(() => ours(uri), done, description).catch((error: Error) => {
    throw new Error(`${error.message}\nseen: ${describe_(ours(uri)).join(', ')}`);
  });
}

const has = (id: string) => (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => ruleId(d) === id);
const lacks = (id: string) => (diagnostics: vscode.Diagnostic[]) => !diagnostics.some((d) => ruleId(d) === id);

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

async function quickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return actions;
}

/** Inserted text of an action's edit, all edits together. */
function insertedText(action: vscode.CodeAction): string {
  return (action.edit?.entries() ?? []).flatMap(([, edits]) => edits.map((edit) => edit.newText)).join('\n');
}

const isSuppression = (action: vscode.CodeAction): boolean => /suppress|ignore/i.test(action.title);

describe('Dockerfile linting', function () {
  this.timeout(60_000);
  afterEach(closeAll);

  it('shows findings of an opened Dockerfile with rule ids, exact ranges, severities and links to the rule pages', async () => {
    const uri = lintFixture('Dockerfile');
    const editor = await open(uri);
    assert.equal(editor.document.languageId, 'dockerfile');
    const diagnostics = await diagnosticsUntil(
      uri,
      (all) => ['base-image-latest', 'sudo', 'insecure-tls', 'user-root'].every((id) => has(id)(all)),
      'the findings of lint/Dockerfile',
    );
    const text = (id: string): string => {
      const diagnostic = diagnostics.find((d) => ruleId(d) === id);
      assert.ok(diagnostic, `a ${id} finding`);
      return editor.document.getText(diagnostic.range);
    };
    assert.equal(text('sudo'), 'sudo');
    assert.match(text('insecure-tls'), /^-k$/);
    assert.match(text('base-image-latest'), /latest/);
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.source, SOURCE);
      assert.ok(
        [vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Warning, vscode.DiagnosticSeverity.Information, vscode.DiagnosticSeverity.Hint].includes(diagnostic.severity),
      );
      const code = diagnostic.code as { value: string; target: vscode.Uri };
      const page = vscode.Uri.joinPath(ourExtension().extensionUri, 'docs', 'rules', `${code.value}.md`);
      assert.equal(code.target.toString(), page.toString(), `the link of ${code.value}`);
      assert.ok((await stat(page.fsPath)).isFile(), `docs/rules/${code.value}.md exists`);
    }
    const sudo = diagnostics.find((d) => ruleId(d) === 'sudo');
    assert.equal(sudo?.severity, vscode.DiagnosticSeverity.Error, 'sudo is an error by default');
  });

  it('applies a quick fix: the text changes and its diagnostic goes', async () => {
    const uri = lintFixture('Dockerfile');
    const editor = await open(uri);
    const [sudo] = (await diagnosticsUntil(uri, has('sudo'), 'the sudo finding')).filter((d) => ruleId(d) === 'sudo');
    assert.ok(sudo);
    const fixes = (await quickFixes(uri, sudo)).filter((action) => !isSuppression(action));
    assert.ok(fixes.length > 0, 'a fix for sudo');
    const [fix] = fixes;
    assert.ok(fix?.edit, `"${fix?.title}" carries its edit`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(3).text, 'RUN npm ci');
    await diagnosticsUntil(uri, lacks('sudo'), 'the sudo finding to go');
    assert.ok(editor.document.isDirty, 'the fix edits the unsaved text; nothing is written to disk');
  });

  it('suppresses a finding on its line with a pragma, and the diagnostic goes', async () => {
    const uri = lintFixture('Dockerfile');
    const editor = await open(uri);
    const [insecure] = (await diagnosticsUntil(uri, has('insecure-tls'), 'the insecure-tls finding')).filter((d) => ruleId(d) === 'insecure-tls');
    assert.ok(insecure);
    const actions = await quickFixes(uri, insecure);
    const suppressions = actions.filter(isSuppression);
    assert.ok(suppressions.length >= 2, `suppressions for the line and the file; got ${actions.map((a) => a.title).join(' | ')}`);
    const onLine = suppressions.find((action) => /line/i.test(action.title)) ?? suppressions[0]!;
    assert.ok(onLine.edit);
    const lineCount = editor.document.lineCount;
    assert.ok(await vscode.workspace.applyEdit(onLine.edit));
    assert.equal(editor.document.lineCount, lineCount + 1, 'one pragma line inserted');
    assert.match(editor.document.lineAt(4).text, /insecure-tls|DL|CKV|AVD/, 'the pragma names the rule');
    assert.ok(insertedText(onLine).includes(editor.document.lineAt(4).text.trim()));
    assert.equal(editor.document.lineAt(5).text, 'RUN curl -k -fsSL https://example.com/health');
    const after = await diagnosticsUntil(uri, lacks('insecure-tls'), 'the insecure-tls finding to go');
    assert.ok(has('sudo')(after), 'other findings stay');
  });

  it('follows edits of the unsaved text', async () => {
    const uri = lintFixture('Dockerfile');
    const editor = await open(uri);
    await diagnosticsUntil(uri, has('sudo'), 'the first lint');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.ok(await editor.edit((builder) => builder.insert(end, 'RUN sudo apt-get update\n')));
    assert.ok(editor.document.isDirty);
    const added = editor.document.lineCount - 2;
    await diagnosticsUntil(
      uri,
      (all) => all.some((d) => ruleId(d) === 'sudo' && d.range.start.line === added),
      `a sudo finding on the new line ${added}`,
    );
    // Removing "sudo" from line 3 by typing: the finding there goes, the new one stays.
    assert.ok(await editor.edit((builder) => builder.delete(new vscode.Range(3, 4, 3, 9))));
    const after = await diagnosticsUntil(
      uri,
      (all) => !all.some((d) => ruleId(d) === 'sudo' && d.range.start.line === 3),
      'the sudo finding of line 3 to go',
    );
    assert.deepEqual(
      after.filter((d) => ruleId(d) === 'sudo').map((d) => d.range.start.line),
      [added],
    );
  });

  it('lints an untitled Dockerfile that was never saved, and marks deprecated syntax', async () => {
    const content = 'FROM node:20\nMAINTAINER me@example.com\nRUN sudo npm ci\n';
    const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content });
    await vscode.window.showTextDocument(document);
    assert.equal(document.uri.scheme, 'untitled');
    const diagnostics = await diagnosticsUntil(document.uri, has('sudo'), 'the findings of the untitled Dockerfile');
    assert.equal(document.getText(diagnostics.find((d) => ruleId(d) === 'sudo')!.range), 'sudo');
    // Deprecated syntax is struck through; other findings carry no tag.
    const maintainer = diagnostics.find((d) => ruleId(d) === 'maintainer-deprecated');
    assert.deepEqual(maintainer?.tags, [vscode.DiagnosticTag.Deprecated], `MAINTAINER: ${describe_(diagnostics).join(', ')}`);
    assert.equal(diagnostics.find((d) => ruleId(d) === 'sudo')?.tags, undefined);
  });

  it('treats Containerfile, *.Dockerfile and Dockerfile.* as Dockerfiles and lints them', async () => {
    for (const name of ['Containerfile', 'api.Dockerfile', 'Dockerfile.prod']) {
      const uri = lintFixture(name);
      const editor = await open(uri);
      assert.equal(editor.document.languageId, 'dockerfile', name);
      await diagnosticsUntil(uri, has('sudo'), `the sudo finding of ${name}`);
    }
  });

  describe('configuration', () => {
    const lintSettings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ecrExplorer.lint');
    const hadolintYaml = (): string => path.join(workspaceFolder(), '.hadolint.yaml');
    afterEach(async () => {
      await lintSettings().update('severity', undefined, vscode.ConfigurationTarget.Workspace);
      await lintSettings().update('enable', undefined, vscode.ConfigurationTarget.Workspace);
      await rm(hadolintYaml(), { force: true });
    });

    it('takes per-rule severities from the settings, by id or alias', async () => {
      const uri = lintFixture('Dockerfile');
      await open(uri);
      await diagnosticsUntil(uri, has('sudo'), 'the sudo finding');
      await lintSettings().update('severity', { sudo: 'off', 'AVD-DS-0002': 'error' }, vscode.ConfigurationTarget.Workspace);
      const after = await diagnosticsUntil(uri, lacks('sudo'), 'sudo turned off');
      const userRoot = after.find((d) => ruleId(d) === 'user-root');
      assert.equal(userRoot?.severity, vscode.DiagnosticSeverity.Error, 'user-root raised to error through its Trivy alias');
    });

    it('clears the findings when linting is disabled, and brings them back', async () => {
      const uri = lintFixture('Dockerfile');
      await open(uri);
      await diagnosticsUntil(uri, has('sudo'), 'the findings');
      await lintSettings().update('enable', false, vscode.ConfigurationTarget.Workspace);
      await diagnosticsUntil(uri, (all) => all.length === 0, 'no findings while disabled');
      await lintSettings().update('enable', undefined, vscode.ConfigurationTarget.Workspace);
      await diagnosticsUntil(uri, has('sudo'), 'the findings back');
    });

    it("applies the workspace folder's .hadolint.yaml and follows its changes", async () => {
      const uri = lintFixture('Dockerfile');
      await open(uri);
      await diagnosticsUntil(uri, has('sudo'), 'the findings');
      await writeFile(hadolintYaml(), 'ignored:\n  - DL3004\n');
      await diagnosticsUntil(uri, lacks('sudo'), 'sudo ignored through its hadolint id in .hadolint.yaml');
      // Settings win over the file.
      await lintSettings().update('severity', { sudo: 'warning' }, vscode.ConfigurationTarget.Workspace);
      const back = await diagnosticsUntil(uri, has('sudo'), 'the setting to override .hadolint.yaml');
      assert.equal(back.find((d) => ruleId(d) === 'sudo')?.severity, vscode.DiagnosticSeverity.Warning);
      await lintSettings().update('severity', undefined, vscode.ConfigurationTarget.Workspace);
      await diagnosticsUntil(uri, lacks('sudo'), 'the file to apply again');
      await rm(hadolintYaml());
      await diagnosticsUntil(uri, has('sudo'), 'sudo back once .hadolint.yaml is deleted');
    });
  });

  it('clears the findings of a Dockerfile when its tab closes or a preview tab moves on, and keeps them cleared', async () => {
    const prod = lintFixture('Dockerfile.prod');
    const api = lintFixture('api.Dockerfile');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(prod), { preview: true });
    await diagnosticsUntil(prod, has('sudo'), 'the findings of Dockerfile.prod');
    // The preview tab now shows api.Dockerfile: Dockerfile.prod is no longer in front of the user.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(api), { preview: true });
    await diagnosticsUntil(api, has('sudo'), 'the findings of api.Dockerfile');
    await diagnosticsUntil(prod, (all) => all.length === 0, 'the findings of Dockerfile.prod to be cleared');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await diagnosticsUntil(api, (all) => all.length === 0, 'the findings of api.Dockerfile to be cleared on close');
    // A settings change re-lints what is shown, not the documents VS Code still keeps open.
    const shown = lintFixture('Containerfile');
    await open(shown);
    await diagnosticsUntil(shown, has('sudo'), 'the findings of Containerfile');
    const settings = vscode.workspace.getConfiguration('ecrExplorer.lint');
    try {
      await settings.update('severity', { sudo: 'warning' }, vscode.ConfigurationTarget.Workspace);
      await diagnosticsUntil(
        shown,
        (all) => all.some((d) => ruleId(d) === 'sudo' && d.severity === vscode.DiagnosticSeverity.Warning),
        'the new severity on the shown Dockerfile',
      );
      assert.deepEqual(describe_(ours(api)), [], 'a closed Dockerfile gets no findings back');
      assert.deepEqual(describe_(ours(prod)), []);
    } finally {
      await settings.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
