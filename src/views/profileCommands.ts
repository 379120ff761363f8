import * as vscode from 'vscode';
import { ENVIRONMENT_PROFILE } from '../ecr/model';
import { ECR_REGIONS } from '../ecr/regions';
import { listAwsProfiles } from './lazyEcr';
import { regionsOfProfile } from './explorer/connectionsModel';
import { prompts } from './explorer/prompts';
import { configuredProfiles, configuredRegions, setConfiguredProfiles, setConfiguredRegions } from './settings';
import { getLog } from './log';

/**
 * "ECR: Choose AWS Profiles…": pick, among the profiles of the AWS files (and the environment's
 * credentials when AWS_ACCESS_KEY_ID is set), those to explore.
 */
export async function chooseProfiles(): Promise<void> {
  const profiles = await listAwsProfiles();
  const hasEnvironment = Boolean(process.env.AWS_ACCESS_KEY_ID);
  if (profiles.length === 0 && !hasEnvironment) {
    const openDocs = vscode.l10n.t('How to Configure Profiles');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'No AWS profile was found in ~/.aws/config or ~/.aws/credentials (or the files AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name). Run "aws configure" or "aws configure sso" in a terminal, then try again.',
      ),
      openDocs,
    );
    if (answer === openDocs) {
      await vscode.env.openExternal(vscode.Uri.parse('https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html'));
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
  if (hasEnvironment) {
    items.push({
      name: ENVIRONMENT_PROFILE,
      label: ENVIRONMENT_PROFILE,
      description: vscode.l10n.t('AWS_ACCESS_KEY_ID and co. of the environment VS Code started in'),
      picked: chosen.has(ENVIRONMENT_PROFILE),
      iconPath: new vscode.ThemeIcon('terminal'),
    });
  }
  const picked = await prompts().quickPickMany(items, {
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

/** "Choose Regions…" for one profile (the node's, or one picked among the chosen profiles). */
export async function chooseRegions(profileName?: string): Promise<void> {
  let profile = profileName;
  if (profile === undefined) {
    const chosen = configuredProfiles();
    if (chosen.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Choose an AWS profile first ("ECR: Choose AWS Profiles…").'));
      return;
    }
    profile =
      chosen.length === 1
        ? chosen[0]
        : (await prompts().quickPick(
            chosen.map((name) => ({ label: name })),
            { title: vscode.l10n.t('Choose Regions for Which Profile?') },
          ))?.label;
    if (profile === undefined) {
      return;
    }
  }
  const configRegion = profile === ENVIRONMENT_PROFILE ? process.env.AWS_REGION : (await listAwsProfiles()).find((p) => p.name === profile)?.region;
  const current = new Set(regionsOfProfile(profile, configuredRegions(), configRegion));
  const items = ECR_REGIONS.map((region): vscode.QuickPickItem & { code: string } => ({
    code: region.code,
    label: region.code,
    description: region.name,
    picked: current.has(region.code),
  }));
  const picked = await prompts().quickPickMany(items, {
    title: vscode.l10n.t('Regions to Explore for {0}', profile),
    placeHolder: vscode.l10n.t('Pick one or more regions'),
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!picked) {
    return;
  }
  const codes = picked.map((item) => item.code);
  await setConfiguredRegions(profile, codes);
  getLog().info(`Regions of ${profile}: ${codes.join(', ') || '(none)'}`);
}
