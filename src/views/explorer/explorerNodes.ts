// The elements of the ECR view's tree. Region, repository, image and platform nodes carry the
// data the actions read (nodeTypes.ts); the others are the tree's own. Each node knows its parent
// (TreeView.reveal needs it) and has an id that is stable across refreshes, so that VS Code keeps
// what was expanded: profile|region|repository|digest.
import type { AwsProblem, Connection, Image, PlatformImage, Repository } from '../../ecr/model';
import type { AwsProfile } from '../../ecr/profiles';
import type { ImageNodeData, PlatformNodeData, RegionNodeData, RepositoryNodeData } from './nodeTypes';

export interface ProfileNode {
  readonly kind: 'profile';
  readonly id: string;
  readonly parent?: undefined;
  readonly profile: string;
  /** Undefined when the profile is not in the AWS files (and is not the environment). */
  readonly info: AwsProfile | undefined;
  readonly regions: readonly string[];
}

export interface ChooseRegionNode {
  readonly kind: 'chooseRegion';
  readonly id: string;
  readonly parent: ProfileNode;
}

export interface RegionNode extends RegionNodeData {
  readonly id: string;
  readonly parent: ProfileNode;
}

export interface NamespaceNode {
  readonly kind: 'namespace';
  readonly id: string;
  readonly parent: RegionNode | NamespaceNode;
  readonly region: RegionNode;
  readonly connection: Connection;
  /** "team-a/" or "team-a/api/": always ends with a slash. */
  readonly path: string;
  readonly name: string;
  readonly repositoryCount: number;
}

export interface RepositoryNode extends RepositoryNodeData {
  readonly id: string;
  readonly parent: RegionNode | NamespaceNode;
  readonly region: RegionNode;
}

export interface ImageNode extends ImageNodeData {
  readonly id: string;
  readonly parent: RepositoryNode;
}

export interface PlatformNode extends PlatformNodeData {
  readonly id: string;
  readonly parent: ImageNode;
}

/** "Load more": appends the next page of its list (repositories of a region, images of a repository). */
export interface LoadMoreNode {
  readonly kind: 'loadMore';
  readonly id: string;
  readonly parent: RegionNode | RepositoryNode;
  /** Set under a filter while the region's index is being read: how many repositories were read so far ("Searching…", no command). */
  readonly searched?: number;
  /** Set under a filter once more matched than are shown: Load more shows more of them. */
  readonly matches?: { readonly shown: number; readonly total: number };
}

/** The one child a node shows when fetching its children failed. */
export interface ProblemNode {
  readonly kind: 'problem';
  readonly id: string;
  readonly parent: ProfileNode | RegionNode | NamespaceNode | RepositoryNode | ImageNode;
  readonly connection: Connection;
  readonly problem: AwsProblem;
}

export type ExplorerNode =
  | ProfileNode
  | ChooseRegionNode
  | RegionNode
  | NamespaceNode
  | RepositoryNode
  | ImageNode
  | PlatformNode
  | LoadMoreNode
  | ProblemNode;

export type ListOwner = RegionNode | RepositoryNode;

export function profileId(profile: string): string {
  return `profile|${profile}`;
}

export function connectionKey(connection: Connection): string {
  return `${connection.profile}|${connection.region}`;
}

export function repositoryKey(connection: Connection, repositoryName: string): string {
  return `${connectionKey(connection)}|${repositoryName}`;
}

export function imageKey(connection: Connection, repositoryName: string, digest: string): string {
  return `${repositoryKey(connection, repositoryName)}|${digest}`;
}

export function makeProfileNode(profile: string, info: AwsProfile | undefined, regions: readonly string[]): ProfileNode {
  return { kind: 'profile', id: profileId(profile), profile, info, regions };
}

export function makeRegionNode(parent: ProfileNode, region: string): RegionNode {
  const connection = { profile: parent.profile, region };
  return { kind: 'region', id: connectionKey(connection), parent, connection };
}

export function makeNamespaceNode(
  parent: RegionNode | NamespaceNode,
  region: RegionNode,
  folder: { name: string; path: string; repositoryCount: number },
): NamespaceNode {
  const path = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  return {
    kind: 'namespace',
    id: `${region.id}|ns|${path}`,
    parent,
    region,
    connection: region.connection,
    path,
    name: folder.name,
    repositoryCount: folder.repositoryCount,
  };
}

export function makeRepositoryNode(parent: RegionNode | NamespaceNode, region: RegionNode, repository: Repository): RepositoryNode {
  return {
    kind: 'repository',
    id: repositoryKey(region.connection, repository.name),
    parent,
    region,
    connection: region.connection,
    repository,
  };
}

export function makeImageNode(parent: RepositoryNode, image: Image): ImageNode {
  return {
    kind: 'image',
    id: imageKey(parent.connection, parent.repository.name, image.digest),
    parent,
    connection: parent.connection,
    repository: parent.repository,
    image,
  };
}

export function makePlatformNode(parent: ImageNode, platform: PlatformImage): PlatformNode {
  return {
    kind: 'platformImage',
    id: `${parent.id}|${platform.digest}`,
    parent,
    connection: parent.connection,
    repository: parent.repository,
    index: parent.image,
    platform,
  };
}

export function makeProblemNode(parent: ProblemNode['parent'], connection: Connection, problem: AwsProblem): ProblemNode {
  return { kind: 'problem', id: `${parent.id}|problem`, parent, connection, problem };
}
