// "Suppress <rule> on this line / in this file" quick fixes. They write the pragma the user's
// other tools also honour: hadolint's when the rule has a hadolint id (so hadolint, its CI job
// and vscode-hadolint agree), otherwise ours. An existing pragma of the same kind is extended
// rather than duplicated; file-wide pragmas go after the parser directives (a comment above
// `# escape=` would turn the directive into a plain comment).
import { canonicalId, isHadolintId } from './aliases';
import { buildModel, type DockerfileModel } from '../dockerfile/dockerfile';
import { parsePragmaLine, type Pragma } from './pragmas';
import type { Finding, Fix, TextEdit } from './types';

function pragmaId(finding: Finding): { tool: 'hadolint' | 'ecr-lint'; id: string } {
  const aliases: readonly string[] = Array.isArray(finding.aliases) ? finding.aliases : [];
  const hadolint = aliases.find(isHadolintId);
  return hadolint ? { tool: 'hadolint', id: hadolint.toUpperCase() } : { tool: 'ecr-lint', id: finding.ruleId };
}

function addTo(pragma: Pragma, line: number, id: string): TextEdit | undefined {
  if (pragma.ids.includes(canonicalId(id))) {
    return undefined;
  }
  const position = { line, character: pragma.idsEnd };
  return { range: { start: position, end: position }, newText: pragma.idsEnd > pragma.idsStart ? `,${id}` : id };
}

function instructionLine(model: DockerfileModel, line: number): number {
  for (const instruction of model.instructions) {
    if (instruction.startLine <= line && instruction.endLine >= line) {
      return instruction.startLine;
    }
    if (instruction.startLine > line) {
      return instruction.startLine;
    }
  }
  return line;
}

export function suppressionFixes(text: string, finding: Finding): Fix[] {
  let model: DockerfileModel;
  try {
    model = buildModel(typeof text === 'string' ? text : '');
  } catch {
    return [];
  }
  if (!finding || typeof finding.ruleId !== 'string' || !finding.range?.start) {
    return [];
  }
  const { tool, id } = pragmaId(finding);
  const label = id === finding.ruleId ? finding.ruleId : `${finding.ruleId} (${id})`;
  const fixes: Fix[] = [];

  // On this line: the comment block right above the instruction.
  const target = instructionLine(model, Math.max(0, Math.min(finding.range.start.line, model.lines.length - 1)));
  const indent = /^[ \t]*/.exec(model.lines[target] ?? '')?.[0] ?? '';
  let lineEdit: TextEdit | undefined;
  let alreadyThere = false;
  for (let line = target - 1; line >= 0; line--) {
    const content = model.lines[line] ?? '';
    if (!/^[ \t]*#/.test(content)) {
      break;
    }
    const pragma = parsePragmaLine(content, line);
    if (pragma && pragma.tool === tool && pragma.scope === 'next') {
      lineEdit = addTo(pragma, line, id);
      alreadyThere = lineEdit === undefined;
      break;
    }
  }
  if (!alreadyThere) {
    lineEdit ??= { range: { start: { line: target, character: 0 }, end: { line: target, character: 0 } }, newText: `${indent}# ${tool} ignore=${id}\n` };
    fixes.push({ title: `Suppress ${label} on this line`, edits: [lineEdit] });
  }

  // In this file: extend a global pragma of the same tool, or add one after the directives.
  let fileEdit: TextEdit | undefined;
  alreadyThere = false;
  for (const line of model.commentLines) {
    const pragma = parsePragmaLine(model.lines[line] ?? '', line);
    if (pragma && pragma.tool === tool && pragma.scope === 'file') {
      fileEdit = addTo(pragma, line, id);
      alreadyThere = fileEdit === undefined;
      break;
    }
  }
  if (!alreadyThere) {
    const after = model.directives.length > 0 ? Math.max(...model.directives.map((directive) => directive.line)) + 1 : 0;
    fileEdit ??= { range: { start: { line: after, character: 0 }, end: { line: after, character: 0 } }, newText: `# ${tool} global ignore=${id}\n` };
    fixes.push({ title: `Suppress ${label} in this file`, edits: [fileEdit] });
  }
  return fixes;
}
