// "Change Tag Mutability…" and "Turn On/Off Scan on Push" on one repository.
import * as vscode from 'vscode';
import { setScanOnPush as setScanOnPushInEcr, setTagMutability as setTagMutabilityInEcr } from '../../lazyEcr';
import type { RepositoryNodeData } from '../nodeTypes';
import { CANCELLED, type ActionResult, type ExplorerActionDeps } from './actionDeps';
import { reportProblem, reportSuccess, withProgress } from './feedback';
import { askTagMutability, type TagMutabilityChoice } from './tagMutabilityPrompts';
import { regionNode, repositoryTarget } from './targets';

export async function setTagMutability(deps: ExplorerActionDeps, node: unknown): Promise<ActionResult> {
  const target = await repositoryTarget(node, deps, vscode.l10n.t('Change Tag Mutability'));
  if (!target) {
    return CANCELLED;
  }
  const { repository } = target;
  const choice = await askTagMutability(vscode.l10n.t('Tag Mutability of {0}', repository.name), {
    mode: repository.tagMutability,
    exclusions: repository.tagMutabilityExclusions,
  });
  return choice ? applyTagMutability(deps, target, choice) : CANCELLED;
}

async function applyTagMutability(deps: ExplorerActionDeps, target: RepositoryNodeData, choice: TagMutabilityChoice): Promise<ActionResult> {
  const { connection, repository } = target;
  const outcome = await withProgress(vscode.l10n.t('Changing the tag mutability of {0}…', repository.name), async () =>
    setTagMutabilityInEcr(await deps.ecr(connection), repository.name, choice.mode, choice.exclusions),
  );
  if ('cancelled' in outcome) {
    return CANCELLED;
  }
  if (!outcome.ok) {
    return reportProblem(deps, outcome.error, connection, vscode.l10n.t('Could not change the tag mutability of {0}', repository.name), () =>
      applyTagMutability(deps, target, choice),
    );
  }
  // The repository's own node shows its settings: redraw the level it sits in.
  deps.tree.refresh(regionNode(connection));
  const filters = choice.exclusions.length > 0 ? ` (${choice.exclusions.join(', ')})` : '';
  return reportSuccess(deps, vscode.l10n.t('Tag mutability of {0} is now {1}', repository.name, `${choice.mode}${filters}`));
}

export async function setScanOnPush(deps: ExplorerActionDeps, node: unknown, enabled: boolean): Promise<ActionResult> {
  const target = await repositoryTarget(
    node,
    deps,
    enabled ? vscode.l10n.t('Turn On Scan on Push') : vscode.l10n.t('Turn Off Scan on Push'),
  );
  return target ? applyScanOnPush(deps, target, enabled) : CANCELLED;
}

async function applyScanOnPush(deps: ExplorerActionDeps, target: RepositoryNodeData, enabled: boolean): Promise<ActionResult> {
  const { connection, repository } = target;
  const outcome = await withProgress(
    enabled
      ? vscode.l10n.t('Turning on scan on push for {0}…', repository.name)
      : vscode.l10n.t('Turning off scan on push for {0}…', repository.name),
    async () => setScanOnPushInEcr(await deps.ecr(connection), repository.name, enabled),
  );
  if ('cancelled' in outcome) {
    return CANCELLED;
  }
  if (!outcome.ok) {
    return reportProblem(deps, outcome.error, connection, vscode.l10n.t('Could not change scan on push for {0}', repository.name), () =>
      applyScanOnPush(deps, target, enabled),
    );
  }
  deps.tree.refresh(regionNode(connection));
  return reportSuccess(
    deps,
    enabled ? vscode.l10n.t('Scan on push is on for {0}', repository.name) : vscode.l10n.t('Scan on push is off for {0}', repository.name),
  );
}
