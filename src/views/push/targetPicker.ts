// Where to push: the repository node the command ran on, else a short pick (the workspace's last
// target first, "Choose a Repository…" = the searchable picker over the repository index,
// "Create Repository…"). A new repository is created with scan on push ON, which the prompt says.
import * as vscode from 'vscode';
import { ENVIRONMENT_PROFILE, type Connection } from '../../ecr/model';
import { validateRepositoryName } from '../../ecr/repositoryNames';
import { chosenConnections } from '../explorer/chosenConnections';
import type { RepositoryNodeData } from '../explorer/nodeTypes';
import { prompts } from '../explorer/prompts';
import type { PushDeps } from './pushDeps';

const LAST_TARGET_KEY = 'ecrExplorer.push.lastTarget';

interface StoredTarget {
  readonly profile: string;
  readonly region: string;
  readonly repositoryName: string;
}

type TargetItem = vscode.QuickPickItem & { readonly action: 'last' | 'choose' | 'create' };

/** The chosen repository node data, or undefined when the user stepped out. */
export async function pickTarget(deps: PushDeps, node: unknown, title: string): Promise<RepositoryNodeData | undefined> {
  if (isRepositoryNode(node)) {
    return node;
  }
  const last = await lastTarget(deps);
  const items: TargetItem[] = [
    ...(last
      ? [{ action: 'last' as const, label: `$(history) ${last.repositoryName}`, description: vscode.l10n.t('last used · {0} · {1}', profileLabel(last.profile), last.region) }]
      : []),
    { action: 'choose', label: vscode.l10n.t('$(search) Choose a Repository…'), description: vscode.l10n.t('search the chosen profiles and regions') },
    { action: 'create', label: vscode.l10n.t('$(add) Create Repository…'), description: vscode.l10n.t('with scan on push on') },
  ];
  const picked = await prompts().quickPick(items, { title, placeHolder: vscode.l10n.t('Push to which repository?'), ignoreFocusOut: true });
  switch (picked?.action) {
    case undefined:
      return undefined;
    case 'last':
      return last ? { kind: 'repository', connection: { profile: last.profile, region: last.region }, repository: await repositoryOf(deps, last) } : undefined;
    case 'choose':
      return deps.pickRepository(title);
    case 'create':
      return createTarget(deps, title);
  }
}

/** Remembers the target for this workspace (the next push offers it first). */
export async function rememberTarget(deps: PushDeps, target: RepositoryNodeData): Promise<void> {
  const stored: StoredTarget = { profile: target.connection.profile, region: target.connection.region, repositoryName: target.repository.name };
  await deps.workspaceState.update(LAST_TARGET_KEY, stored);
}

async function lastTarget(deps: PushDeps): Promise<StoredTarget | undefined> {
  const stored = deps.workspaceState.get<StoredTarget>(LAST_TARGET_KEY);
  if (!stored || typeof stored.repositoryName !== 'string' || typeof stored.profile !== 'string' || typeof stored.region !== 'string') {
    return undefined;
  }
  // Only while its profile and region are still among the chosen ones.
  const chosen = await chosenConnections();
  return chosen.some((connection) => connection.profile === stored.profile && connection.region === stored.region) ? stored : undefined;
}

/** The last target as ECR has it now; a repository that is gone is said so by the push itself (repository-not-found). */
async function repositoryOf(deps: PushDeps, stored: StoredTarget): Promise<RepositoryNodeData['repository']> {
  const connection: Connection = { profile: stored.profile, region: stored.region };
  return deps.services.getRepository(await deps.ecr(connection), stored.repositoryName);
}

async function createTarget(deps: PushDeps, title: string): Promise<RepositoryNodeData | undefined> {
  const region = await deps.pickRegion(vscode.l10n.t('Create Repository: in which profile and region?'));
  if (!region) {
    return undefined;
  }
  const name = await prompts().inputBox({
    title,
    prompt: vscode.l10n.t(
      'New repository in {0} ({1}): created with scan on push ON and mutable tags (change both later from the ECR view)',
      region.connection.region,
      profileLabel(region.connection.profile),
    ),
    placeHolder: 'team-a/api',
    validateInput: (value) => validateRepositoryName(value),
    ignoreFocusOut: true,
  });
  if (name === undefined || validateRepositoryName(name) !== undefined) {
    return undefined;
  }
  const repository = await deps.services.createRepository(await deps.ecr(region.connection), {
    name,
    tagMutability: 'MUTABLE',
    tagMutabilityExclusions: [],
    scanOnPush: true,
    encryption: { type: 'AES256' },
    tags: [],
  });
  deps.log.info(`Created repository ${repository.uri} (scan on push on) to push to`);
  deps.tree.refresh(region);
  return { kind: 'repository', connection: region.connection, repository };
}

function isRepositoryNode(node: unknown): node is RepositoryNodeData {
  return typeof node === 'object' && node !== null && (node as { kind?: unknown }).kind === 'repository' && 'repository' in node && 'connection' in node;
}

function profileLabel(profile: string): string {
  return profile === ENVIRONMENT_PROFILE ? 'environment' : profile;
}
