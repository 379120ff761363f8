// "Open Manifest" and "Open Image Configuration": read-only JSON documents of our own scheme,
//   ecr-image:/<profile>/<region>/<repository>@<digest>/manifest.json (or config.json)
// The command fetches first (with progress, so that failures become messages), the provider then
// serves what was fetched; a document VS Code restores later is fetched again by the provider.
import * as vscode from 'vscode';
import { shortDigest } from '../../../ecr/format';
import { describeAwsProblem } from '../../../ecr/awsProblems';
import type { Connection } from '../../../ecr/model';
import { getImageConfig, getManifest } from '../../lazyEcr';
import { CANCELLED, type ActionResult, type ExplorerActionDeps } from './actionDeps';
import { inform, reportProblem, withProgress } from './feedback';
import { asImageLike, digestOf } from './targets';

export const IMAGE_DOCUMENT_SCHEME = 'ecr-image';

type DocumentKind = 'manifest' | 'config';

interface ImageDocumentAddress {
  readonly connection: Connection;
  readonly repositoryName: string;
  readonly digest: string;
  readonly kind: DocumentKind;
}

export function imageDocumentUri(address: ImageDocumentAddress): vscode.Uri {
  const { connection, repositoryName, digest, kind } = address;
  // Profile names may hold almost anything (even "/"): encode them; region, name and digest cannot.
  return vscode.Uri.from({
    scheme: IMAGE_DOCUMENT_SCHEME,
    path: `/${encodeURIComponent(connection.profile)}/${connection.region}/${repositoryName}@${digest}/${kind}.json`,
  });
}

const ADDRESS = /^\/([^/]+)\/([^/]+)\/(.+)@([a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+)\/(manifest|config)\.json$/;

export function parseImageDocumentUri(uri: vscode.Uri): ImageDocumentAddress | undefined {
  const match = ADDRESS.exec(uri.path);
  if (uri.scheme !== IMAGE_DOCUMENT_SCHEME || !match) {
    return undefined;
  }
  const [, profile = '', region = '', repositoryName = '', digest = '', kind = 'manifest'] = match;
  return { connection: { profile: decodeURIComponent(profile), region }, repositoryName, digest, kind: kind as DocumentKind };
}

export class ImageDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly fetched = new Map<string, string>();
  private readonly closing: vscode.Disposable;
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  /** Fired when a document is fetched again, so that an open editor shows the new text. */
  readonly onDidChange = this.changes.event;

  constructor(private readonly deps: ExplorerActionDeps) {
    // What was fetched lives as long as its document.
    this.closing = vscode.workspace.onDidCloseTextDocument((document) => this.fetched.delete(document.uri.toString()));
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const known = this.fetched.get(uri.toString());
    if (known !== undefined) {
      return known;
    }
    const address = parseImageDocumentUri(uri);
    if (!address) {
      return vscode.l10n.t('Not an ECR image document: {0}', uri.toString());
    }
    try {
      return await this.fetch(address);
    } catch (error) {
      // A restored editor cannot show a notification flow; its text says what went wrong instead.
      return describeAwsProblem(error, address.connection).message;
    }
  }

  async fetch(address: ImageDocumentAddress): Promise<string> {
    const client = await this.deps.ecr(address.connection);
    return address.kind === 'manifest'
      ? getManifest(client, address.repositoryName, address.digest).then((manifest) => manifest.text)
      : getImageConfig(client, address.repositoryName, address.digest);
  }

  remember(uri: vscode.Uri, text: string): void {
    this.fetched.set(uri.toString(), text);
    this.changes.fire(uri);
  }

  dispose(): void {
    this.closing.dispose();
    this.changes.dispose();
    this.fetched.clear();
  }
}

export async function openImageDocument(
  deps: ExplorerActionDeps,
  provider: ImageDocumentProvider,
  node: unknown,
  kind: DocumentKind,
): Promise<ActionResult> {
  const image = asImageLike(node);
  if (!image) {
    return CANCELLED;
  }
  if (kind === 'config' && image.kind === 'image' && image.image.isIndex) {
    return inform(
      deps,
      vscode.l10n.t(
        '{0} is a multi-platform manifest list, which has no image configuration of its own: expand it and choose a platform.',
        `${image.repository.name}@${shortDigest(image.image.digest)}`,
      ),
    );
  }
  const address: ImageDocumentAddress = { connection: image.connection, repositoryName: image.repository.name, digest: digestOf(image), kind };
  const name = `${address.repositoryName}@${shortDigest(address.digest)}`;
  const outcome = await withProgress(
    kind === 'manifest' ? vscode.l10n.t('Reading the manifest of {0}…', name) : vscode.l10n.t('Reading the image configuration of {0}…', name),
    () => provider.fetch(address),
  );
  if ('cancelled' in outcome) {
    return CANCELLED;
  }
  if (!outcome.ok) {
    return reportProblem(
      deps,
      outcome.error,
      image.connection,
      kind === 'manifest' ? vscode.l10n.t('Could not read the manifest of {0}', name) : vscode.l10n.t('Could not read the image configuration of {0}', name),
      () => openImageDocument(deps, provider, node, kind),
    );
  }
  const uri = imageDocumentUri(address);
  provider.remember(uri, outcome.value);
  let document = await vscode.workspace.openTextDocument(uri);
  if (document.languageId !== 'json') {
    document = await vscode.languages.setTextDocumentLanguage(document, 'json');
  }
  await vscode.window.showTextDocument(document, { preview: true });
  const message = kind === 'manifest' ? vscode.l10n.t('Opened the manifest of {0}', name) : vscode.l10n.t('Opened the image configuration of {0}', name);
  deps.log.info(message);
  return { outcome: 'done', message, uri: uri.toString() };
}
