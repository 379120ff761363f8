import * as vscode from 'vscode';
import { listAwsProfiles, type AwsProfile, type CredentialKind } from '../ecr/profiles';
import { configuredProfiles } from './settings';
import { getLog } from './log';

/**
 * The "ECR" view's tree: one node per chosen AWS profile. An empty tree is what makes VS Code
 * show the view's welcome content, so no profile chosen means no nodes at all.
 */
export class RegistryTreeProvider implements vscode.TreeDataProvider<ProfileNode> {
  private readonly changed = new vscode.EventEmitter<ProfileNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(element?: ProfileNode): Promise<ProfileNode[]> {
    if (element) {
      return [];
    }
    const chosen = configuredProfiles();
    if (chosen.length === 0) {
      return [];
    }
    const known = new Map((await listAwsProfiles()).map((profile) => [profile.name, profile]));
    const missing = chosen.filter((name) => !known.has(name));
    if (missing.length > 0) {
      getLog().warn(`Profiles chosen in settings but absent from the AWS config files: ${missing.join(', ')}`);
    }
    return chosen.map((name) => new ProfileNode(name, known.get(name)));
  }

  getTreeItem(element: ProfileNode): vscode.TreeItem {
    return element;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export class ProfileNode extends vscode.TreeItem {
  constructor(
    readonly profileName: string,
    readonly profile: AwsProfile | undefined,
  ) {
    super(profileName, vscode.TreeItemCollapsibleState.None);
    this.id = `profile:${profileName}`;
    if (profile) {
      this.contextValue = 'profile';
      this.iconPath = new vscode.ThemeIcon('account');
      this.description = profile.region ?? vscode.l10n.t('no default region');
      this.tooltip = profileTooltip(profile);
    } else {
      this.contextValue = 'profile.missing';
      this.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      this.description = vscode.l10n.t('not found');
      this.tooltip = new vscode.MarkdownString(
        vscode.l10n.t(
          'Profile **{0}** is not in your AWS config or credentials file. Add it there, or choose other profiles.',
          escapeMarkdown(profileName),
        ),
      );
    }
  }
}

function profileTooltip(profile: AwsProfile): vscode.MarkdownString {
  const lines = [
    `**${escapeMarkdown(profile.name)}**`,
    '',
    `${vscode.l10n.t('Region')}: ${escapeMarkdown(profile.region ?? vscode.l10n.t('not set'))}`,
    '',
    `${vscode.l10n.t('Credentials')}: ${credentialKindLabel(profile.credentialKind)}`,
  ];
  if (profile.endpointUrl) {
    lines.push('', `${vscode.l10n.t('Endpoint')}: \`${profile.endpointUrl.replace(/`/g, '')}\``);
  }
  return new vscode.MarkdownString(lines.join('\n'));
}

function credentialKindLabel(kind: CredentialKind): string {
  switch (kind) {
    case 'static-keys':
      return vscode.l10n.t('access keys');
    case 'sso':
      return vscode.l10n.t('IAM Identity Center (SSO)');
    case 'assume-role':
      return vscode.l10n.t('assumed role');
    case 'web-identity':
      return vscode.l10n.t('web identity');
    case 'process':
      return vscode.l10n.t('credential process');
    case 'login':
      return vscode.l10n.t('console login');
    case 'unknown':
      return vscode.l10n.t('not configured');
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
