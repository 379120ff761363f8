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
