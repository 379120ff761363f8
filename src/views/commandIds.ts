// Ids of commands whose modules load on first use: activation registers them from this small
// module without importing the modules themselves (package.json declares the same ids).
export const SCAN_COMMANDS = {
  showScanFindings: 'ecrExplorer.showScanFindings',
  showFindingsOnDockerfile: 'ecrExplorer.showFindingsOnDockerfile',
  clearScanFindings: 'ecrExplorer.clearScanFindings',
} as const;

export const PUSH_COMMANDS = {
  pushImage: 'ecrExplorer.pushImage',
  buildAndPush: 'ecrExplorer.buildAndPush',
} as const;

export type ScanCommandId = (typeof SCAN_COMMANDS)[keyof typeof SCAN_COMMANDS];
export type PushCommandId = (typeof PUSH_COMMANDS)[keyof typeof PUSH_COMMANDS];
