// What every action needs from the rest of the extension, and what every action answers.
// The answer (an ActionResult) is what vscode.commands.executeCommand resolves to, so that the
// integration tests can check what a command did as well as what ECR now holds.
import type * as vscode from 'vscode';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { AwsProblem, Connection } from '../../../ecr/model';
import type { RegionNodeData, RepositoryNodeData, TreeRefresher } from '../nodeTypes';

export interface ExplorerActionDeps {
  /** The ECR client of a connection; the first call loads the SDK-backed core (lazyEcr.ts). */
  ecr(connection: Connection): Promise<ECRClient>;
  tree: TreeRefresher;
  log: vscode.LogOutputChannel;
  /** Palette fallback when no repository node was given (provided by the tree). */
  pickRepository(title: string): Promise<RepositoryNodeData | undefined>;
  /** Palette fallback when no region node was given (provided by the tree). */
  pickRegion(title: string): Promise<RegionNodeData | undefined>;
}

export type ActionResult =
  | {
      readonly outcome: 'done';
      /** What the user was told (status bar or notification). */
      readonly message: string;
      /** Per item failures of a batch (one line each), when some items failed. */
      readonly failures?: readonly string[];
      /** The document a command opened (openManifest, openImageConfig). */
      readonly uri?: string;
    }
  | { readonly outcome: 'cancelled' }
  | { readonly outcome: 'failed'; readonly message: string; readonly problem?: AwsProblem };

export const CANCELLED: ActionResult = { outcome: 'cancelled' };
