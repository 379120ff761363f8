import * as vscode from 'vscode';
import { listAwsProfiles } from '../ecr/profiles';
import { configuredProfiles, setConfiguredProfiles } from './settings';
import { getLog } from './log';

/** "ECR: Choose AWS Profiles…": pick, among the profiles of the AWS files, those to explore. */
export async function chooseProfiles(): Promise<void> {
  const profiles = await listAwsProfiles();
  if (profiles.length === 0) {
    const openDocs = vscode.l10n.t('How to Configure Profiles');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'No AWS profile was found in ~/.aws/config or ~/.aws/credentials (or the files AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name). Run "aws configure" or "aws configure sso" in a terminal, then try again.',
      ),
      openDocs,
    );
    if (answer === openDocs) {
      await vscode.env.openExternal(
        vscode.Uri.parse('https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html'),
      );
    }
    return;
  }

  const chosen = new Set(configuredProfiles());
  const items = profiles.map(
    (profile): vscode.QuickPickItem & { name: string } => ({
      name: profile.name,
      label: profile.name,
      description: profile.region ?? vscode.l10n.t('no default region'),
      picked: chosen.has(profile.name),
      iconPath: new vscode.ThemeIcon('account'),
    }),
  );
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('AWS Profiles to Explore'),
    placeHolder: vscode.l10n.t('Profiles come from your AWS config and credentials files'),
    ignoreFocusOut: true,
  });
  if (!picked) {
    return;
  }
  const names = picked.map((item) => item.name);
  await setConfiguredProfiles(names);
  getLog().info(`Exploring profiles: ${names.join(', ') || '(none)'}`);
}
