// "ECR: Push Image…": the container CLI (ecrExplorer.containerCli or PATH), a local image, the
// target repository (fixed when run on a repository node) and the tag, then the push (pushFlow.ts).
import * as vscode from 'vscode';
import type { LocalImage } from '../../push/model';
import { prompts } from '../explorer/prompts';
import { notify } from '../notify';
import { pushToRepository } from './pushFlow';
import { CANCELLED, type PushDeps, type PushResult } from './pushDeps';
import { describeLocalImage, newestLocalImagesFirst } from './pushModel';
import type { PushDriver } from './pushServices';
import { pickTag } from './tagPicker';
import { pickTarget } from './targetPicker';

export async function pushImage(deps: PushDeps, node?: unknown): Promise<PushResult> {
  const untrusted = refuseUntrusted(deps);
  if (untrusted) {
    return untrusted;
  }
  const driver = await containerDriver(deps);
  if ('outcome' in driver) {
    return driver;
  }
  let images: LocalImage[];
  try {
    images = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Listing local images…') }, () => driver.listImages());
  } catch (error) {
    return driverFailed(deps, error, () => pushImage(deps, node));
  }
  if (images.length === 0) {
    const message = vscode.l10n.t('There are no local images to push. Build one first, e.g. with "ECR: Build and Push…" on a Dockerfile.');
    notify(deps.log, 'warning', message, []);
    return { outcome: 'failed', reason: 'no-local-images', message };
  }
  const image = await pickLocalImage(images);
  if (!image) {
    return CANCELLED;
  }
  const title = vscode.l10n.t('Push {0}', image.references[0] ?? image.id.slice(0, 19));
  const target = await pickTarget(deps, node, title);
  if (!target) {
    return CANCELLED;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const askTag = async (): Promise<PushResult> => {
    const tag = await pickTag(deps, target, { image, ...(folder ? { gitFolder: folder } : {}), title });
    if (!tag) {
      return CANCELLED;
    }
    return pushToRepository(deps, {
      driver,
      source: image.references[0] ?? image.id,
      target,
      tag,
      chooseAnotherTag: askTag,
      retry: () => pushImage(deps, target),
    });
  };
  return askTag();
}

async function pickLocalImage(images: readonly LocalImage[]): Promise<LocalImage | undefined> {
  const now = new Date();
  const items = newestLocalImagesFirst(images).map((image) => ({ ...describeLocalImage(image, now, vscode.env.language || 'en'), image }));
  const picked = await prompts().quickPick(items, {
    title: vscode.l10n.t('Push Image'),
    placeHolder: vscode.l10n.t('Which local image? ({0} found)', images.length),
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return picked?.image;
}

/** Both commands refuse in an untrusted workspace (the menus hide them; the palette could still run them by id). */
export function refuseUntrusted(deps: PushDeps): PushResult | undefined {
  if (vscode.workspace.isTrusted) {
    return undefined;
  }
  const message = vscode.l10n.t('Pushing and building run the container CLI: trust this workspace first (Manage Workspace Trust).');
  notify(deps.log, 'warning', message, [[vscode.l10n.t('Manage Workspace Trust'), () => vscode.commands.executeCommand('workbench.trust.manage')]]);
  return { outcome: 'failed', reason: 'untrusted', message };
}

/** The driver of the configured CLI; a missing CLI is said with "Open Settings". */
export async function containerDriver(deps: PushDeps): Promise<PushDriver | PushResult> {
  const setting = vscode.workspace.getConfiguration('ecrExplorer').get<string>('containerCli', '');
  try {
    const cli = await deps.services.resolveCli(setting);
    deps.log.info(`Container CLI: ${cli.engine} at ${cli.path}`);
    return deps.services.driver(cli, (line) => deps.log.info(`[${cli.engine}] ${line}`));
  } catch (error) {
    const failure = deps.services.cliFailure(error);
    const message = failure?.message ?? (error instanceof Error ? error.message : String(error));
    deps.log.error(message);
    notify(deps.log, 'error', message, [[vscode.l10n.t('Open Settings'), () => vscode.commands.executeCommand('workbench.action.openSettings', 'ecrExplorer.containerCli')]]);
    return { outcome: 'failed', reason: failure?.kind === 'cli-missing' ? 'cli-missing' : 'unknown', message };
  }
}

/** A failed listImages/build call: the driver's message, Retry when the engine may come back. */
export function driverFailed(deps: PushDeps, error: unknown, retry: () => Promise<unknown>): PushResult {
  const failure = deps.services.cliFailure(error);
  if (failure?.kind === 'cancelled') {
    return CANCELLED;
  }
  const message = failure?.message ?? (error instanceof Error ? error.message : String(error));
  deps.log.error(`${message}${failure?.detail ? ` [${failure.detail}]` : ''}`);
  const retryable = failure?.kind === 'daemon-unreachable' || failure?.kind === 'network';
  notify(deps.log, 'error', message, retryable ? [[vscode.l10n.t('Retry'), retry]] : []);
  return { outcome: 'failed', reason: failure?.kind ?? 'unknown', message };
}
