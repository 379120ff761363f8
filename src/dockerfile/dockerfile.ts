// The shared model of one Dockerfile, built once per lint: instructions with their logical text,
// stages (FROM with ARG-resolved image, alias, parent stage), the final stage, and lazily the
// words, flags, exec form and shell commands each rule asks for.
import type { Range } from './types';
import { MappedText } from './mapped';
import { scan, type Directive, type HeredocBody, type RawInstruction } from './scan';
import { parseShell, type ShellCommand } from './shell';
import { keyValues, leadingFlags, parseJsonArray, splitWords, type Flag, type KeyValue, type Word } from './words';
import { parseImageRef, substitute, type ImageRef } from './image';

/** A shell script found in a RUN: the instruction's own command line or a heredoc body. */
export interface Script {
  readonly text: MappedText;
  readonly commands: readonly ShellCommand[];
  /** Set for heredoc bodies. */
  readonly heredoc?: HeredocBody;
}

export class Instruction {
  readonly keyword: string;
  readonly keywordText: string;
  readonly logical: MappedText;
  /** Offset of the keyword in `logical` (not 0 for an ONBUILD trigger). */
  readonly keywordStart: number;
  readonly argsStart: number;
  stage: Stage | undefined;
  private cachedWords: Word[] | undefined;
  private cachedFlags: { flags: Flag[]; rest: Word[] } | undefined;
  private cachedScripts: Script[] | undefined;
  private cachedTrigger: Instruction | null | undefined;

  constructor(
    readonly raw: RawInstruction,
    readonly index: number,
    readonly escape: string,
    keywordStart = 0,
  ) {
    this.logical = raw.logical;
    this.keywordStart = keywordStart;
    const text = raw.logical.text;
    if (keywordStart === 0) {
      this.keywordText = raw.keywordText;
      this.argsStart = raw.argsStart;
    } else {
      const match = /^(\S+)\s*/.exec(text.slice(keywordStart));
      this.keywordText = match?.[1] ?? '';
      this.argsStart = keywordStart + (match?.[0].length ?? 0);
    }
    this.keyword = this.keywordText.toUpperCase();
  }

  get args(): string {
    return this.logical.text.slice(this.argsStart);
  }

  get startLine(): number {
    return this.raw.startLine;
  }

  get endLine(): number {
    return this.raw.endLine;
  }

  get heredocs(): readonly HeredocBody[] {
    return this.raw.heredocs;
  }

  /** From the keyword to the end of the instruction's last line (heredoc bodies included). */
  get range(): Range {
    return { start: this.logical.position(this.keywordStart), end: { line: this.raw.endLine, character: this.raw.endCharacter } };
  }

  /** The instruction without heredoc bodies: a squiggle that does not cover a whole script. */
  get headRange(): Range {
    return this.logical.range(this.keywordStart, this.logical.text.length);
  }

  get keywordRange(): Range {
    return this.logical.range(this.keywordStart, this.keywordStart + this.keywordText.length);
  }

  get argsRange(): Range {
    const end = this.logical.text.length;
    return this.argsStart < end ? this.logical.range(this.argsStart, end) : this.keywordRange;
  }

  rangeOf(start: number, end: number): Range {
    return this.logical.range(start, end);
  }

  words(): Word[] {
    this.cachedWords ??= splitWords(this.logical.text, this.argsStart, this.logical.text.length, this.escape);
    return this.cachedWords;
  }

  private flagSplit(): { flags: Flag[]; rest: Word[] } {
    this.cachedFlags ??= leadingFlags(this.words());
    return this.cachedFlags;
  }

  flags(): Flag[] {
    return this.flagSplit().flags;
  }

  flag(name: string): Flag | undefined {
    return this.flagSplit().flags.find((flag) => flag.name === name);
  }

  /** Words after the leading flags. */
  operands(): Word[] {
    return this.flagSplit().rest;
  }

  /** Offset where the text after the flags starts. */
  get bodyStart(): number {
    return this.operands()[0]?.start ?? this.logical.text.length;
  }

  /** The exec form (`["a", "b"]`) after flags, or undefined for the shell form. */
  json(): string[] | undefined {
    const text = this.logical.text.slice(this.bodyStart);
    return text.startsWith('[') ? parseJsonArray(text) : undefined;
  }

  /** Looks like an exec form (starts with `[`) even if the JSON is broken. */
  looksLikeJson(): boolean {
    return this.logical.text.startsWith('[', this.bodyStart);
  }

  keyValues(allowLegacy: boolean): KeyValue[] {
    return keyValues(this.words(), this.logical.text, allowLegacy);
  }

  /** The ONBUILD trigger as an instruction of its own (shares this one's text). */
  trigger(): Instruction | undefined {
    if (this.keyword !== 'ONBUILD') {
      return undefined;
    }
    if (this.cachedTrigger === undefined) {
      const trigger = this.argsStart < this.logical.text.length ? new Instruction(this.raw, this.index, this.escape, this.argsStart) : null;
      if (trigger) {
        trigger.stage = this.stage;
      }
      this.cachedTrigger = trigger;
    }
    return this.cachedTrigger ?? undefined;
  }

  /**
   * Shell scripts of a RUN (also an ONBUILD RUN): the shell-form command line, and each heredoc
   * body the shell runs (`RUN <<EOF`, `RUN bash <<EOF`, not `RUN python3 <<EOF`).
   */
  scripts(): Script[] {
    if (this.cachedScripts) {
      return this.cachedScripts;
    }
    const scripts: Script[] = [];
    if (this.keyword === 'RUN' && !this.looksLikeJson()) {
      const text = this.logical;
      const commands = parseShell(text.text, this.bodyStart, text.text.length);
      scripts.push({ text, commands });
      for (const heredoc of this.raw.heredocs) {
        if (heredocIsShell(heredoc, commands)) {
          scripts.push({ text: heredoc.body, commands: parseShell(heredoc.body.text), heredoc });
        }
      }
    }
    this.cachedScripts = scripts;
    return scripts;
  }

  /** Every shell command of the RUN, heredoc scripts included. */
  commands(): Array<{ script: Script; command: ShellCommand }> {
    const all: Array<{ script: Script; command: ShellCommand }> = [];
    for (const script of this.scripts()) {
      for (const command of script.commands) {
        all.push({ script, command });
      }
    }
    return all;
  }
}

const SHELLS = /^(?:sh|bash|ash|dash|zsh|ksh)$/;

function heredocIsShell(heredoc: HeredocBody, commands: readonly ShellCommand[]): boolean {
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(heredoc.body.text);
  if (shebang) {
    const program = (shebang[1] ?? '').split('/').pop() ?? '';
    return SHELLS.test(program === 'env' ? (shebang[2] ?? '') : program);
  }
  // The command that reads the heredoc: the one whose redirect is the heredoc marker.
  for (const command of commands) {
    if (command.redirects.some((word) => word.value === heredoc.name)) {
      const first = command.words[0];
      return first === undefined || SHELLS.test((first.value.split('/').pop() ?? ''));
    }
  }
  return true;
}

export interface Stage {
  readonly index: number;
  readonly from: Instruction;
  /** The image as written (after flags), before substitution. */
  readonly imageWord: Word | undefined;
  /** After ARG substitution; undefined when a variable has no value. */
  readonly image: ImageRef | undefined;
  /** The image text was changed by substitution. */
  readonly substituted: boolean;
  readonly unresolvedVariables: readonly string[];
  readonly alias: Word | undefined;
  /** Set when FROM names an earlier stage. */
  readonly parent: Stage | undefined;
  readonly instructions: Instruction[];
  readonly isFinal: boolean;
}

export interface DockerfileModel {
  readonly text: string;
  readonly lines: readonly string[];
  readonly directives: readonly Directive[];
  readonly escape: string;
  readonly instructions: readonly Instruction[];
  /** ARG instructions before the first FROM. */
  readonly globalArgs: readonly Instruction[];
  readonly stages: readonly Stage[];
  readonly finalStage: Stage | undefined;
  readonly commentLines: readonly number[];
  /** Names of the global ARGs with their defaults (undefined when none). */
  readonly globalArgValues: ReadonlyMap<string, string | undefined>;
}

/** ARGs BuildKit defines for every FROM without a declaration. */
export const AUTOMATIC_PLATFORM_ARGS = new Set([
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
]);

export function buildModel(text: string): DockerfileModel {
  const scanned = scan(text);
  const instructions = scanned.instructions.map((raw, index) => new Instruction(raw, index, scanned.escape));
  const globalArgs: Instruction[] = [];
  const globalArgValues = new Map<string, string | undefined>();
  const stages: Array<Stage & { instructions: Instruction[] }> = [];
  const byAlias = new Map<string, Stage>();
  let current: (Stage & { instructions: Instruction[] }) | undefined;
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const operands = instruction.operands();
      const imageWord = operands[0];
      const asWord = operands[1];
      const alias = asWord && asWord.value.toLowerCase() === 'as' ? operands[2] : undefined;
      const resolved = imageWord
        ? substitute(imageWord.value, (name) => (globalArgValues.has(name) ? globalArgValues.get(name) : undefined))
        : undefined;
      const image = imageWord && resolved && resolved.unresolved.length === 0 && resolved.value !== '' ? parseImageRef(resolved.value) : undefined;
      const parent = image && !image.registry && !image.tag && !image.digest ? byAlias.get(resolved?.value.toLowerCase() ?? '') : undefined;
      current = {
        index: stages.length,
        from: instruction,
        imageWord,
        image,
        substituted: !!imageWord && !!resolved && resolved.used.length > 0,
        unresolvedVariables: resolved?.unresolved ?? [],
        alias,
        parent,
        instructions: [instruction],
        isFinal: false,
      };
      stages.push(current);
      if (alias) {
        byAlias.set(alias.value.toLowerCase(), current);
      }
      instruction.stage = current;
      continue;
    }
    if (!current) {
      if (instruction.keyword === 'ARG') {
        globalArgs.push(instruction);
        for (const pair of instruction.keyValues(false)) {
          globalArgValues.set(pair.key, pair.value);
        }
      }
      continue;
    }
    instruction.stage = current;
    current.instructions.push(instruction);
  }
  const last = stages[stages.length - 1];
  if (last) {
    (last as { isFinal: boolean }).isFinal = true;
  }
  return {
    text,
    lines: scanned.lines,
    directives: scanned.directives,
    escape: scanned.escape,
    instructions,
    globalArgs,
    stages,
    finalStage: last,
    commentLines: scanned.commentLines,
    globalArgValues,
  };
}

/** The first image of the stage chain (`FROM base AS a` … `FROM a`): what the final image is built on. */
export function rootImage(stage: Stage): ImageRef | undefined {
  let current: Stage | undefined = stage;
  for (let guard = 0; current && guard < 1000; guard++) {
    if (!current.parent) {
      return current.image;
    }
    current = current.parent;
  }
  return undefined;
}
