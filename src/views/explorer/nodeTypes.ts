// What the ECR view's nodes carry, as the commands see them. The tree (explorerTree.ts) builds
// TreeItems that implement these; the actions (actions/) only read them, so both sides can
// change how they draw or act without touching the other.
import type { Connection, Image, PlatformImage, Repository } from '../../ecr/model';

export interface RegionNodeData {
  readonly kind: 'region';
  readonly connection: Connection;
}

export interface RepositoryNodeData {
  readonly kind: 'repository';
  readonly connection: Connection;
  readonly repository: Repository;
}

export interface ImageNodeData {
  readonly kind: 'image';
  readonly connection: Connection;
  readonly repository: Repository;
  readonly image: Image;
}

export interface PlatformNodeData {
  readonly kind: 'platformImage';
  readonly connection: Connection;
  readonly repository: Repository;
  /** The manifest list the platform belongs to. */
  readonly index: Image;
  readonly platform: PlatformImage;
}

export type ActionTarget = RegionNodeData | RepositoryNodeData | ImageNodeData | PlatformNodeData;

/** What actions need from the tree: redraw after a change. */
export interface TreeRefresher {
  /** Re-fetches the children of a region or repository (everything when absent). */
  refresh(target?: RegionNodeData | RepositoryNodeData): void;
}
