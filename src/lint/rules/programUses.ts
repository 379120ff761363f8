// The program each simple command of a RUN runs (useradd, wget, ln…), for the rules that look at
// what a command runs. Plain RUN only: ONBUILD RUN triggers are not included (runInstructions in
// util.ts collects those for the rules that want them).
import type { Instruction, Script } from '../../dockerfile/dockerfile';
import { programOf, type Program, type ShellCommand } from '../../dockerfile/shell';

export interface ProgramUse {
  readonly instruction: Instruction;
  readonly script: Script;
  readonly command: ShellCommand;
  readonly program: Program;
}

/** Every command that runs a program in the RUN instructions among the given instructions. */
export function programUses(instructions: readonly Instruction[]): ProgramUse[] {
  const uses: ProgramUse[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword !== 'RUN') {
      continue;
    }
    for (const { script, command } of instruction.commands()) {
      const program = programOf(command);
      if (program) {
        uses.push({ instruction, script, command, program });
      }
    }
  }
  return uses;
}
