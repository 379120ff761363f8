// Whether a push will be followed by a scan: the repository's effective scanning configuration as
// ECR works it out (its own scanOnPush, or a registry rule of basic or enhanced scanning that
// matches its name). Asking first spares a push into a repository that never scans on push the
// wait for a scan that will not come.
import { BatchGetRepositoryScanningConfigurationCommand, type ECRClient } from '@aws-sdk/client-ecr';

export interface RepositoryScanning {
  /** True when ECR scans each pushed image (SCAN_ON_PUSH or CONTINUOUS_SCAN). */
  readonly scansOnPush: boolean;
  /** SCAN_ON_PUSH, CONTINUOUS_SCAN or MANUAL. */
  readonly frequency: string;
}

/**
 * The repository's effective scanning, or undefined when ECR did not say (no permission for
 * ecr:BatchGetRepositoryScanningConfiguration, an older endpoint): callers then wait as if it scanned.
 */
export async function getRepositoryScanning(ecr: ECRClient, repositoryName: string, signal?: AbortSignal): Promise<RepositoryScanning | undefined> {
  try {
    const output = await ecr.send(new BatchGetRepositoryScanningConfigurationCommand({ repositoryNames: [repositoryName] }), signal ? { abortSignal: signal } : {});
    const configuration = output.scanningConfigurations?.find((entry) => entry.repositoryName === repositoryName);
    if (!configuration) {
      return undefined;
    }
    const frequency = configuration.scanFrequency ?? (configuration.scanOnPush ? 'SCAN_ON_PUSH' : 'MANUAL');
    return { scansOnPush: configuration.scanOnPush === true || frequency === 'CONTINUOUS_SCAN', frequency };
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    return undefined;
  }
}
