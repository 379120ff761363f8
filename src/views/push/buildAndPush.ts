// "ECR: Build and Push…" on a Dockerfile (explorer or editor title, or picked from the
// workspace's Dockerfiles): target and tag first, then the build context, the build in a
// cancellable progress that shows the step, and the push of what was built. The Dockerfile is
// remembered as the image's source, so the scan's findings land on its lines.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { prompts } from '../explorer/prompts';
import { withCancellableProgress } from './progress';
import { pushToRepository } from './pushFlow';
import { CANCELLED, type PushDeps, type PushResult } from './pushDeps';
import { buildStepMessage } from './pushModel';
import { containerDriver, driverFailed, refuseUntrusted } from './pushImage';
import { pickTag } from './tagPicker';
import { pickTarget } from './targetPicker';

/** Dockerfile, Containerfile, Dockerfile.prod, api.Dockerfile, … */
const DOCKERFILE_GLOB = '**/{Dockerfile,Containerfile,Dockerfile.*,Containerfile.*,*.Dockerfile,*.Containerfile,*.dockerfile}';
const MAX_DOCKERFILES = 500;

export async function buildAndPush(deps: PushDeps, resource?: unknown): Promise<PushResult> {
  const untrusted = refuseUntrusted(deps);
  if (untrusted) {
    return untrusted;
  }
  // The explorer and editor title menus pass the file; the palette asks.
  const dockerfile = resource instanceof vscode.Uri ? resource : await pickDockerfile();
  if (!dockerfile) {
    return CANCELLED;
  }
  if (!(await savedFirst(dockerfile))) {
    return CANCELLED;
  }
  const driver = await containerDriver(deps);
  if ('outcome' in driver) {
    return driver;
  }
  const title = vscode.l10n.t('Build and Push {0}', vscode.workspace.asRelativePath(dockerfile));
  const target = await pickTarget(deps, undefined, title);
  if (!target) {
    return CANCELLED;
  }
  const dockerfileFolder = path.dirname(dockerfile.fsPath);
  const tag = await pickTag(deps, target, { gitFolder: dockerfileFolder, title });
  if (!tag) {
    return CANCELLED;
  }
  const context = await pickContext(dockerfile, title);
  if (!context) {
    return CANCELLED;
  }

  const localTag = `${target.repository.name}:${tag}`;
  let imageId: string;
  try {
    imageId = (
      await withCancellableProgress(deps.tap, 'build', vscode.l10n.t('Building {0}', localTag), ({ report, signal }) => {
        report(vscode.l10n.t('Sending the build context…'));
        return driver.build({ dockerfile: dockerfile.fsPath, context, tags: [localTag] }, (event) => {
          const step = buildStepMessage(event);
          if (step) {
            report(step);
          }
        }, signal);
      })
    ).imageId;
  } catch (error) {
    // The driver's message names the step that failed; the full build output is in the log.
    return driverFailed(deps, error, () => buildAndPush(deps, dockerfile));
  }
  deps.log.info(`Built ${localTag} (${imageId}) from ${dockerfile.fsPath}`);
  const result = await pushToRepository(deps, {
    driver,
    source: imageId,
    target,
    tag,
    dockerfile,
    chooseAnotherTag: () => buildAndPush(deps, dockerfile),
    retry: () => buildAndPush(deps, dockerfile),
  });
  return { ...result, imageId };
}

async function pickDockerfile(): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles(DOCKERFILE_GLOB, '**/node_modules/**', MAX_DOCKERFILES);
  if (found.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Dockerfile or Containerfile was found in the workspace.'));
    return undefined;
  }
  const items = found
    .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const picked = await prompts().quickPick(items, { title: vscode.l10n.t('Build and Push'), placeHolder: vscode.l10n.t('Which Dockerfile?'), ignoreFocusOut: true });
  return picked?.uri;
}

/** The build reads the file on disk: unsaved edits are saved first, or the command stops. */
async function savedFirst(dockerfile: vscode.Uri): Promise<boolean> {
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === dockerfile.toString());
  if (!document?.isDirty) {
    return true;
  }
  const save = await prompts().confirm(
    vscode.l10n.t('{0} has unsaved changes.', path.basename(dockerfile.fsPath)),
    vscode.l10n.t('The build reads the file on disk. Save it and build?'),
    vscode.l10n.t('Save and Build'),
  );
  return save && (await document.save());
}

async function pickContext(dockerfile: vscode.Uri, title: string): Promise<string | undefined> {
  const folder = path.dirname(dockerfile.fsPath);
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(dockerfile)?.uri.fsPath;
  type ContextItem = vscode.QuickPickItem & { readonly folder?: string };
  const items: ContextItem[] = [
    { label: vscode.l10n.t('$(folder) The Dockerfile\'s folder'), description: vscode.workspace.asRelativePath(folder, true), folder },
    ...(workspaceFolder && workspaceFolder !== folder ? [{ label: vscode.l10n.t('$(root-folder) Workspace folder'), description: workspaceFolder, folder: workspaceFolder }] : []),
    { label: vscode.l10n.t('$(folder-opened) Choose…') },
  ];
  const picked = await prompts().quickPick(items, { title, placeHolder: vscode.l10n.t('Build context (what COPY and ADD can read)'), ignoreFocusOut: true });
  if (!picked) {
    return undefined;
  }
  if (picked.folder) {
    return picked.folder;
  }
  const current = prompts();
  const chosen = current.chooseFolder
    ? await current.chooseFolder({ title: vscode.l10n.t('Build Context'), defaultUri: vscode.Uri.file(folder) })
    : (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, defaultUri: vscode.Uri.file(folder) }))?.[0];
  return chosen?.fsPath;
}
