// Turns a command's arguments into the nodes it acts on. Context menus pass (node, selection);
// the palette passes nothing (then the tree's pickers ask); anything else counts as nothing.
import type { Connection, Repository } from '../../../ecr/model';
import type { ActionTarget, ImageNodeData, PlatformNodeData, RegionNodeData, RepositoryNodeData } from '../nodeTypes';
import type { ExplorerActionDeps } from './actionDeps';

function isTarget(value: unknown): value is ActionTarget {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { kind, connection } = value as { kind?: unknown; connection?: Partial<Connection> };
  return (
    (kind === 'region' || kind === 'repository' || kind === 'image' || kind === 'platformImage') &&
    typeof connection?.profile === 'string' &&
    typeof connection.region === 'string'
  );
}

export function asTarget(value: unknown): ActionTarget | undefined {
  return isTarget(value) ? value : undefined;
}

export function regionNode(connection: Connection): RegionNodeData {
  return { kind: 'region', connection };
}

export function repositoryNode(connection: Connection, repository: Repository): RepositoryNodeData {
  return { kind: 'repository', connection, repository };
}

/** The repository a node belongs to; from the palette, the one the user picks. */
export async function repositoryTarget(node: unknown, deps: ExplorerActionDeps, title: string): Promise<RepositoryNodeData | undefined> {
  const target = asTarget(node);
  if (!target) {
    return deps.pickRepository(title);
  }
  return target.kind === 'region' ? deps.pickRepository(title) : repositoryNode(target.connection, target.repository);
}

/** The region a node belongs to; from the palette or the view title, the one the user picks. */
export async function regionTarget(node: unknown, deps: ExplorerActionDeps, title: string): Promise<RegionNodeData | undefined> {
  const target = asTarget(node);
  return target ? regionNode(target.connection) : deps.pickRegion(title);
}

export type ImageLike = ImageNodeData | PlatformNodeData;

export function asImageLike(node: unknown): ImageLike | undefined {
  const target = asTarget(node);
  return target?.kind === 'image' || target?.kind === 'platformImage' ? target : undefined;
}

/** The digest a node stands for: an image's own, or a platform's within its index. */
export function digestOf(node: ImageLike): string {
  return node.kind === 'image' ? node.image.digest : node.platform.digest;
}

/**
 * The image nodes a multi-select command acts on: the selection when the clicked node is part of
 * it (VS Code passes both), else the clicked node alone; nodes of other kinds are left out.
 */
export function selectedImages(node: unknown, selection: unknown): ImageNodeData[] {
  const clicked = asTarget(node);
  const selected = Array.isArray(selection) ? selection.map(asTarget).filter((item) => item !== undefined) : [];
  const chosen = clicked && selected.includes(clicked) ? selected : clicked ? [clicked] : selected;
  return chosen.filter((item): item is ImageNodeData => item.kind === 'image');
}

/** One group per repository (of one connection), in the order they were first seen. */
export function groupByRepository(images: readonly ImageNodeData[]): Array<[ImageNodeData, ...ImageNodeData[]]> {
  const groups = new Map<string, [ImageNodeData, ...ImageNodeData[]]>();
  for (const image of images) {
    const key = JSON.stringify([image.connection.profile, image.connection.region, image.repository.name]);
    const group = groups.get(key);
    if (group) {
      group.push(image);
    } else {
      groups.set(key, [image]);
    }
  }
  return [...groups.values()];
}
