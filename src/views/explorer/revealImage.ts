// Reveals one image in the ECR view after a push: the repository's node found the way the tree
// shows it (its profile and region must be chosen), its images read again, the image's node
// selected by digest. The TreeView needs the node instances the tree handed out, so the search
// goes through the tree's own getChildren.
import type * as vscode from 'vscode';
import type { Connection } from '../../ecr/model';
import type { ExplorerNode, ImageNode } from './explorerNodes';
import type { ExplorerTree } from './explorerTree';

export async function revealImage(
  tree: ExplorerTree,
  treeView: vscode.TreeView<ExplorerNode>,
  connection: Connection,
  repositoryName: string,
  digest: string,
): Promise<boolean> {
  const repository = await tree.findRepositoryNode(connection, repositoryName);
  if (!repository) {
    return false;
  }
  const image = (await tree.getChildren(repository)).find((node): node is ImageNode => node.kind === 'image' && node.image.digest === digest);
  if (!image) {
    return false;
  }
  await treeView.reveal(image, { select: true, focus: false, expand: false });
  return true;
}
