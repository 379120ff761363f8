// The findings view: one webview panel per image, reused when the same image is shown again.
// The page (findingsHtml.ts) is rebuilt with a fresh nonce for each show; its only way out is a
// message asking to open a link, which is honoured for http(s) URLs alone.
import * as vscode from 'vscode';
import type { ImageScanResult } from '../../scan/model';
import { findingsHtml, findingsViewData, newNonce, safeExternalUrl, type FindingsViewData } from './findingsHtml';
import { connectionLabel, imageLabel } from './presentationModel';
import type { ScannedImageRef } from './scanPresenter';
import { imageKey } from './sourceStore';

export const FINDINGS_VIEW_TYPE = 'ecrExplorer.scanFindings';

export interface ShownFindings {
  readonly panel: vscode.WebviewPanel;
  /** The page as set on the webview (tests read it). */
  readonly html: string;
}

export class FindingsPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  show(image: ScannedImageRef, result: ImageScanResult, only?: FindingsViewData['only']): ShownFindings {
    const key = imageKey(image);
    const label = imageLabel(image);
    let panel = this.panels.get(key);
    if (panel) {
      panel.reveal(undefined, false);
    } else {
      const media = vscode.Uri.joinPath(this.extensionUri, 'media');
      panel = vscode.window.createWebviewPanel(
        FINDINGS_VIEW_TYPE,
        vscode.l10n.t('Findings: {0}', image.tag ? `${image.repositoryName}:${image.tag}` : label),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: false },
      );
      const created = panel;
      this.panels.set(key, created);
      created.onDidDispose(() => {
        if (this.panels.get(key) === created) {
          this.panels.delete(key);
        }
      });
      created.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message));
    }
    const webview = panel.webview;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const html = findingsHtml({
      cspSource: webview.cspSource,
      nonce: newNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'findings.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'findings.css')).toString(),
      data: findingsViewData(`${label} (${connectionLabel(image.connection)})`, result, only),
    });
    webview.html = html;
    return { panel, html };
  }

  private onMessage(message: unknown): void {
    const { type, url } = (message ?? {}) as { type?: unknown; url?: unknown };
    if (type !== 'open') {
      return;
    }
    const safe = safeExternalUrl(url);
    if (!safe) {
      this.log.warn('The findings view asked to open a link that is not http(s); ignored.');
      return;
    }
    void vscode.env.openExternal(vscode.Uri.parse(safe, true));
  }

  dispose(): void {
    for (const panel of this.panels.values()) {
      panel.dispose();
    }
    this.panels.clear();
  }
}
