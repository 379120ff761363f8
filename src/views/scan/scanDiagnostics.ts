// The "ECR scan" diagnostics: each remembered Dockerfile's findings, mapped to its lines by the
// scan core, one diagnostic per line. Mapped again (against the new text) when the file is
// edited, so diagnostics follow the lines they belong to.
import * as vscode from 'vscode';
import { mapFindingsToDockerfile, type LineFindings } from '../../scan';
import type { ImageScanResult } from '../../scan/model';
import { toRange } from '../lint/diagnostics';
import { diagnosticCode, diagnosticMessage, diagnosticSeverity, diagnosticSource } from './diagnosticModel';
import { imageLabel } from './presentationModel';
import type { ScannedImageRef } from './scanPresenter';

export interface ShownScan {
  readonly image: ScannedImageRef;
  readonly result: ImageScanResult;
  readonly layerDigests: readonly string[];
  /** The last mapping, for the code actions. */
  lines: LineFindings[];
}

const REMAP_DELAY_MS = 200;

export class ScanDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('ECR scan');
  private readonly shown = new Map<string, ShownScan>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      const key = event.document.uri.toString();
      if (!this.shown.has(key) || event.contentChanges.length === 0) {
        return;
      }
      clearTimeout(this.timers.get(key));
      this.timers.set(
        key,
        setTimeout(() => {
          this.timers.delete(key);
          this.remap(event.document);
        }, REMAP_DELAY_MS),
      );
    });
  }

  /** Maps the findings onto the document and shows them; resolves to the number of lines marked. */
  show(document: vscode.TextDocument, image: ScannedImageRef, result: ImageScanResult, layerDigests: readonly string[]): number {
    const scan: ShownScan = { image, result, layerDigests, lines: [] };
    this.shown.set(document.uri.toString(), scan);
    return this.remap(document);
  }

  scanOf(uri: vscode.Uri): ShownScan | undefined {
    return this.shown.get(uri.toString());
  }

  has(uri: vscode.Uri): boolean {
    return this.shown.has(uri.toString());
  }

  clear(uri?: vscode.Uri): number {
    if (uri) {
      const had = this.shown.delete(uri.toString()) ? 1 : 0;
      this.collection.delete(uri);
      return had;
    }
    const count = this.shown.size;
    this.shown.clear();
    this.collection.clear();
    return count;
  }

  private remap(document: vscode.TextDocument): number {
    const scan = this.shown.get(document.uri.toString());
    if (!scan || document.isClosed) {
      return 0;
    }
    const mapped = mapFindingsToDockerfile(document.getText(), scan.result.findings, { layerDigests: scan.layerDigests });
    scan.lines = mapped.lines;
    const label = imageLabel(scan.image);
    const source = diagnosticSource(scan.result.scanType);
    const diagnostics = mapped.lines.map((line) => {
      const diagnostic = new vscode.Diagnostic(toRange(line.range), diagnosticMessage(line.message, label), diagnosticSeverity(line.severity));
      diagnostic.source = source;
      const code = diagnosticCode(line.findings);
      if (code) {
        diagnostic.code = code.target ? { value: code.value, target: vscode.Uri.parse(code.target, true) } : code.value;
      }
      return diagnostic;
    });
    this.collection.set(document.uri, diagnostics);
    return diagnostics.length;
  }

  dispose(): void {
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    this.subscription.dispose();
    this.collection.dispose();
  }
}
