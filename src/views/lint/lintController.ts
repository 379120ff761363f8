// Keeps the diagnostics of every open Dockerfile in step with its text: lints on open, again a
// moment after the user stops typing (debounced, on the unsaved text), and clears on close. The
// latest findings are kept beside their diagnostics so that quick fixes can be built from them.
import * as vscode from 'vscode';
import type { Finding, LintOptions } from '../../lint/types';

export interface DocumentLintSetup {
  readonly enabled: boolean;
  readonly debounceMs: number;
  readonly options: LintOptions;
}

export interface LintedPair {
  readonly finding: Finding;
  readonly diagnostic: vscode.Diagnostic;
}

export interface LintResult {
  readonly version: number;
  readonly pairs: readonly LintedPair[];
}

export interface LintControllerDeps {
  readonly lint: (text: string, options: LintOptions) => Finding[];
  readonly collection: vscode.DiagnosticCollection;
  readonly setupFor: (document: vscode.TextDocument) => DocumentLintSetup;
  readonly toDiagnostic: (finding: Finding) => vscode.Diagnostic;
  readonly log: vscode.LogOutputChannel;
}

/** Schemes whose documents are the user's files; not git: or output: views of them. */
const LINTED_SCHEMES = new Set(['file', 'untitled']);

export function isLintedDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'dockerfile' && LINTED_SCHEMES.has(document.uri.scheme);
}

function tabbedDocuments(): Map<string, vscode.Uri> {
  const uris = vscode.window.tabGroups.all.flatMap((group) => group.tabs).flatMap(tabUris);
  return new Map(uris.map((uri) => [uri.toString(), uri]));
}

/** The documents a tab shows (both sides of a diff). */
function tabUris(tab: vscode.Tab): vscode.Uri[] {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) {
    return [input.uri];
  }
  if (input instanceof vscode.TabInputTextDiff) {
    return [input.original, input.modified];
  }
  return [];
}

export class LintController implements vscode.Disposable {
  private readonly results = new Map<string, LintResult>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The documents shown in a tab at the last tab change, by URI string. */
  private tabbed = new Map<string, vscode.Uri>();

  constructor(private readonly deps: LintControllerDeps) {}

  /** Subscribes to document events and lints what is already open. */
  start(): void {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.lintNow(document)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) {
          this.schedule(event.document);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      // VS Code may keep a document open for a while after its last editor tab closed, or after a
      // preview tab moved on to another file; the user expects the findings to go with the tab.
      vscode.window.tabGroups.onDidChangeTabs(() => this.forgetUntabbed()),
      // A document whose results were dropped (disabled, then enabled) gets them back when shown.
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const { document } of editors) {
          if (!this.results.has(document.uri.toString())) {
            this.lintNow(document);
          }
        }
      }),
    );
    this.tabbed = tabbedDocuments();
    for (const document of vscode.workspace.textDocuments) {
      this.lintNow(document);
    }
  }

  /** Drops the findings of documents that were in a tab and no longer are. */
  private forgetUntabbed(): void {
    const now = tabbedDocuments();
    for (const [key, uri] of this.tabbed) {
      if (!now.has(key) && this.results.has(key)) {
        this.forget(uri);
      }
    }
    this.tabbed = now;
  }

  /**
   * Lints the Dockerfiles the user has in front of them again (settings or a .hadolint.yaml
   * changed): those with findings, in a tab or visible; not documents VS Code merely keeps open.
   */
  relintAll(): void {
    const visible = new Set(vscode.window.visibleTextEditors.map((editor) => editor.document.uri.toString()));
    for (const document of vscode.workspace.textDocuments) {
      const key = document.uri.toString();
      if (this.results.has(key) || this.tabbed.has(key) || visible.has(key)) {
        this.lintNow(document);
      }
    }
  }

  /** The findings of the document's current text, linting it now if they are not. */
  resultFor(document: vscode.TextDocument): LintResult | undefined {
    const result = this.results.get(document.uri.toString());
    return result && result.version === document.version ? result : this.lintNow(document);
  }

  schedule(document: vscode.TextDocument): void {
    if (!isLintedDocument(document)) {
      return;
    }
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    const { debounceMs } = this.deps.setupFor(document);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) {
          this.lintNow(document);
        }
      }, debounceMs),
    );
  }

  lintNow(document: vscode.TextDocument): LintResult | undefined {
    if (!isLintedDocument(document)) {
      return undefined;
    }
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const setup = this.deps.setupFor(document);
    if (!setup.enabled) {
      this.forget(document.uri);
      return undefined;
    }
    let findings: Finding[];
    const started = Date.now();
    try {
      findings = this.deps.lint(document.getText(), setup.options);
    } catch (error) {
      // The engine promises never to throw; if it does, the user keeps the editor and we keep a trace.
      this.deps.log.error(`Linting ${document.uri.fsPath || key} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    }
    const pairs = findings.map((finding) => ({ finding, diagnostic: this.deps.toDiagnostic(finding) }));
    const result: LintResult = { version: document.version, pairs };
    this.results.set(key, result);
    this.deps.collection.set(
      document.uri,
      pairs.map((pair) => pair.diagnostic),
    );
    this.deps.log.trace(`Linted ${key} (version ${document.version}) in ${Date.now() - started} ms: ${pairs.length} finding(s)`);
    return result;
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.results.delete(key);
    this.deps.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    this.timers.clear();
    this.results.clear();
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}
