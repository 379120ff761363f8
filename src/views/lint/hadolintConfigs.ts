// The .hadolint.yaml (or .yml) that applies to a Dockerfile, found the way hadolint finds it from
// the document's workspace folder (then the user's own config), read once and cached per folder,
// and re-read when such a file is created, changed or deleted in the workspace.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import type { LintOptions, Severity } from '../../lint/types';

export interface ConfigCore {
  findHadolintConfig(cwd: string, env: NodeJS.ProcessEnv, home: string): string | undefined;
  parseHadolintConfig(
    text: string,
    source: string,
  ): { options: LintOptions; failureThreshold?: Severity | 'none'; problems: string[] };
}

export interface LoadedConfig {
  readonly options: LintOptions;
  /** The file that applied, if any. */
  readonly path?: string;
  readonly problems: readonly string[];
}

export class HadolintConfigs implements vscode.Disposable {
  private readonly cache = new Map<string, LoadedConfig>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly watcher: vscode.FileSystemWatcher;
  /** A config file appeared, changed or went away: open Dockerfiles need linting again. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly core: ConfigCore) {
    this.watcher = vscode.workspace.createFileSystemWatcher('**/.hadolint.{yaml,yml}');
    const reload = (): void => {
      this.cache.clear();
      this.changed.fire();
    };
    this.watcher.onDidCreate(reload);
    this.watcher.onDidChange(reload);
    this.watcher.onDidDelete(reload);
  }

  /** Also clears the cache when workspace folders change (another folder may now apply). */
  forget(): void {
    this.cache.clear();
  }

  forDocument(document: vscode.TextDocument): LoadedConfig {
    const folder = searchFolder(document);
    let loaded = this.cache.get(folder);
    if (!loaded) {
      loaded = this.load(folder);
      this.cache.set(folder, loaded);
    }
    return loaded;
  }

  private load(folder: string): LoadedConfig {
    let path: string | undefined;
    try {
      path = this.core.findHadolintConfig(folder, process.env, homedir());
    } catch (error) {
      return { options: {}, problems: [`Could not look for a .hadolint.yaml from ${folder}: ${messageOf(error)}`] };
    }
    if (path === undefined) {
      return { options: {}, problems: [] };
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      return { options: {}, path, problems: [`Could not read ${path}: ${messageOf(error)}; linting without it.`] };
    }
    const parsed = this.core.parseHadolintConfig(text, path);
    return { options: parsed.options, path, problems: parsed.problems };
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}

/** Where hadolint would be run from for this document: its workspace folder, else its own folder. */
function searchFolder(document: vscode.TextDocument): string {
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (workspaceFolder) {
    return workspaceFolder.uri.fsPath;
  }
  if (document.uri.scheme === 'file') {
    return dirname(document.uri.fsPath);
  }
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? homedir();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
