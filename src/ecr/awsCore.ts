// Everything the editor reaches through the AWS SDK, in one module that esbuild bundles on its own
// into dist/ecr.js. The extension loads it on first use through src/views/lazyEcr.ts, so that
// activation never evaluates the SDK (credential providers, proxy agents, the ECR client).
// Add an export here when a view needs another SDK-backed operation; pure helpers (format,
// model, repositoryNames, awsProblems) stay importable directly.
export { EcrClients, type EcrClientsOptions, type RequestLogEntry } from './clients';
export { deleteImages, listImagesPage, startImageScan } from './images';
export { getImageConfig, getManifest, listPlatforms } from './manifests';
export { listAwsProfiles } from './profiles';
export { countImages, createRepository, deleteRepository, getRepository, listRepositoriesPage, setScanOnPush, setTagMutability } from './repositories';
export { searchRepositories } from './repositorySearch';
export { estimateRegionStorage, estimateRepositoryStorage } from './storage';
export { findImageByTag, getImageLayers } from './imageLookup';
export { getRegistryLogin, type EcrRegistryLogin } from './registryLogin';
export { readScanResult } from './scanFindings';
export { getRepositoryScanning, type RepositoryScanning } from './scanConfiguration';
export { waitForScan, type ScanWaitOptions, type ScanWaitOutcome, type ScanWaitResult } from './scanWait';
