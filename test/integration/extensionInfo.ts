import * as vscode from 'vscode';

export const EXTENSION_ID = 'ecr-explorer.ecr-explorer';

export function ourExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not loaded in this VS Code`);
  }
  return extension;
}

interface Manifest {
  activationEvents?: string[];
  contributes: {
    commands: Array<{ command: string }>;
    views: Record<string, Array<{ id: string; name: string }>>;
    viewsContainers: { activitybar: Array<{ id: string }> };
  };
}

export function manifest(): Manifest {
  return ourExtension().packageJSON as Manifest;
}
