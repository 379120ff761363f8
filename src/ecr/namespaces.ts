// Repository names with slashes ("team-a/api/v2") read as folders, as in the ECR console's
// namespaces. The tree's nested mode shows one level at a time from a flat list it already has.
import type { Repository } from './model';

export interface NamespaceListing {
  /** Namespaces directly under `path`; `path` of a folder ends with '/'. */
  folders: Array<{ name: string; path: string; repositoryCount: number }>;
  /** Repositories whose name has no further '/' after `path`. */
  repositories: Repository[];
}

/**
 * What one level of the nested tree shows: '' is the top, 'team-a/' is inside team-a (a path
 * without the trailing slash is taken as if it had one). Folders first, each sorted by name; a
 * folder's count includes the repositories of its sub-folders.
 */
export function listNamespace(repositories: readonly Repository[], path: string): NamespaceListing {
  const prefix = path === '' || path.endsWith('/') ? path : `${path}/`;
  const folderCounts = new Map<string, number>();
  const direct: Repository[] = [];
  for (const repository of repositories) {
    if (!repository.name.startsWith(prefix)) {
      continue;
    }
    const rest = repository.name.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) {
      direct.push(repository);
    } else {
      const folder = rest.slice(0, slash);
      folderCounts.set(folder, (folderCounts.get(folder) ?? 0) + 1);
    }
  }
  const folders = [...folderCounts]
    .sort(([a], [b]) => compareNames(a, b))
    .map(([name, repositoryCount]) => ({ name, path: `${prefix}${name}/`, repositoryCount }));
  direct.sort((a, b) => compareNames(a.name, b.name));
  return { folders, repositories: direct };
}

/** Code-point order: names are lower-case ASCII, and the result must not depend on the locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
