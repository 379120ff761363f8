// The suppression comments users already write, read from the raw comment lines (dockerfile-ast
// would parse the leading ones as parser directives):
//   # hadolint ignore=DL3008,SC2086 # reason     next instruction
//   # hadolint global ignore=DL3006              whole file
//   # hadolint stage ignore=DL3059               rest of the stage
//   # ecr-lint ignore= / global ignore= / stage ignore=   ours, same scopes
//   # check=skip=JSONArgsRecommended,StageNameCasing (or all)   BuildKit parser directive
//   #checkov:skip=CKV_DOCKER_5: reason           whole file
//   #trivy:ignore:AVD-DS-0002                    next instruction
//   # dockerfile-utils: ignore                   next instruction, every rule
import { canonicalId } from './aliases';
import type { DockerfileModel } from '../dockerfile/dockerfile';

export type PragmaScope = 'next' | 'stage' | 'file';

export interface Pragma {
  readonly tool: 'hadolint' | 'ecr-lint' | 'buildkit' | 'checkov' | 'trivy' | 'dockerfile-utils';
  readonly scope: PragmaScope;
  readonly line: number;
  /** Canonical ids; empty with `all` set means every rule. */
  readonly ids: readonly string[];
  /** `check=skip=all` (every BuildKit check) or `dockerfile-utils: ignore` (everything). */
  readonly all: boolean;
  /** Character range of the id list on the line (for merging new ids in). */
  readonly idsStart: number;
  readonly idsEnd: number;
}

const OURS_OR_HADOLINT = /^([ \t]*#[ \t]*)(hadolint|ecr-lint)[ \t]+(?:(global|stage)[ \t]+)?ignore[ \t]*=[ \t]*([^#]*?)[ \t]*(?:#.*)?$/;
const CHECKOV = /^[ \t]*#[ \t]*checkov:skip=([A-Za-z0-9_,]+)/;
const TRIVY = /^[ \t]*#[ \t]*trivy:ignore:([A-Za-z0-9-]+)/;
const DOCKERFILE_UTILS = /^[ \t]*#[ \t]*dockerfile-utils:[ \t]*ignore\b/;

function ids(list: string): string[] {
  return list
    .split(/[\s,]+/)
    .filter((id) => id !== '')
    .map(canonicalId);
}

export function parsePragmaLine(text: string, line: number): Pragma | undefined {
  if (!text.includes('#')) {
    return undefined;
  }
  const ours = OURS_OR_HADOLINT.exec(text);
  if (ours) {
    const list = ours[4] ?? '';
    let idsStart = text.indexOf('=', text.indexOf('ignore')) + 1;
    while (text[idsStart] === ' ' || text[idsStart] === '\t') {
      idsStart++;
    }
    return {
      tool: ours[2] === 'hadolint' ? 'hadolint' : 'ecr-lint',
      scope: ours[3] === 'global' ? 'file' : ours[3] === 'stage' ? 'stage' : 'next',
      line,
      ids: ids(list),
      all: false,
      idsStart,
      idsEnd: idsStart + list.length,
    };
  }
  const checkov = CHECKOV.exec(text);
  if (checkov) {
    const start = text.indexOf('=') + 1;
    return { tool: 'checkov', scope: 'file', line, ids: ids(checkov[1] ?? ''), all: false, idsStart: start, idsEnd: start + (checkov[1] ?? '').length };
  }
  const trivy = TRIVY.exec(text);
  if (trivy) {
    const start = text.indexOf('ignore:') + 'ignore:'.length;
    return { tool: 'trivy', scope: 'next', line, ids: ids(trivy[1] ?? ''), all: false, idsStart: start, idsEnd: start + (trivy[1] ?? '').length };
  }
  if (DOCKERFILE_UTILS.test(text)) {
    return { tool: 'dockerfile-utils', scope: 'next', line, ids: [], all: true, idsStart: text.length, idsEnd: text.length };
  }
  return undefined;
}

export function findPragmas(model: DockerfileModel): Pragma[] {
  const pragmas: Pragma[] = [];
  for (const directive of model.directives) {
    if (directive.name !== 'check') {
      continue;
    }
    for (const part of directive.value.split(';')) {
      const match = /^\s*skip\s*=\s*(.*?)\s*$/i.exec(part);
      if (match) {
        const list = match[1] ?? '';
        const all = list.split(',').some((id) => id.trim().toLowerCase() === 'all');
        const start = directive.valueStart + directive.value.indexOf(part) + part.indexOf(list);
        pragmas.push({ tool: 'buildkit', scope: 'file', line: directive.line, ids: all ? [] : ids(list), all, idsStart: start, idsEnd: start + list.length });
      }
    }
  }
  for (const line of model.commentLines) {
    const pragma = parsePragmaLine(model.lines[line] ?? '', line);
    if (pragma) {
      pragmas.push(pragma);
    }
  }
  return pragmas;
}
