// The git commit a folder is at, to suggest as an image tag. Runs git with an argv array; any
// trouble (no git, not a repository, no commit yet) means there is nothing to suggest.
import { execFile } from 'node:child_process';

function git(folder: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['-C', folder, ...args], { timeout: 10_000, windowsHide: true }, (error, stdout) => {
      resolve(error ? undefined : stdout.trim());
    });
  });
}

/** `git rev-parse --short HEAD`, or undefined when the folder is not in a repository or git is missing. */
export async function gitShortSha(folder: string): Promise<string | undefined> {
  const sha = await git(folder, ['rev-parse', '--short', 'HEAD']);
  return sha && /^[0-9a-f]{4,40}$/.test(sha) ? sha : undefined;
}

/** Whether tracked files have changes (a tag from the SHA would not describe the image); undefined when unknown. */
export async function isDirty(folder: string): Promise<boolean | undefined> {
  const status = await git(folder, ['status', '--porcelain', '--untracked-files=no']);
  return status === undefined ? undefined : status !== '';
}
