// Hand-built findings for the formatter tests: they need no linter, only the public shapes.
import type { Finding, RuleMeta, Severity } from '../../../src/lint/types';

export const SAMPLE_RULES: RuleMeta[] = [
  { id: 'user-root', title: 'The image runs as root', category: 'security', defaultSeverity: 'warning', aliases: ['DL3002', 'AVD-DS-0002', 'CKV_DOCKER_8'] },
  { id: 'base-image-latest', title: 'Base image uses :latest', category: 'security', defaultSeverity: 'warning', aliases: ['DL3007', 'AVD-DS-0001'] },
  { id: 'maintainer-deprecated', title: 'MAINTAINER is deprecated', category: 'maintainability', defaultSeverity: 'error', aliases: ['DL4000', 'MaintainerDeprecated'] },
];

export function finding(
  ruleId: string,
  severity: Severity,
  [line, character, endLine, endCharacter]: [number, number, number, number],
  message = `${ruleId} here`,
): Finding {
  const rule = SAMPLE_RULES.find((candidate) => candidate.id === ruleId);
  return {
    ruleId,
    aliases: rule?.aliases ?? [],
    category: rule?.category ?? 'correctness',
    severity,
    message,
    range: { start: { line, character }, end: { line: endLine, character: endCharacter } },
    fixes: [],
  };
}

export const SAMPLE_TEXT = 'FROM node:latest\nMAINTAINER me\nUSER root\n';

export const SAMPLE_FINDINGS: Finding[] = [
  finding('base-image-latest', 'warning', [0, 5, 0, 16], 'Pin node to a version instead of :latest.'),
  finding('maintainer-deprecated', 'error', [1, 0, 1, 13], 'MAINTAINER is deprecated; use a LABEL.'),
  finding('user-root', 'info', [2, 5, 2, 9], 'The image runs as root.'),
];
