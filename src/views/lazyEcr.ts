// The AWS SDK is most of what activation would otherwise evaluate (~1,000 modules: clients,
// credential providers, proxy agents). It lives in its own bundle, dist/ecr.js (src/ecr/awsCore.ts),
// loaded the first time something needs ECR: the tree listing profiles, a command run. esbuild.mjs
// turns the import() below into require('./ecr.js') and refuses any other way in.
// The wrappers keep the core's signatures, so the views call them as if imported directly.
import type * as AwsCore from '../ecr/awsCore';

export type EcrCore = typeof AwsCore;

let loading: Promise<EcrCore> | undefined;

/** The SDK-backed core, loaded once; a failed load (e.g. a damaged install) is tried again next time. */
export function loadEcrCore(): Promise<EcrCore> {
  if (!loading) {
    const attempt = import('../ecr/awsCore').catch((error: unknown) => {
      loading = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`The ECR part of the extension could not be loaded (${reason}). Reinstall the ECR Explorer extension.`);
    });
    loading = attempt;
  }
  return loading;
}

type AsyncExport = { [K in keyof EcrCore]: EcrCore[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof EcrCore];

/** A function with the signature of the core's export `name` that loads the core on its first call. */
function deferred<K extends AsyncExport>(name: K): EcrCore[K] {
  const call = async (...args: unknown[]): Promise<unknown> => {
    const core = await loadEcrCore();
    return (core[name] as (...args: unknown[]) => Promise<unknown>)(...args);
  };
  return call as EcrCore[K];
}

export const listAwsProfiles = deferred('listAwsProfiles');
export const listImagesPage = deferred('listImagesPage');
export const deleteImages = deferred('deleteImages');
export const startImageScan = deferred('startImageScan');
export const getManifest = deferred('getManifest');
export const getImageConfig = deferred('getImageConfig');
export const listPlatforms = deferred('listPlatforms');
export const listRepositoriesPage = deferred('listRepositoriesPage');
export const getRepository = deferred('getRepository');
export const createRepository = deferred('createRepository');
export const countImages = deferred('countImages');
export const deleteRepository = deferred('deleteRepository');
export const setTagMutability = deferred('setTagMutability');
export const setScanOnPush = deferred('setScanOnPush');
export const estimateRepositoryStorage = deferred('estimateRepositoryStorage');
export const estimateRegionStorage = deferred('estimateRegionStorage');
export const getRegistryLogin = deferred('getRegistryLogin');
export const findImageByTag = deferred('findImageByTag');
export const getRepositoryScanning = deferred('getRepositoryScanning');
export const getImageLayers = deferred('getImageLayers');
export const readScanResult = deferred('readScanResult');
export const waitForScan = deferred('waitForScan');

/** searchRepositories is an async generator: it yields the core's progress once the core is loaded. */
export async function* searchRepositories(...args: Parameters<EcrCore['searchRepositories']>): ReturnType<EcrCore['searchRepositories']> {
  const core = await loadEcrCore();
  yield* core.searchRepositories(...args);
}
