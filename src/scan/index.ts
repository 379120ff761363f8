// The scan core the views use: plain functions over src/scan/model.ts, no SDK and no vscode.
// The SDK-backed parts (readScanResult, waitForScan, getRegistryLogin, findImageByTag,
// getImageLayers) are in src/ecr and reach the views through src/views/lazyEcr.ts.
export type { ImageScanResult, ScanFinding, ScanType } from './model';
export { mapFindingsToDockerfile, type LineAnchor, type LineFindings, type MapOptions, type MappedFindings } from './mapFindings';
export { fromTagFix } from './fromTagFix';
export { compareFindings, formatCounts, reachesSeverity, severityCounts, severityRank, worstSeverity, type SeverityCounts } from './severity';
export { lineMessage } from './lineMessage';
export { compareVersions, highestVersion } from './versionOrder';
