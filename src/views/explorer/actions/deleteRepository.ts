// "Delete Repository…": count the images first, then ask the user to type the name. A repository
// with images is deleted with force (the prompt says how many go with it); an empty one without,
// so that an image pushed in the meantime makes ECR refuse instead of deleting it unseen.
import * as vscode from 'vscode';
import { countImages, deleteRepository as deleteInEcr } from '../../lazyEcr';
import type { RepositoryNodeData } from '../nodeTypes';
import { prompts } from '../prompts';
import { CANCELLED, type ActionResult, type ExplorerActionDeps } from './actionDeps';
import { errorName, failed, reportProblem, reportSuccess, withProgress } from './feedback';
import { regionNode, repositoryTarget } from './targets';

export async function deleteRepository(deps: ExplorerActionDeps, node: unknown): Promise<ActionResult> {
  const target = await repositoryTarget(node, deps, vscode.l10n.t('Delete Repository'));
  if (!target) {
    return CANCELLED;
  }
  const { connection, repository } = target;
  const counted = await withProgress(
    vscode.l10n.t('Counting the images in {0}…', repository.name),
    async (signal) => countImages(await deps.ecr(connection), repository.name, signal),
    { cancellable: true },
  );
  if ('cancelled' in counted) {
    return CANCELLED;
  }
  if (!counted.ok) {
    return reportProblem(deps, counted.error, connection, vscode.l10n.t('Could not count the images in {0}', repository.name), () =>
      deleteRepository(deps, target),
    );
  }
  const imageCount = counted.value;
  const typed = await prompts().inputBox({
    title: vscode.l10n.t('Delete Repository {0}', repository.name),
    prompt:
      imageCount > 0
        ? vscode.l10n.t(
            'This deletes {0} in {1} and ALL {2} of its images, for good. Type the repository name to confirm.',
            repository.name,
            connection.region,
            imageCount,
          )
        : vscode.l10n.t('This deletes the empty repository {0} in {1}. Type the repository name to confirm.', repository.name, connection.region),
    placeHolder: repository.name,
    validateInput: (value) =>
      value === repository.name ? undefined : vscode.l10n.t('Type "{0}" exactly to delete it, or press Escape to keep it.', repository.name),
    ignoreFocusOut: true,
  });
  if (typed !== repository.name) {
    return CANCELLED;
  }
  return remove(deps, target, imageCount);
}

async function remove(deps: ExplorerActionDeps, target: RepositoryNodeData, imageCount: number): Promise<ActionResult> {
  const { connection, repository } = target;
  const deleted = await withProgress(vscode.l10n.t('Deleting repository {0}…', repository.name), async () =>
    deleteInEcr(await deps.ecr(connection), repository.name, { force: imageCount > 0 }),
  );
  if ('cancelled' in deleted) {
    return CANCELLED;
  }
  if (!deleted.ok) {
    if (errorName(deleted.error) === 'RepositoryNotEmptyException') {
      return failed(
        deps,
        vscode.l10n.t(
          '{0} received images after they were counted, so nothing was deleted. Run Delete Repository again to see how many it holds now.',
          repository.name,
        ),
      );
    }
    return reportProblem(deps, deleted.error, connection, vscode.l10n.t('Could not delete repository {0}', repository.name), () =>
      remove(deps, target, imageCount),
    );
  }
  deps.tree.refresh(regionNode(connection));
  return reportSuccess(
    deps,
    imageCount > 0
      ? vscode.l10n.t('Deleted repository {0} and its {1} images', repository.name, imageCount)
      : vscode.l10n.t('Deleted repository {0}', repository.name),
  );
}
