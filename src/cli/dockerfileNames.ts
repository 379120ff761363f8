// Which file names are Dockerfiles when a folder is searched: the names VS Code's Docker language
// claims (Dockerfile, Containerfile, Dockerfile.*, *.Dockerfile), compared case-insensitively as
// VS Code does. `Dockerfile.dockerignore` is BuildKit's per-Dockerfile ignore file, not a Dockerfile.

/** Folders never searched: dependencies and version-control internals. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git']);

export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.endsWith('.dockerignore')) {
    return false;
  }
  return ['dockerfile', 'containerfile'].some(
    (base) => lower === base || lower.startsWith(`${base}.`) || lower.endsWith(`.${base}`),
  );
}
