// The questions about tag mutability, shared by "Create Repository" and "Change Tag Mutability":
// the four ECR modes with what each means, then the exclusion filters of the *_WITH_EXCLUSION ones.
import * as vscode from 'vscode';
import { validateExclusionFilter } from '../../../ecr/repositoryNames';
import type { TagMutability } from '../../../ecr/model';
import { prompts } from '../prompts';

export interface TagMutabilityChoice {
  readonly mode: TagMutability;
  readonly exclusions: string[];
}

export interface TagMutabilityItem extends vscode.QuickPickItem {
  readonly mode: TagMutability;
}

/** ECR accepts 1 to 5 filters with the *_WITH_EXCLUSION modes. */
const MAX_EXCLUSIONS = 5;

export function hasExclusions(mode: TagMutability): boolean {
  return mode === 'IMMUTABLE_WITH_EXCLUSION' || mode === 'MUTABLE_WITH_EXCLUSION';
}

function modeItems(current: TagMutability | undefined): TagMutabilityItem[] {
  const items: Array<Omit<TagMutabilityItem, 'description'>> = [
    { mode: 'MUTABLE', label: vscode.l10n.t('Mutable'), detail: vscode.l10n.t('A push may move any tag to a new image.') },
    { mode: 'IMMUTABLE', label: vscode.l10n.t('Immutable'), detail: vscode.l10n.t('Once pushed, a tag always names the same image.') },
    {
      mode: 'IMMUTABLE_WITH_EXCLUSION',
      label: vscode.l10n.t('Immutable, except matching tags'),
      detail: vscode.l10n.t('Tags are immutable, but those matching your filters (e.g. latest, dev-*) may move.'),
    },
    {
      mode: 'MUTABLE_WITH_EXCLUSION',
      label: vscode.l10n.t('Mutable, except matching tags'),
      detail: vscode.l10n.t('Tags may move, but those matching your filters (e.g. v*, release-*) are immutable.'),
    },
  ];
  return items.map((item) => ({
    ...item,
    description: item.mode === current ? vscode.l10n.t('{0} (current)', item.mode) : item.mode,
    picked: item.mode === current,
  }));
}

/** Splits "latest, dev-*" into filters; undefined when all are valid, else what is wrong. */
export function exclusionsProblem(text: string): string | undefined {
  const filters = splitFilters(text);
  if (filters.length === 0) {
    return vscode.l10n.t('Enter at least one filter, e.g. latest or dev-*.');
  }
  if (filters.length > MAX_EXCLUSIONS) {
    return vscode.l10n.t('ECR accepts at most {0} filters; you entered {1}.', MAX_EXCLUSIONS, filters.length);
  }
  for (const filter of filters) {
    const problem = validateExclusionFilter(filter);
    if (problem) {
      return `"${filter}": ${problem}`;
    }
  }
  return undefined;
}

function splitFilters(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((filter) => filter.length > 0))];
}

/**
 * Asks the mode, then (for the *_WITH_EXCLUSION modes) the filters. Undefined = cancelled.
 * `title` is the step's title, e.g. "Create Repository (2/5)".
 */
export async function askTagMutability(
  title: string,
  current?: { mode: TagMutability; exclusions: readonly string[] },
): Promise<TagMutabilityChoice | undefined> {
  const picked = await prompts().quickPick(modeItems(current?.mode), {
    title,
    placeHolder: vscode.l10n.t('Tag mutability: can a push move an existing tag to another image?'),
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  if (!picked) {
    return undefined;
  }
  if (!hasExclusions(picked.mode)) {
    return { mode: picked.mode, exclusions: [] };
  }
  const text = await prompts().inputBox({
    title,
    prompt:
      picked.mode === 'IMMUTABLE_WITH_EXCLUSION'
        ? vscode.l10n.t('Tags matching these filters stay mutable (1-5 filters, comma-separated, * as wildcard)')
        : vscode.l10n.t('Tags matching these filters become immutable (1-5 filters, comma-separated, * as wildcard)'),
    placeHolder: picked.mode === 'IMMUTABLE_WITH_EXCLUSION' ? 'latest, dev-*' : 'v*, release-*',
    value: current && hasExclusions(current.mode) ? current.exclusions.join(', ') : '',
    validateInput: exclusionsProblem,
    ignoreFocusOut: true,
  });
  if (text === undefined || exclusionsProblem(text) !== undefined) {
    return undefined;
  }
  return { mode: picked.mode, exclusions: splitFilters(text) };
}
