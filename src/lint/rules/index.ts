// Every rule, and lookups by id or by any alias (hadolint DL3002, Trivy AVD-DS-0002 / DS-0002 /
// DS002, Checkov CKV_DOCKER_8, BuildKit JSONArgsRecommended), case-insensitively.
import { canonicalId } from '../aliases';
import type { Rule } from '../rule';
import type { RuleMeta } from '../types';
import { rule as addRemoteUrl } from './addRemoteUrl';
import { rule as baseImageEol } from './baseImageEol';
import { rule as baseImageLatest } from './baseImageLatest';
import { rule as baseImageUnpinned } from './baseImageUnpinned';
import { rule as buildToolsInFinalStage } from './buildToolsInFinalStage';
import { rule as dockerSocketVolume } from './dockerSocketVolume';
import { rule as hardcodedCredential } from './hardcodedCredential';
import { rule as insecureTls } from './insecureTls';
import { rule as packageSignatureBypass } from './packageSignatureBypass';
import { rule as remoteScriptPipe } from './remoteScriptPipe';
import { rule as secretFileCopied } from './secretFileCopied';
import { rule as secretInArgEnv } from './secretInArgEnv';
import { rule as sshPortExposed } from './sshPortExposed';
import { rule as sudo } from './sudo';
import { rule as untrustedRegistry } from './untrustedRegistry';
import { rule as userRoot } from './userRoot';
import { rule as userNonNumeric } from './users';
import { rule as pinPackageVersions } from './pinPackageVersions';
import { rule as packageCacheNotCleaned } from './packageCacheNotCleaned';
import { rule as nonInteractiveInstall } from './nonInteractiveInstall';
import { rule as noInstallRecommends } from './noInstallRecommends';
import { rule as avoidDistUpgrade } from './avoidDistUpgrade';
import { rule as updateAlone } from './updateAlone';
import { rule as avoidApt } from './avoidApt';
import { rule as workdirRelative } from './workdirRelative';
import { rule as workdirSystemDir } from './workdirSystemDir';
import { rule as pointlessCommand } from './pointlessCommand';
import { rule as cdInsteadOfWorkdir } from './cdInsteadOfWorkdir';
import { rule as preferCopy } from './preferCopy';
import { rule as copyDestSlash } from './copyDestSlash';
import { rule as copyFromSelf } from './copyFromSelf';
import { rule as copyFromUnknownStage } from './copyFromUnknownStage';
import { rule as duplicateStageName } from './duplicateStageName';
import { rule as fromAsCasing } from './fromAsCasing';
import { rule as reservedStageName } from './reservedStageName';
import { rule as stageNameCasing } from './stageNameCasing';
import { rule as fromPlatformFlag } from './fromPlatformFlag';
import { rule as redundantTargetPlatform } from './redundantTargetPlatform';
import { rule as healthcheckMissing } from './healthcheckMissing';
import { rule as instructionBeforeFrom } from './instructionBeforeFrom';
import { rule as maintainerDeprecated } from './maintainerDeprecated';
import { rule as multipleInstructions } from './multipleInstructions';
import { rule as onbuildForbiddenTrigger } from './onbuildForbiddenTrigger';
import { rule as envSelfReference } from './envSelfReference';
import { rule as invalidDefaultArgInFrom } from './invalidDefaultArgInFrom';
import { rule as legacyKeyValue } from './legacyKeyValue';
import { rule as undefinedArgInFrom } from './undefinedArgInFrom';
import { rule as exposeInvalidFormat } from './exposeInvalidFormat';
import { rule as exposePortRange } from './exposePortRange';
import { rule as exposeProtoCasing } from './exposeProtoCasing';
import { rule as emptyContinuation } from './emptyContinuation';
import { rule as instructionCasing } from './instructionCasing';
import { rule as jsonArgsRecommended } from './jsonArgsRecommended';
import { rule as copyThenExtract } from './copyThenExtract';
import { rule as copyEntireFilesystem } from './copyEntireFilesystem';
import { rule as copyRelativeWithoutWorkdir } from './copyRelativeWithoutWorkdir';
import { rule as consecutiveRun } from './consecutiveRun';
import { rule as pipefail } from './pipefail';
import { rule as shellViaLn } from './shellViaLn';
import { rule as useraddHighUid } from './useraddHighUid';
import { rule as wgetAndCurl } from './wgetAndCurl';
import { rule as wgetProgress } from './wgetProgress';
import { rule as definitionDescription } from './definitionDescription';
import { rule as labelKeyInvalid } from './labelKeyInvalid';
import { rule as labelSchema } from './labelSchema';
import { rule as inlineIgnorePragma } from './inlineIgnorePragma';

export const allRules: readonly Rule[] = [
  // Security
  userRoot,
  baseImageLatest,
  baseImageUnpinned,
  baseImageEol,
  secretInArgEnv,
  hardcodedCredential,
  remoteScriptPipe,
  insecureTls,
  packageSignatureBypass,
  sudo,
  sshPortExposed,
  addRemoteUrl,
  buildToolsInFinalStage,
  dockerSocketVolume,
  untrustedRegistry,
  secretFileCopied,
  // Correctness, maintainability, performance, style
  instructionBeforeFrom,
  duplicateStageName,
  reservedStageName,
  stageNameCasing,
  fromAsCasing,
  fromPlatformFlag,
  redundantTargetPlatform,
  undefinedArgInFrom,
  invalidDefaultArgInFrom,
  instructionCasing,
  emptyContinuation,
  multipleInstructions,
  jsonArgsRecommended,
  maintainerDeprecated,
  onbuildForbiddenTrigger,
  healthcheckMissing,
  workdirRelative,
  workdirSystemDir,
  envSelfReference,
  legacyKeyValue,
  exposePortRange,
  exposeProtoCasing,
  exposeInvalidFormat,
  preferCopy,
  copyDestSlash,
  copyFromUnknownStage,
  copyFromSelf,
  copyRelativeWithoutWorkdir,
  copyEntireFilesystem,
  copyThenExtract,
  userNonNumeric,
  pinPackageVersions,
  packageCacheNotCleaned,
  nonInteractiveInstall,
  noInstallRecommends,
  avoidDistUpgrade,
  updateAlone,
  avoidApt,
  pointlessCommand,
  cdInsteadOfWorkdir,
  useraddHighUid,
  wgetProgress,
  wgetAndCurl,
  shellViaLn,
  pipefail,
  consecutiveRun,
  labelKeyInvalid,
  labelSchema,
  definitionDescription,
  inlineIgnorePragma,
];

const metas: readonly RuleMeta[] = allRules.map((rule) => rule.meta);
const byKey = new Map<string, RuleMeta>();
for (const meta of metas) {
  byKey.set(canonicalId(meta.id), meta);
}
for (const meta of metas) {
  for (const alias of meta.aliases) {
    const key = canonicalId(alias);
    if (!byKey.has(key)) {
      byKey.set(key, meta);
    }
  }
}

export function ruleMetas(): readonly RuleMeta[] {
  return metas;
}

export function findRuleMeta(idOrAlias: string): RuleMeta | undefined {
  return typeof idOrAlias === 'string' ? byKey.get(canonicalId(idOrAlias)) : undefined;
}
