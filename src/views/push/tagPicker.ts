// The tag: the git short SHA, the image's own tags, or whatever is typed (checked with the tag
// rule as it is typed). On an immutable repository (or a tag its exclusion filters make
// immutable) a tag that already names an image is refused here, BEFORE anything is pushed.
import * as vscode from 'vscode';
import type { LocalImage } from '../../push/model';
import type { RepositoryNodeData } from '../explorer/nodeTypes';
import { pickOrType } from '../explorer/prompts';
import type { PushDeps } from './pushDeps';
import { isTagImmutable, suggestedTags, tagOfReference, tagProblem } from './pushModel';


export async function pickTag(
  deps: PushDeps,
  target: RepositoryNodeData,
  options: { readonly image?: LocalImage; readonly gitFolder?: string; readonly title: string },
): Promise<string | undefined> {
  const gitSha = options.gitFolder ? await deps.services.gitShortSha(options.gitFolder).catch(() => undefined) : undefined;
  const ownTags = new Set((options.image?.references ?? []).map(tagOfReference));
  const items = suggestedTags(options.image, gitSha).map((tag) => ({
    label: tag,
    description: tag === gitSha ? vscode.l10n.t('git commit') : ownTags.has(tag) ? vscode.l10n.t('a tag of the local image') : undefined,
  }));
  const immutable = target.repository.tagMutability !== 'MUTABLE' ? vscode.l10n.t(' ({0}: an existing tag cannot be pushed again)', target.repository.tagMutability) : '';
  const tag = await pickOrType(items, {
    title: options.title,
    placeHolder: vscode.l10n.t('Tag in {0}{1}: pick one or type another', target.repository.name, immutable),
    validateInput: tagProblem,
  });
  return tag?.trim();
}

/**
 * Refuses a tag the repository would not let move, when it already names an image: the reason,
 * or undefined when the push may go ahead. Reads the repository's settings fresh from ECR.
 */
export async function immutableTagProblem(deps: PushDeps, target: RepositoryNodeData, tag: string): Promise<string | undefined> {
  const ecr = await deps.ecr(target.connection);
  const repository = await deps.services.getRepository(ecr, target.repository.name);
  if (!isTagImmutable(repository, tag)) {
    return undefined;
  }
  const existing = await deps.services.findImageByTag(ecr, repository.name, tag);
  if (!existing) {
    return undefined;
  }
  const why =
    repository.tagMutability === 'IMMUTABLE'
      ? vscode.l10n.t('the repository\'s tags are immutable')
      : vscode.l10n.t('its tag mutability ({0}, filters {1}) makes this tag immutable', repository.tagMutability, repository.tagMutabilityExclusions.join(', '));
  return vscode.l10n.t(
    'The tag "{0}" already names an image in {1} ({2}), and {3}: nothing was pushed. Choose another tag.',
    tag,
    repository.name,
    `${existing.digest.slice(0, 19)}…`,
    why,
  );
}
