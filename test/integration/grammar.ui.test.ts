// The grammar injection of syntaxes/: rule ids in suppression pragmas render as rule ids, not
// as plain comment text. Read from the tokens the editor actually painted.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { attributesOf, textsOf } from './uiBridge';
import { waitUntil } from './waitFor';

/** The painted spans (text and theme class) of the editor line that contains `needle`. */
async function spansOfLine(needle: string): Promise<Array<{ text: string; token: string }>> {
  const line = `.monaco-editor .view-line:has-text("${needle}") span span`;
  // The grammar loads after the editor first paints the text in the default colour (mtk1).
  const spans = await waitUntil(
    async () => {
      const [texts, tokens] = await Promise.all([textsOf(line), attributesOf(line, 'class')]);
      // The editor paints spaces as no-break spaces.
      return texts.map((text, index) => ({ text: text.replace(/\u00a0/g, ' '), token: tokens[index] ?? '' }));
    },
    (found) => found.length > 0 && found.every((span) => span.token !== 'mtk1'),
    `the coloured tokens of "${needle}"`,
  );
  return spans;
}

async function openFixtureDockerfile(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  const document = await vscode.workspace.openTextDocument(path.join(folder.uri.fsPath, 'Dockerfile'));
  await vscode.window.showTextDocument(document);
  assert.equal(document.languageId, 'dockerfile');
}

describe('Dockerfile suppression pragmas', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('paints the rule ids of a hadolint pragma apart from the comment around them', async () => {
    await openFixtureDockerfile();
    const spans = await spansOfLine('hadolint ignore');
    const ruleIds = spans.find((span) => span.text.includes('DL3008'));
    const reason = spans.find((span) => span.text.includes('lock file'));
    assert.ok(ruleIds && reason, JSON.stringify(spans));
    assert.equal(ruleIds.text.trim(), 'DL3008,DL3015');
    assert.notEqual(ruleIds.token, reason.token, 'rule ids and comment share one colour');
  });

  it('paints our own ecr-lint pragma the same way: keyword, rule ids and reason apart', async () => {
    await openFixtureDockerfile();
    const spans = await spansOfLine('ecr-lint ignore');
    const keyword = spans.find((span) => span.text.includes('ecr-lint'));
    const ruleIds = spans.find((span) => span.text.includes('remote-script-pipe'));
    const reason = spans.find((span) => span.text.includes('vendor installer'));
    assert.ok(keyword && ruleIds && reason, JSON.stringify(spans));
    assert.equal(ruleIds.text.trim(), 'remote-script-pipe');
    assert.notEqual(ruleIds.token, reason.token, 'rule ids and reason share one colour');
    assert.notEqual(keyword.token, reason.token, 'the pragma keyword is painted as plain comment');
  });

  it('paints a RUN heredoc body as shell script', async () => {
    await openFixtureDockerfile();
    // Without the injection, a body line is plain text to the Dockerfile grammar: `echo` keeps the
    // default colour (mtk1). Embedded shell paints it as a builtin command.
    const line = '.monaco-editor .view-line:has-text("built") span span';
    const spans = await waitUntil(
      async () => {
        const [texts, tokens] = await Promise.all([textsOf(line), attributesOf(line, 'class')]);
        return texts.map((text, index) => ({ text: text.replace(/\u00a0/g, ' '), token: tokens[index] ?? '' }));
      },
      (found) => found.some((span) => span.text.trim() === 'echo' && span.token !== 'mtk1'),
      'the heredoc line painted as shell',
    );
    const echo = spans.find((span) => span.text.trim() === 'echo');
    const text = spans.find((span) => span.text.includes('built'));
    assert.ok(echo && text, JSON.stringify(spans));
    assert.notEqual(echo.token, text.token, 'command and string share one colour');
  });
});
