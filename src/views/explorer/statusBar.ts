// The status bar item: which profiles and regions the ECR view shows; a click changes them.
import * as vscode from 'vscode';
import { ENVIRONMENT_PROFILE } from '../../ecr/model';
import { chosenConnections } from './chosenConnections';
import { statusBarSummary } from './statusBarModel';

export class ExplorerStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ecrExplorer.connections', vscode.StatusBarAlignment.Left, -100);
  private version = 0;
  private visible = false;

  constructor() {
    this.item.name = vscode.l10n.t('ECR Profiles and Regions');
    this.item.command = 'ecrExplorer.chooseProfiles';
  }

  /** Re-reads the settings (and the AWS files for config regions); the latest call wins. */
  async update(): Promise<void> {
    const version = ++this.version;
    let connections: Awaited<ReturnType<typeof chosenConnections>>;
    try {
      connections = await chosenConnections();
    } catch {
      connections = [];
    }
    if (version !== this.version) {
      return;
    }
    const profiles = [...new Set(connections.map((connection) => connection.profile))];
    const summary = statusBarSummary(profiles, connections.map((connection) => connection.region));
    if (!summary) {
      this.item.hide();
      this.visible = false;
      return;
    }
    this.item.text = `$(cloud) ECR: ${summary}`;
    const lines = [`**${vscode.l10n.t('ECR view')}**`, ''];
    for (const profile of profiles) {
      const regions = connections.filter((connection) => connection.profile === profile).map((connection) => connection.region);
      lines.push(`- ${profile === ENVIRONMENT_PROFILE ? vscode.l10n.t('environment credentials') : profile}: ${regions.join(', ')}`);
    }
    lines.push('', vscode.l10n.t('Click to choose profiles'));
    this.item.tooltip = new vscode.MarkdownString(lines.join('\n'));
    this.item.show();
    this.visible = true;
  }

  /** For tests: what the item shows (undefined when hidden). */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
