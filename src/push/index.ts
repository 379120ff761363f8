// The container-CLI driver's public face (pure Node, no vscode): what src/views/push uses.
export { CliError } from './cliError';
export { classifyCliFailure, type CliOperation } from './classifyFailure';
export { ContainerCliDriver, tagOf, type BuildOptions, type DriverOptions, type ImageDetails, type PushResult, type RegistryLogin } from './driver';
export { gitShortSha, isDirty } from './git';
export { isLoopbackRegistry, type LoginSession } from './loginConfig';
export type { BuildEvent, CliFailure, CliFailureKind, ContainerEngine, LayerStatus, LocalImage, PushEvent } from './model';
export { PushProgressParser, type PushSummary } from './pushProgress';
export { BuildProgressParser } from './buildProgress';
export { resolveContainerCli, type ContainerCli } from './resolveCli';
export type { Spawner } from './runProcess';
