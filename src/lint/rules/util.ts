// Helpers rules share: edits that insert or replace lines, indentation, the package commands
// of a RUN, and a stable way to describe a fix.
import type { DockerfileModel, Instruction, Script } from '../../dockerfile/dockerfile';
import { packageCommand, type PackageCommand } from '../../dockerfile/packages';
import type { ShellCommand, ShellWord } from '../../dockerfile/shell';
import type { Fix, FixPrompt, Range, TextEdit } from '../types';

export function indentOf(model: DockerfileModel, line: number): string {
  return /^[ \t]*/.exec(model.lines[line] ?? '')?.[0] ?? '';
}

/** Inserts whole lines before `line` (keeping that line's indentation). */
export function insertLinesBefore(model: DockerfileModel, line: number, lines: readonly string[]): TextEdit {
  const indent = indentOf(model, line);
  return { range: at(line, 0), newText: lines.map((text) => indent + text + '\n').join('') };
}

/** Inserts whole lines after `line` (at the end of the document when it is the last line). */
export function insertLinesAfter(model: DockerfileModel, line: number, lines: readonly string[], indent = ''): TextEdit {
  const end = (model.lines[line] ?? '').length;
  return { range: at(line, end), newText: lines.map((text) => '\n' + indent + text).join('') };
}

export function at(line: number, character: number): Range {
  return { start: { line, character }, end: { line, character } };
}

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

/** Deletes the whole lines from `first` to `last`. */
export function deleteLines(model: DockerfileModel, first: number, last: number): TextEdit {
  if (last + 1 < model.lines.length) {
    return { range: { start: { line: first, character: 0 }, end: { line: last + 1, character: 0 } }, newText: '' };
  }
  const startLine = Math.max(0, first - 1);
  const start = first > 0 ? { line: startLine, character: (model.lines[startLine] ?? '').length } : { line: 0, character: 0 };
  return { range: { start, end: { line: last, character: (model.lines[last] ?? '').length } }, newText: '' };
}

export function fix(title: string, edits: readonly TextEdit[], extra: { prompt?: FixPrompt; isPreferred?: boolean } = {}): Fix {
  return { title, edits, ...extra };
}

/** Removes a word and the blank that follows it (or precedes it at the end). */
export function removeWord(script: Script, word: { start: number; end: number }): TextEdit {
  const text = script.text.text;
  let start = word.start;
  let end = word.end;
  if (text[end] === ' ' || text[end] === '\t') {
    while (text[end] === ' ' || text[end] === '\t') {
      end++;
    }
  } else {
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) {
      start--;
    }
  }
  return { range: script.text.range(start, end), newText: '' };
}

export function wordRange(script: Script, word: ShellWord): Range {
  return script.text.range(word.start, word.end);
}

export interface PackageUse {
  readonly instruction: Instruction;
  readonly script: Script;
  readonly command: ShellCommand;
  readonly pkg: PackageCommand;
}

/** Every package-manager command in the RUN instructions of the given instructions. */
export function packageUses(instructions: readonly Instruction[]): PackageUse[] {
  const uses: PackageUse[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword !== 'RUN') {
      continue;
    }
    for (const { script, command } of instruction.commands()) {
      const pkg = packageCommand(command);
      if (pkg) {
        uses.push({ instruction, script, command, pkg });
      }
    }
  }
  return uses;
}

/** RUN instructions of the whole file, ONBUILD RUN triggers included. */
export function runInstructions(model: DockerfileModel): Instruction[] {
  const runs: Instruction[] = [];
  for (const instruction of model.instructions) {
    if (instruction.keyword === 'RUN') {
      runs.push(instruction);
    } else if (instruction.keyword === 'ONBUILD') {
      const trigger = instruction.trigger();
      if (trigger?.keyword === 'RUN') {
        runs.push(trigger);
      }
    }
  }
  return runs;
}

export function plural(count: number, one: string, many = one + 's'): string {
  return `${count} ${count === 1 ? one : many}`;
}
