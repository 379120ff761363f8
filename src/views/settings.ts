import * as vscode from 'vscode';
import { regionsSetting } from './explorer/connectionsModel';

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


/** ecrExplorer.regions: the regions chosen per profile (absent profile = its config region). */
export function configuredRegions(): Record<string, string[]> {
  return regionsSetting(vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('regions'));
}

export async function setConfiguredRegions(profile: string, regions: readonly string[]): Promise<void> {
  const all = configuredRegions();
  all[profile] = [...regions];
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('regions', all, vscode.ConfigurationTarget.Global);
}

export function repositoryLayout(): 'nested' | 'flat' {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('repositoryLayout') === 'flat' ? 'flat' : 'nested';
}

export async function setRepositoryLayout(layout: 'nested' | 'flat'): Promise<void> {
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('repositoryLayout', layout, vscode.ConfigurationTarget.Global);
}

/** ecrExplorer.pageSize, kept within what ECR accepts (1-1000) whatever settings.json says. */
export function pageSize(): number {
  const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('pageSize');
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(1000, Math.max(1, Math.trunc(value))) : 100;
}

/** ecrExplorer.storagePricePerGbMonth (USD); a negative or non-number value falls back to $0.10. */
export function storagePrice(): number {
  const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('storagePricePerGbMonth');
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0.1;
}

/** ecrExplorer.indexRepositoriesInBackground: read a region's names once its first page shows. */
export function indexRepositoriesInBackground(): boolean {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('indexRepositoriesInBackground') !== false;
}

/** Settings whose change means refetching (who and where), as opposed to redrawing. */
export function affectsConnections(event: vscode.ConfigurationChangeEvent): boolean {
  return ['profiles', 'regions', 'pageSize'].some((key) => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
}

/** Settings that only change how the loaded data is drawn. */
export function affectsDrawing(event: vscode.ConfigurationChangeEvent): boolean {
  return ['repositoryLayout', 'storagePricePerGbMonth'].some((key) => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
}
