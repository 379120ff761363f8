import * as vscode from 'vscode';

/** The settings section; every setting key below is `ecrExplorer.<key>`. */
export const SETTINGS_SECTION = 'ecrExplorer';

/** Profile names the explorer shows. Names only: credentials stay in the AWS files. */
export function configuredProfiles(): string[] {
  const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('profiles');
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : [];
}

export async function setConfiguredProfiles(names: readonly string[]): Promise<void> {
  await vscode.workspace
    .getConfiguration(SETTINGS_SECTION)
    .update('profiles', [...names], vscode.ConfigurationTarget.Global);
}

export function affectsProfiles(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${SETTINGS_SECTION}.profiles`);
}
