// The real PushServices: the container-CLI driver of src/push (pure Node) and the SDK-backed
// registry login, tag lookup and repository calls, loaded lazily through lazyEcr like every
// other ECR call of the views. The driver inherits VS Code's environment, so DOCKER_HOST,
// DOCKER_CONTEXT and CONTAINER_HOST apply as they do in a terminal.
import { CliError, ContainerCliDriver, gitShortSha, resolveContainerCli } from '../../push';
import { createRepository, findImageByTag, getRegistryLogin, getRepository, getRepositoryScanning } from '../lazyEcr';
import type { PushServices } from './pushServices';

export const defaultPushServices: PushServices = {
  resolveCli: (setting) => resolveContainerCli(setting, process.env),
  driver: (cli, log) => new ContainerCliDriver(cli, { env: process.env, log }),
  gitShortSha,
  registryLogin: (ecr) => getRegistryLogin(ecr),
  findImageByTag: (ecr, repositoryName, tag) => findImageByTag(ecr, repositoryName, tag),
  repositoryScanning: (ecr, repositoryName) => getRepositoryScanning(ecr, repositoryName),
  getRepository,
  createRepository,
  cliFailure: (error) => (error instanceof CliError ? error.failure : undefined),
};
