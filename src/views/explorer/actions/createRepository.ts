// "Create Repository…": five questions (name, tag mutability, scan on push, encryption, tags),
// then one CreateRepository call. Escape at any step creates nothing.
import * as vscode from 'vscode';
import type { EncryptionType } from '../../../ecr/model';
import type { NewRepository } from '../../../ecr/repositories';
import { parseResourceTags, validateRepositoryName } from '../../../ecr/repositoryNames';
import { createRepository as createInEcr } from '../../lazyEcr';
import type { RegionNodeData } from '../nodeTypes';
import { prompts } from '../prompts';
import { CANCELLED, type ActionResult, type ExplorerActionDeps } from './actionDeps';
import { errorName, failed, reportProblem, reportSuccess, withProgress } from './feedback';
import { askTagMutability } from './tagMutabilityPrompts';
import { regionTarget } from './targets';

const STEPS = 5;

function stepTitle(step: number): string {
  return vscode.l10n.t('Create Repository ({0}/{1})', step, STEPS);
}

export interface ScanOnPushItem extends vscode.QuickPickItem {
  readonly scanOnPush: boolean;
}

export interface EncryptionItem extends vscode.QuickPickItem {
  readonly encryption: EncryptionType;
}

export async function createRepository(deps: ExplorerActionDeps, node: unknown): Promise<ActionResult> {
  const region = await regionTarget(node, deps, vscode.l10n.t('Create Repository: in which region?'));
  if (!region) {
    return CANCELLED;
  }
  const spec = await askNewRepository(region);
  return spec ? create(deps, region, spec) : CANCELLED;
}

async function askNewRepository(region: RegionNodeData): Promise<NewRepository | undefined> {
  const { profile, region: regionCode } = region.connection;
  const name = await prompts().inputBox({
    title: stepTitle(1),
    prompt: vscode.l10n.t('Repository name in {0} ({1}); use / for namespaces, e.g. team-a/api', regionCode, profile),
    placeHolder: 'team-a/api',
    validateInput: (value) => validateRepositoryName(value),
    ignoreFocusOut: true,
  });
  if (name === undefined || validateRepositoryName(name) !== undefined) {
    return undefined;
  }

  const mutability = await askTagMutability(stepTitle(2), { mode: 'MUTABLE', exclusions: [] });
  if (!mutability) {
    return undefined;
  }

  const scan = await prompts().quickPick<ScanOnPushItem>(
    [
      { scanOnPush: true, label: vscode.l10n.t('Scan on push'), detail: vscode.l10n.t('Basic scanning checks each image for known vulnerabilities when it is pushed.') },
      { scanOnPush: false, label: vscode.l10n.t('No scan on push'), detail: vscode.l10n.t('Images are scanned only when you start a scan (or by the registry\'s enhanced scanning).') },
    ],
    { title: stepTitle(3), placeHolder: vscode.l10n.t('Scan images for vulnerabilities when they are pushed?'), ignoreFocusOut: true },
  );
  if (!scan) {
    return undefined;
  }

  const encryption = await askEncryption();
  if (!encryption) {
    return undefined;
  }

  const tagsText = await prompts().inputBox({
    title: stepTitle(5),
    prompt: vscode.l10n.t('Resource tags (optional): key=value pairs separated by commas; leave empty for none'),
    placeHolder: 'team=a, env=prod',
    validateInput: (value) => tagsProblem(value),
    ignoreFocusOut: true,
  });
  if (tagsText === undefined) {
    return undefined;
  }
  const parsed = tagsText.trim() === '' ? { tags: [] } : parseResourceTags(tagsText);
  if ('error' in parsed) {
    return undefined;
  }

  return {
    name,
    tagMutability: mutability.mode,
    tagMutabilityExclusions: mutability.exclusions,
    scanOnPush: scan.scanOnPush,
    encryption,
    tags: parsed.tags,
  };
}

function tagsProblem(text: string): string | undefined {
  if (text.trim() === '') {
    return undefined;
  }
  const parsed = parseResourceTags(text);
  return 'error' in parsed ? parsed.error : undefined;
}

async function askEncryption(): Promise<NewRepository['encryption'] | undefined> {
  const picked = await prompts().quickPick<EncryptionItem>(
    [
      { encryption: 'AES256', label: vscode.l10n.t('AES-256'), description: 'AES256', detail: vscode.l10n.t('Amazon S3-managed keys, at no extra cost.') },
      { encryption: 'KMS', label: vscode.l10n.t('AWS KMS'), description: 'KMS', detail: vscode.l10n.t('A KMS key: the AWS managed key aws/ecr or one of your own (KMS charges apply).') },
    ],
    { title: stepTitle(4), placeHolder: vscode.l10n.t('How should ECR encrypt the images at rest? (cannot be changed later)'), ignoreFocusOut: true },
  );
  if (!picked) {
    return undefined;
  }
  if (picked.encryption !== 'KMS') {
    return { type: picked.encryption };
  }
  const key = await prompts().inputBox({
    title: stepTitle(4),
    prompt: vscode.l10n.t('KMS key ARN, alias (alias/…) or key id; leave empty for the AWS managed key aws/ecr'),
    placeHolder: 'alias/my-key',
    validateInput: (value) => (/\s/.test(value.trim()) ? vscode.l10n.t('A key ARN, alias or id has no spaces.') : undefined),
    ignoreFocusOut: true,
  });
  if (key === undefined) {
    return undefined;
  }
  return key.trim() === '' ? { type: 'KMS' } : { type: 'KMS', kmsKey: key.trim() };
}

async function create(deps: ExplorerActionDeps, region: RegionNodeData, spec: NewRepository): Promise<ActionResult> {
  const { connection } = region;
  const outcome = await withProgress(vscode.l10n.t('Creating repository {0}…', spec.name), async () =>
    createInEcr(await deps.ecr(connection), spec),
  );
  if ('cancelled' in outcome) {
    return CANCELLED;
  }
  if (!outcome.ok) {
    if (errorName(outcome.error) === 'RepositoryAlreadyExistsException') {
      return failed(
        deps,
        vscode.l10n.t(
          'A repository named "{0}" already exists in {1} (profile {2}); nothing was created. Choose another name.',
          spec.name,
          connection.region,
          connection.profile,
        ),
      );
    }
    return reportProblem(deps, outcome.error, connection, vscode.l10n.t('Could not create repository {0}', spec.name), () =>
      create(deps, region, spec),
    );
  }
  deps.tree.refresh(region);
  return reportSuccess(deps, vscode.l10n.t('Created repository {0} in {1}', outcome.value.uri, connection.region));
}
