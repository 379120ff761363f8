// Copy a repository URI, an image URI by tag or by digest, or a `docker pull` command.
import * as vscode from 'vscode';
import { imageUri, pullCommand, type ImageTarget } from '../../../ecr/images';
import { prompts } from '../prompts';
import { CANCELLED, type ActionResult, type ExplorerActionDeps } from './actionDeps';
import { reportSuccess } from './feedback';
import { asImageLike, digestOf, repositoryTarget } from './targets';

async function copy(deps: ExplorerActionDeps, text: string): Promise<ActionResult> {
  await vscode.env.clipboard.writeText(text);
  return reportSuccess(deps, vscode.l10n.t('Copied {0}', text));
}

export async function copyRepositoryUri(deps: ExplorerActionDeps, node: unknown): Promise<ActionResult> {
  const target = await repositoryTarget(node, deps, vscode.l10n.t('Copy Repository URI'));
  return target ? copy(deps, target.repository.uri) : CANCELLED;
}

/** By tag; an image with several tags asks which one. */
export async function copyImageUri(deps: ExplorerActionDeps, node: unknown): Promise<ActionResult> {
  const image = asImageLike(node);
  if (image?.kind !== 'image' || image.image.tags.length === 0) {
    // Untagged images and platform images have no tag menu entry; the digest is what they have.
    return image ? copyImageDigestUri(deps, node) : CANCELLED;
  }
  const tags = image.image.tags;
  let tag = tags[0];
  if (tags.length > 1) {
    const picked = await prompts().quickPick(
      tags.map((label) => ({ label })),
      { title: vscode.l10n.t('Copy Image URI: which tag?'), placeHolder: imageUri(image.repository.uri, { digest: image.image.digest }) },
    );
    tag = picked?.label;
  }
  return tag === undefined ? CANCELLED : copy(deps, imageUri(image.repository.uri, { tag }));
}

export async function copyImageDigestUri(deps: ExplorerActionDeps, node: unknown): Promise<ActionResult> {
  const image = asImageLike(node);
  return image ? copy(deps, imageUri(image.repository.uri, { digest: digestOf(image) })) : CANCELLED;
}

/** The tag when there is exactly one (what people type), else the digest (never ambiguous). */
export async function copyPullCommand(deps: ExplorerActionDeps, node: unknown): Promise<ActionResult> {
  const image = asImageLike(node);
  if (!image) {
    return CANCELLED;
  }
  const onlyTag = image.kind === 'image' && image.image.tags.length === 1 ? image.image.tags[0] : undefined;
  const target: ImageTarget = onlyTag !== undefined ? { tag: onlyTag } : { digest: digestOf(image) };
  return copy(deps, pullCommand(image.repository.uri, target));
}
