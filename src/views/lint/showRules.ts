// "ECR: Show Lint Rules": every rule with its title, category, default severity and the anchors'
// ids it answers to; picking one opens its page (docs/rules/<id>.md) from the extension.
import * as vscode from 'vscode';
import type { RuleMeta } from '../../lint/types';
import { ruleDocUri } from './diagnostics';

export const SHOW_RULES_COMMAND = 'ecrExplorer.showLintRules';

interface RuleItem extends vscode.QuickPickItem {
  readonly ruleId: string;
}

export async function showLintRules(rules: readonly RuleMeta[], extensionUri: vscode.Uri): Promise<void> {
  const byCategory = [...rules].sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
  const items: Array<RuleItem | vscode.QuickPickItem> = [];
  let category: string | undefined;
  for (const rule of byCategory) {
    if (rule.category !== category) {
      category = rule.category;
      items.push({ label: category, kind: vscode.QuickPickItemKind.Separator });
    }
    // Everything on one line: a detail row would linger in the quick input's reused rows.
    const severity = rule.defaultEnabled === false ? vscode.l10n.t('off by default') : rule.defaultSeverity;
    const item: RuleItem = {
      ruleId: rule.id,
      label: rule.id,
      description: `${rule.title} · ${[severity, ...rule.aliases].join(', ')}`,
    };
    items.push(item);
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Dockerfile lint rules'),
    placeHolder: vscode.l10n.t('Type a rule id, a hadolint, Trivy, Checkov or BuildKit id, or words of its title'),
    matchOnDescription: true,
  });
  if (!picked || !('ruleId' in picked)) {
    return;
  }
  await openRulePage(ruleDocUri(extensionUri, picked.ruleId));
}

/** As a rendered Markdown preview where the Markdown extension is there, else as text. */
async function openRulePage(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    void vscode.window.showErrorMessage(vscode.l10n.t('The page of this rule is missing from the extension: {0}', uri.fsPath));
    return;
  }
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(uri);
  }
}
