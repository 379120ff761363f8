// The profile/region pairs the user chose, as the tree shows them: what Find Repository searches
// and what a palette command picks a region from.
import * as vscode from 'vscode';
import { ENVIRONMENT_PROFILE, type Connection } from '../../ecr/model';
import { listAwsProfiles } from '../lazyEcr';
import { configuredProfiles, configuredRegions } from '../settings';
import { regionsOfProfile } from './connectionsModel';
import type { RegionNodeData } from './nodeTypes';
import { prompts } from './prompts';

export async function chosenConnections(): Promise<Connection[]> {
  const chosen = configuredProfiles();
  if (chosen.length === 0) {
    return [];
  }
  const known = new Map((await listAwsProfiles()).map((profile) => [profile.name, profile]));
  const regions = configuredRegions();
  return chosen.flatMap((profile) => {
    const info = known.get(profile);
    if (!info && profile !== ENVIRONMENT_PROFILE) {
      return [];
    }
    const configRegion = profile === ENVIRONMENT_PROFILE ? process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION : info?.region;
    return regionsOfProfile(profile, regions, configRegion).map((region) => ({ profile, region }));
  });
}

/** A region among the chosen ones: the only one at once, else a quick pick; undefined when none or dismissed. */
export async function pickRegion(title: string): Promise<RegionNodeData | undefined> {
  const connections = await chosenConnections();
  if (connections.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose an AWS profile and region first ("ECR: Choose AWS Profiles…").'));
    return undefined;
  }
  if (connections.length === 1) {
    return { kind: 'region', connection: connections[0]! };
  }
  const picked = await prompts().quickPick(
    connections.map((connection) => ({ label: connection.region, description: connection.profile, connection })),
    { title, placeHolder: vscode.l10n.t('Profile and region') },
  );
  return picked ? { kind: 'region', connection: picked.connection } : undefined;
}
