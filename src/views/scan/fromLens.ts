// CodeLens and hover on FROM lines that name an ECR image of a chosen connection: the image's
// scan summary and push date, or plainly why there is none. Results are cached per reference
// (ScanEcr) and per document version, so typing elsewhere sends no request.
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../settings';
import { fromReferences, type FromReference } from './fromReferences';
import { hoverLines, lensTitle, type FromLookup } from './fromLensModel';
import type { ScanEcr } from './scanEcr';
import { toRange } from '../lint/diagnostics';

export function codeLensEnabled(document?: vscode.TextDocument): boolean {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION, document).get<unknown>('scanCodeLens') !== false;
}

export class FromLensProvider implements vscode.CodeLensProvider, vscode.HoverProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly parsed = new Map<string, { version: number; references: FromReference[] }>();

  constructor(private readonly ecr: ScanEcr) {}

  refresh(): void {
    this.changed.fire();
  }

  private referencesOf(document: vscode.TextDocument): FromReference[] {
    const key = document.uri.toString();
    const cached = this.parsed.get(key);
    if (cached && cached.version === document.version) {
      return cached.references;
    }
    const references = fromReferences(document.getText());
    this.parsed.set(key, { version: document.version, references });
    if (this.parsed.size > 50) {
      this.parsed.delete(this.parsed.keys().next().value!);
    }
    return references;
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!codeLensEnabled(document)) {
      return [];
    }
    const lenses: vscode.CodeLens[] = [];
    const now = new Date();
    for (const from of this.referencesOf(document)) {
      const lookup = await this.ecr.lookupFrom(from.reference).catch(() => undefined);
      if (token.isCancellationRequested) {
        return [];
      }
      if (lookup) {
        lenses.push(new vscode.CodeLens(toRange(from.range), lensCommand(from, lookup, now)));
      }
    }
    return lenses;
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const from = this.referencesOf(document).find((candidate) => toRange(candidate.range).contains(position));
    if (!from) {
      return undefined;
    }
    const lookup = await this.ecr.lookupFrom(from.reference).catch(() => undefined);
    if (!lookup) {
      return undefined;
    }
    const markdown = new vscode.MarkdownString(hoverLines(from.reference, lookup, new Date()).join('\n'));
    const command = lensCommand(from, lookup, new Date());
    if (command.command) {
      const args = encodeURIComponent(JSON.stringify(command.arguments ?? []));
      markdown.appendMarkdown(`\n\n[${lookup.kind === 'found' ? vscode.l10n.t('Show Scan Findings') : vscode.l10n.t('Choose Profiles')}](command:${command.command}?${args})`);
      markdown.isTrusted = { enabledCommands: [command.command] };
    }
    return new vscode.Hover(markdown, toRange(from.range));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function lensCommand(from: FromReference, lookup: FromLookup, now: Date): vscode.Command {
  const title = lensTitle(from.reference, lookup, now);
  switch (lookup.kind) {
    case 'found':
      return {
        title,
        command: 'ecrExplorer.showScanFindings',
        arguments: [{ connection: lookup.connection, repositoryName: lookup.image.repositoryName, imageDigest: lookup.image.digest, ...(lookup.image.tags[0] ? { tag: from.reference.tag ?? lookup.image.tags[0] } : {}) }],
      };
    case 'no-profile':
      return { title, command: 'ecrExplorer.chooseProfiles' };
    default:
      return { title, command: '' };
  }
}
