// What the push commands need from the rest of the extension, and what each resolves to. The
// result is what vscode.commands.executeCommand answers, so the integration tests can check what
// a push did (outcome, image, layers, scan) as well as what ECR now holds.
import type * as vscode from 'vscode';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { Connection } from '../../ecr/model';
import type { RegionNodeData, RepositoryNodeData, TreeRefresher } from '../explorer/nodeTypes';
import type { ProgressTap } from './progress';
import type { LayerCounts } from './pushModel';
import type { PushScanPresenter, PushServices, ScanPresentation } from './pushServices';

export interface PushDeps {
  readonly services: PushServices;
  ecr(connection: Connection): Promise<ECRClient>;
  readonly tree: TreeRefresher;
  /** Reveals and selects the image in the ECR view; false when it is not shown there. */
  revealImage(connection: Connection, repositoryName: string, digest: string): Promise<boolean>;
  pickRepository(title: string): Promise<RepositoryNodeData | undefined>;
  pickRegion(title: string): Promise<RegionNodeData | undefined>;
  readonly presenter: PushScanPresenter | undefined;
  readonly log: vscode.LogOutputChannel;
  /** The workspace's memory: the last target repository. */
  readonly workspaceState: vscode.Memento;
  readonly tap: ProgressTap;
}

/** Why a push did not end 'done' (a CliFailureKind of the driver, or one of the views' own). */
export type PushReason =
  | 'untrusted'
  | 'cli-missing'
  | 'no-local-images'
  | 'tag-exists'
  | 'aws'
  | 'scan-threshold'
  | 'daemon-unreachable'
  | 'authentication'
  | 'repository-not-found'
  | 'tag-immutable'
  | 'image-not-found'
  | 'network'
  | 'build-failed'
  | 'unknown';

export interface PushResult {
  readonly outcome: 'done' | 'failed' | 'cancelled';
  /** What the user was told. */
  readonly message?: string;
  readonly reason?: PushReason;
  readonly repository?: string;
  readonly tag?: string;
  readonly digest?: string;
  readonly layers?: LayerCounts;
  /** Build and Push: the image the build made. */
  readonly imageId?: string;
  /** What the scan presenter showed after the push. */
  readonly scan?: ScanPresentation;
  /** Whether the ECR view revealed the new image. */
  readonly revealed?: boolean;
}

export const CANCELLED: PushResult = { outcome: 'cancelled' };
