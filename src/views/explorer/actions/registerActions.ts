// Registers the ECR view's repository and image commands (ids declared in package.json). Each
// handler gets (node, selectedNodes) from a context menu and nothing from the palette, and
// resolves to an ActionResult; an unexpected error becomes a message, never an unhandled rejection.
import * as vscode from 'vscode';
import type { ActionResult, ExplorerActionDeps } from './actionDeps';
import { copyImageDigestUri, copyImageUri, copyPullCommand, copyRepositoryUri } from './copyCommands';
import { createRepository } from './createRepository';
import { deleteImage, deleteTag } from './deleteImages';
import { deleteRepository } from './deleteRepository';
import { failed } from './feedback';
import { IMAGE_DOCUMENT_SCHEME, ImageDocumentProvider, openImageDocument } from './imageDocuments';
import { setScanOnPush, setTagMutability } from './repositorySettings';
import { startImageScan } from './startImageScan';

export type { ActionResult, ExplorerActionDeps } from './actionDeps';

export const ACTION_COMMANDS = {
  copyRepositoryUri: 'ecrExplorer.copyRepositoryUri',
  copyImageUri: 'ecrExplorer.copyImageUri',
  copyImageDigestUri: 'ecrExplorer.copyImageDigestUri',
  copyPullCommand: 'ecrExplorer.copyPullCommand',
  createRepository: 'ecrExplorer.createRepository',
  deleteRepository: 'ecrExplorer.deleteRepository',
  deleteTag: 'ecrExplorer.deleteTag',
  deleteImage: 'ecrExplorer.deleteImage',
  setTagMutability: 'ecrExplorer.setTagMutability',
  enableScanOnPush: 'ecrExplorer.enableScanOnPush',
  disableScanOnPush: 'ecrExplorer.disableScanOnPush',
  startImageScan: 'ecrExplorer.startImageScan',
  openManifest: 'ecrExplorer.openManifest',
  openImageConfig: 'ecrExplorer.openImageConfig',
} as const;

type Handler = (node: unknown, selection: unknown) => Promise<ActionResult>;

export function registerExplorerActions(context: vscode.ExtensionContext, deps: ExplorerActionDeps): void {
  const documents = new ImageDocumentProvider(deps);
  const handlers: Record<keyof typeof ACTION_COMMANDS, Handler> = {
    copyRepositoryUri: (node) => copyRepositoryUri(deps, node),
    copyImageUri: (node) => copyImageUri(deps, node),
    copyImageDigestUri: (node) => copyImageDigestUri(deps, node),
    copyPullCommand: (node) => copyPullCommand(deps, node),
    createRepository: (node) => createRepository(deps, node),
    deleteRepository: (node) => deleteRepository(deps, node),
    deleteTag: (node, selection) => deleteTag(deps, node, selection),
    deleteImage: (node, selection) => deleteImage(deps, node, selection),
    setTagMutability: (node) => setTagMutability(deps, node),
    enableScanOnPush: (node) => setScanOnPush(deps, node, true),
    disableScanOnPush: (node) => setScanOnPush(deps, node, false),
    startImageScan: (node) => startImageScan(deps, node),
    openManifest: (node) => openImageDocument(deps, documents, node, 'manifest'),
    openImageConfig: (node) => openImageDocument(deps, documents, node, 'config'),
  };
  context.subscriptions.push(
    documents,
    vscode.workspace.registerTextDocumentContentProvider(IMAGE_DOCUMENT_SCHEME, documents),
    ...Object.entries(handlers).map(([key, handler]) =>
      vscode.commands.registerCommand(ACTION_COMMANDS[key as keyof typeof ACTION_COMMANDS], (node: unknown, selection: unknown) =>
        guarded(deps, handler, node, selection),
      ),
    ),
  );
}

async function guarded(deps: ExplorerActionDeps, handler: Handler, node: unknown, selection: unknown): Promise<ActionResult> {
  try {
    return await handler(node, selection);
  } catch (error) {
    // A bug of ours, not an AWS answer (those are handled where they happen): say so plainly.
    const detail = error instanceof Error ? error.message : String(error);
    return failed(deps, vscode.l10n.t('Unexpected error: {0}', detail));
  }
}
