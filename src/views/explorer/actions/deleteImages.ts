// "Delete Tag…" and "Delete Image…", on one image or a multi-selection. They differ in what they
// remove, and the confirmation says so: a tag goes alone while the image has other tags, whereas an
// image goes by digest with every tag it has. BatchDeleteImage also deletes an image whose last tag
// is deleted (AWS's documented behaviour, which ecr-local follows), so the confirmation names those.
import * as vscode from 'vscode';
import { shortDigest } from '../../../ecr/format';
import type { DeleteResult, ImageTarget } from '../../../ecr/images';
import { deleteImages } from '../../lazyEcr';
import type { ImageNodeData } from '../nodeTypes';
import { prompts } from '../prompts';
import { CANCELLED, type ActionResult, type ExplorerActionDeps } from './actionDeps';
import { failed, notifyError, reportProblem, reportSuccess, withProgress } from './feedback';
import { groupByRepository, repositoryNode, selectedImages } from './targets';

/** What one BatchDeleteImage call is asked to delete in one repository. */
interface Batch {
  readonly node: ImageNodeData;
  readonly targets: ImageTarget[];
}

interface TagItem extends vscode.QuickPickItem {
  readonly node: ImageNodeData;
  readonly tag: string;
}

function describeTarget(repositoryName: string, target: ImageTarget): string {
  return 'tag' in target ? `${repositoryName}:${target.tag}` : `${repositoryName}@${shortDigest(target.digest)}`;
}

export async function deleteTag(deps: ExplorerActionDeps, node: unknown, selection: unknown): Promise<ActionResult> {
  const images = selectedImages(node, selection).filter((image) => image.image.tags.length > 0);
  if (images.length === 0) {
    return failed(deps, vscode.l10n.t('The selected images have no tags. Use Delete Image to delete an untagged image.'));
  }
  let chosen: TagItem[] = images.flatMap((image) =>
    image.image.tags.map((tag) => ({ node: image, tag, label: tag, description: `${image.repository.name}@${shortDigest(image.image.digest)}` })),
  );
  // Every image has one tag: the selection says it all. Otherwise ask which of the tags to delete.
  if (chosen.length > images.length) {
    const picked = await prompts().quickPickMany(chosen, {
      title: vscode.l10n.t('Delete Tag: which tags?'),
      placeHolder: vscode.l10n.t('Only the chosen tags are deleted; the images stay'),
      ignoreFocusOut: true,
    });
    if (!picked || picked.length === 0) {
      return CANCELLED;
    }
    chosen = [...picked];
  }
  const batches = groupByRepository(chosen.map((item) => item.node)).map(
    ([first, ...rest]): Batch => ({
      node: first,
      targets: chosen.filter((item) => item.node === first || rest.includes(item.node)).map((item) => ({ tag: item.tag })),
    }),
  );
  const chosenTags = new Set(chosen.map((item) => `${item.node.image.digest} ${item.tag}`));
  const losesLastTag = (image: ImageNodeData): boolean => image.image.tags.every((tag) => chosenTags.has(`${image.image.digest} ${tag}`));
  const listed = chosen.map((item) =>
    losesLastTag(item.node) && item.tag === item.node.image.tags[item.node.image.tags.length - 1]
      ? vscode.l10n.t('{0}: the last tag of its image, so ECR deletes the image too', describeTarget(item.node.repository.name, { tag: item.tag }))
      : describeTarget(item.node.repository.name, { tag: item.tag }),
  );
  const confirmed = await prompts().confirm(
    chosen.length === 1
      ? vscode.l10n.t('Delete the tag {0}?', describeTarget(chosen[0]?.node.repository.name ?? '', { tag: chosen[0]?.tag ?? '' }))
      : vscode.l10n.t('Delete {0} tags?', chosen.length),
    [
      vscode.l10n.t(
        'Deleting a tag removes only that tag: the image stays, with its other tags. When it is the last tag of an image, ECR deletes that image too (unless a multi-platform manifest list still uses it, which keeps it as an untagged image). To delete an image with all its tags, and free its storage, use Delete Image instead.',
      ),
      '',
      ...listed,
    ].join('\n'),
    chosen.length === 1 ? vscode.l10n.t('Delete Tag') : vscode.l10n.t('Delete Tags'),
  );
  return confirmed ? runBatches(deps, batches, 'tags') : CANCELLED;
}

export async function deleteImage(deps: ExplorerActionDeps, node: unknown, selection: unknown): Promise<ActionResult> {
  const images = selectedImages(node, selection);
  if (images.length === 0) {
    return CANCELLED;
  }
  const batches = groupByRepository(images).map(
    (group): Batch => ({ node: group[0], targets: group.map((image) => ({ digest: image.image.digest })) }),
  );
  const listed = images.map((image) => {
    const name = `${image.repository.name}@${shortDigest(image.image.digest)}`;
    const tags = image.image.tags.length > 0 ? image.image.tags.join(', ') : vscode.l10n.t('untagged');
    return image.image.isIndex
      ? vscode.l10n.t('{0} ({1}): a multi-platform manifest list; the list is deleted, its platform images stay as untagged images', name, tags)
      : `${name} (${tags})`;
  });
  const confirmed = await prompts().confirm(
    images.length === 1 ? vscode.l10n.t('Delete the image {0}?', listed[0] ?? '') : vscode.l10n.t('Delete {0} images?', images.length),
    [
      vscode.l10n.t(
        'Deleting an image removes it by digest together with ALL its tags, and frees its storage. To remove only one tag and keep the image, use Delete Tag instead.',
      ),
      '',
      ...listed,
    ].join('\n'),
    images.length === 1 ? vscode.l10n.t('Delete Image') : vscode.l10n.t('Delete Images'),
  );
  return confirmed ? runBatches(deps, batches, 'images') : CANCELLED;
}

async function runBatches(deps: ExplorerActionDeps, batches: readonly Batch[], what: 'tags' | 'images'): Promise<ActionResult> {
  const total = batches.reduce((sum, batch) => sum + batch.targets.length, 0);
  let deleted = 0;
  const failures: string[] = [];
  for (const batch of batches) {
    const { connection, repository } = batch.node;
    const outcome = await withProgress(vscode.l10n.t('Deleting {0} from {1}…', batch.targets.length, repository.name), async () =>
      deleteImages(await deps.ecr(connection), repository.name, batch.targets),
    );
    if ('cancelled' in outcome) {
      continue;
    }
    // Whatever happened, the repository may have changed: redraw it.
    deps.tree.refresh(repositoryNode(connection, repository));
    if (!outcome.ok) {
      return reportProblem(deps, outcome.error, connection, vscode.l10n.t('Could not delete from {0}', repository.name), () =>
        runBatches(deps, [batch], what),
      );
    }
    deleted += outcome.value.deleted.length;
    failures.push(...failureLines(repository.name, outcome.value));
  }
  if (failures.length === 0) {
    return reportSuccess(
      deps,
      what === 'tags' ? vscode.l10n.t('Deleted {0} tag(s)', deleted) : vscode.l10n.t('Deleted {0} image(s)', deleted),
    );
  }
  for (const line of failures) {
    deps.log.warn(line);
  }
  const message = vscode.l10n.t('ECR did not delete {0} of {1}: {2}', failures.length, total, failures.join('; '));
  notifyError(deps, message);
  return { outcome: 'done', message, failures };
}

/** One line per item ECR refused, with its failureCode and failureReason. */
function failureLines(repositoryName: string, result: DeleteResult): string[] {
  return result.failures.map((failure) => `${describeTarget(repositoryName, failure.target)}: ${failure.code} (${failure.reason})`);
}
