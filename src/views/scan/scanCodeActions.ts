// Quick fixes on "ECR scan" diagnostics: the scan core's fixes for the line (pin a fixed
// version in the RUN, pin all), "Show N findings" (the findings view filtered to the line), and
// on a FROM line "Move to a newer base tag" when a newer tagged image of that ECR repository has
// a completed scan without some of the line's findings.
import * as vscode from 'vscode';
import type { Fix } from '../../dockerfile/types';
import { fromTagFix, type LineFindings } from '../../scan';
import { toRange } from '../lint/diagnostics';
import { SCAN_SOURCES } from './diagnosticModel';
import { fromReferences } from './fromReferences';
import type { ScanDiagnostics, ShownScan } from './scanDiagnostics';
import type { ScanEcr } from './scanEcr';
import { matchRegistry } from './connectionMatch';

export const SHOW_FINDINGS_COMMAND = 'ecrExplorer.showScanFindings';
/** How many newer tags are read (their scan results) before giving up on a better base. */
const NEWER_TAGS_TRIED = 5;

export class ScanCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(
    private readonly diagnostics: ScanDiagnostics,
    private readonly ecr: ScanEcr,
  ) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) {
      return [];
    }
    const scan = this.diagnostics.scanOf(document.uri);
    const ours = context.diagnostics.filter((diagnostic) => diagnostic.source !== undefined && SCAN_SOURCES.includes(diagnostic.source));
    if (!scan || ours.length === 0) {
      return [];
    }
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const line = scan.lines.find((candidate) => candidate.line === diagnostic.range.start.line);
      if (!line) {
        continue;
      }
      for (const fix of line.fixes) {
        actions.push(editAction(fix, diagnostic, document));
      }
      if (line.anchor === 'from') {
        const newer = await this.newerBase(document, line, scan).catch(() => undefined);
        if (token.isCancellationRequested) {
          return [];
        }
        if (newer) {
          actions.push(editAction(newer, diagnostic, document));
        }
      }
      const show = new vscode.CodeAction(vscode.l10n.t('Show {0} findings', line.findings.length), vscode.CodeActionKind.QuickFix);
      show.diagnostics = [diagnostic];
      show.command = {
        command: SHOW_FINDINGS_COMMAND,
        title: show.title,
        arguments: [{ ...scan.image, only: { ids: line.findings.map((finding) => finding.id), label: vscode.l10n.t('Findings of line {0} of {1}', line.line + 1, vscode.workspace.asRelativePath(document.uri)) } }],
      };
      actions.push(show);
    }
    return actions;
  }

  /** The newest tag of the FROM's ECR repository whose completed scan lacks the most of this line's findings. */
  private async newerBase(document: vscode.TextDocument, line: LineFindings, _scan: ShownScan): Promise<Fix | undefined> {
    const from = fromReferences(document.getText()).find((candidate) => candidate.line === line.line);
    if (!from?.reference.tag) {
      return undefined;
    }
    const match = matchRegistry(from.reference, await this.ecr.knownRegistries());
    const connection = match.kind === 'matched' ? match.connections[0] : undefined;
    if (!connection) {
      return undefined;
    }
    const images = await this.ecr.imagesOf(connection, from.reference.repository);
    const current = images.find((image) => image.tags.includes(from.reference.tag ?? ''));
    const newer = images
      .filter((image) => image !== current && image.tags.length > 0 && !image.isIndex)
      .filter((image) => !current?.pushedAt || (image.pushedAt !== undefined && image.pushedAt > current.pushedAt))
      .filter((image) => ['COMPLETE', 'ACTIVE'].includes(image.scan?.status.toUpperCase() ?? ''))
      .slice(0, NEWER_TAGS_TRIED);
    const ids = new Set(line.findings.map((finding) => finding.id));
    let best: { tag: string; removed: number } | undefined;
    for (const image of newer) {
      const result = await this.ecr.readResult({ connection, repositoryName: from.reference.repository, imageDigest: image.digest });
      const still = new Set(result.findings.map((finding) => finding.id));
      const removed = [...ids].filter((id) => !still.has(id)).length;
      if (removed > 0 && (!best || removed > best.removed)) {
        best = { tag: image.tags[0]!, removed };
      }
    }
    if (!best) {
      return undefined;
    }
    const fix = fromTagFix(document.getText(), line.line, best.tag);
    return fix
      ? { ...fix, title: vscode.l10n.t('Move to base tag {0} (removes {1} of {2} findings)', best.tag, best.removed, ids.size) }
      : undefined;
  }
}

function editAction(fix: Fix, diagnostic: vscode.Diagnostic, document: vscode.TextDocument): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (fix.isPreferred) {
    action.isPreferred = true;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const textEdit of fix.edits) {
    edit.replace(document.uri, toRange(textEdit.range), textEdit.newText);
  }
  action.edit = edit;
  return action;
}
