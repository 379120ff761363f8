// The findings view: one webview panel per image, reused when the same image is shown again.
// The page (findingsHtml.ts) is rebuilt with a fresh nonce for each show; its only way out is a
// message asking to open a link, which is honoured for http(s) URLs alone. Every word on the
// page is translated here, with vscode.l10n, and handed to the page builder as labels.
import * as vscode from 'vscode';
import type { ImageScanResult } from '../../scan/model';
import { findingsHtml, findingsViewData, newNonce, safeExternalUrl, type FindingsLabels, type FindingsViewData } from './findingsHtml';
import { connectionLabel, imageLabel } from './presentationModel';
import type { ScannedImageRef } from './scanPresenter';
import { imageKey } from './sourceStore';

export const FINDINGS_VIEW_TYPE = 'ecrExplorer.scanFindings';

export interface ShownFindings {
  readonly panel: vscode.WebviewPanel;
  /** The page as set on the webview (tests read it). */
  readonly html: string;
}

/**
 * The page's words in the user's language. Templates keep their {0}, {1}… (vscode.l10n.t leaves
 * them alone when given no values): the page fills them in as it renders. Each call is
 * vscode.l10n.t on a literal so that `@vscode/l10n-dev export` finds every string.
 */
export function findingsLabels(): FindingsLabels {
  return {
    pageTitle: vscode.l10n.t('Scan findings: {0}'),
    severity: vscode.l10n.t('Severity'),
    fixFilter: vscode.l10n.t('Fix'),
    fixAny: vscode.l10n.t('any'),
    fixAvailable: vscode.l10n.t('fix available'),
    noFix: vscode.l10n.t('no fix'),
    textFilter: vscode.l10n.t('Text'),
    textPlaceholder: vscode.l10n.t('id, package, description'),
    showAll: vscode.l10n.t('Show all'),
    vulnerability: vscode.l10n.t('Vulnerability'),
    package: vscode.l10n.t('Package'),
    installed: vscode.l10n.t('Installed'),
    fixedIn: vscode.l10n.t('Fixed in'),
    inspectorScore: vscode.l10n.t('Inspector score'),
    epss: vscode.l10n.t('EPSS'),
    exploit: vscode.l10n.t('Exploit'),
    scanLine: vscode.l10n.t({ message: '{0} scan, {1}', comment: ['{0}: BASIC or ENHANCED, {1}: the scan status, such as COMPLETE'] }),
    scanLineCompleted: vscode.l10n.t({ message: '{0} scan, {1}, completed {2}', comment: ['{0}: BASIC or ENHANCED, {1}: the scan status, such as COMPLETE, {2}: date and time'] }),
    severityCount: vscode.l10n.t({ message: '{0} {1}', comment: ['A summary badge. {0}: a number of findings, {1}: their severity, such as HIGH'] }),
    noFindings: vscode.l10n.t('No findings'),
    oneFinding: vscode.l10n.t('1 finding'),
    findingsCount: vscode.l10n.t('{0} findings'),
    findingsShown: vscode.l10n.t('{0} of {1} findings shown'),
    notReported: vscode.l10n.t({ message: '—', comment: ['A fixed version that basic scanning does not report'] }),
    notReportedTooltip: vscode.l10n.t('Basic scanning does not report fixed versions; the advisory link says which version fixes it.'),
    fixFilterDisabled: vscode.l10n.t('Basic scanning does not report fixed versions.'),
    exploitYes: vscode.l10n.t({ message: 'yes', comment: ['An exploit is known'] }),
    exploitNo: vscode.l10n.t({ message: 'no', comment: ['No exploit is known'] }),
  };
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
      labels: findingsLabels(),
      locale: vscode.env.language || 'en',
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
