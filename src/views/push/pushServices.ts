// What the push commands use from the cores (the container-CLI driver of src/push, the registry
// login and tag lookup of src/ecr, P4's scan presenter), gathered behind one interface so that the
// flows read as the steps a user sees and so that the wiring (defaultPushServices.ts) is the only
// place that knows which module provides what.
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { Image, Repository } from '../../ecr/model';
import type { NewRepository } from '../../ecr/repositories';
import type { ScannedImageRef, ScanPresentation, ScanPresenter } from '../scan/scanPresenter';
import type { RepositoryScanning } from '../../ecr/scanConfiguration';
import type { BuildEvent, CliFailure, LocalImage, PushEvent } from '../../push/model';
import type { ContainerCli, LoginSession, PushSummary, RegistryLogin } from '../../push';

export type { ContainerCli, LoginSession, PushSummary, RegistryLogin };

export interface PushDriver {
  listImages(signal?: AbortSignal): Promise<LocalImage[]>;
  tag(source: string, target: string, signal?: AbortSignal): Promise<void>;
  tagAndPush(
    login: RegistryLogin,
    source: string,
    reference: string,
    onEvent: (event: PushEvent) => void,
    options?: { readonly signal?: AbortSignal; readonly onLoggedIn?: () => void },
  ): Promise<{ digest: string; tag?: string; layers: PushSummary }>;
  build(
    options: { dockerfile: string; context: string; tags: string[] },
    onEvent: (event: BuildEvent) => void,
    signal?: AbortSignal,
  ): Promise<{ imageId: string }>;
}

/** The part of P4's ScanPresenter the push commands use. */
export type PushScanPresenter = Pick<ScanPresenter, 'rememberSource' | 'waitAndPresent'>;
export type { ScannedImageRef, ScanPresentation };

export interface PushServices {
  /** The CLI the setting (or PATH) names; rejects with a CLI failure ('cli-missing') otherwise. */
  resolveCli(setting: string): Promise<ContainerCli>;
  driver(cli: ContainerCli, log: (line: string) => void): PushDriver;
  gitShortSha(folder: string): Promise<string | undefined>;
  registryLogin(ecr: ECRClient): Promise<RegistryLogin>;
  findImageByTag(ecr: ECRClient, repositoryName: string, tag: string): Promise<Image | undefined>;
  /** Whether ECR will scan what is pushed to the repository; undefined when ECR did not say. */
  repositoryScanning(ecr: ECRClient, repositoryName: string): Promise<RepositoryScanning | undefined>;
  getRepository(ecr: ECRClient, repositoryName: string): Promise<Repository>;
  createRepository(ecr: ECRClient, spec: NewRepository): Promise<Repository>;
  /** The failure a driver call rejected with (its CliError's), undefined for any other error. */
  cliFailure(error: unknown): CliFailure | undefined;
}
