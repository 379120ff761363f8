// Shell usage in RUN: useradd-high-uid, wget-progress, wget-and-curl, shell-via-ln, pipefail,
// consecutive-run.
import type { Instruction } from '../model/dockerfile';
import { programOf } from '../model/shell';
import type { Rule } from '../rule';
import { familyOf } from './baseFamily';
import { fix, insertLinesBefore } from './util';
import { rootImage } from '../model/dockerfile';

export const useraddHighUid: Rule = {
  meta: {
    id: 'useradd-high-uid',
    title: 'useradd with a high UID and no -l',
    category: 'performance',
    defaultSeverity: 'warning',
    aliases: ['DL3046'],
    summary: 'useradd with a large UID needs -l/--no-log-init to avoid a huge lastlog file.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if (instruction.keyword !== 'RUN') {
        continue;
      }
      for (const { script, command } of instruction.commands()) {
        const program = programOf(command);
        if (program?.name !== 'useradd') {
          continue;
        }
        const args = program.args;
        const noLog = args.some((word) => word.value === '-l' || word.value === '--no-log-init' || /^-[A-Za-z]*l[A-Za-z]*$/.test(word.value));
        const uidIndex = args.findIndex((word) => word.value === '-u' || word.value === '--uid' || word.value.startsWith('--uid='));
        const uidWord = args[uidIndex];
        const uid = uidWord?.value.startsWith('--uid=') ? uidWord.value.slice(6) : args[uidIndex + 1]?.value;
        const word = command.words[program.index];
        if (noLog || !uid || !/^\d{6,}$/.test(uid) || !word) {
          continue;
        }
        context.report({
          instruction,
          range: script.text.range(word.start, word.end),
          message: `useradd with UID ${uid} and without -l writes a sparse /var/log/lastlog and faillog sized by the UID, which the image stores as gigabytes. Add --no-log-init (-l).`,
          fixes: [fix('Add --no-log-init', [{ range: script.text.range(word.end, word.end), newText: ' --no-log-init' }], { isPreferred: true })],
        });
      }
    }
  },
};

export const wgetProgress: Rule = {
  meta: {
    id: 'wget-progress',
    title: 'wget without --progress',
    category: 'style',
    defaultSeverity: 'info',
    aliases: ['DL3047'],
    summary: 'wget\'s default progress bar floods build logs.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if (instruction.keyword !== 'RUN') {
        continue;
      }
      for (const { script, command } of instruction.commands()) {
        const program = programOf(command);
        const word = program ? command.words[program.index] : undefined;
        if (program?.name !== 'wget' || !word) {
          continue;
        }
        const quiet = program.args.some((arg) => /^(?:--progress(?:=.*)?|-q|--quiet|-nv|--no-verbose|-o|--output-file(?:=.*)?|-a|--append-output(?:=.*)?|-[A-Za-z]*q[A-Za-z]*)$/.test(arg.value));
        if (quiet) {
          continue;
        }
        context.report({
          instruction,
          range: script.text.range(word.start, word.end),
          message: 'wget prints a progress bar that fills the build log with thousands of lines. Add --progress=dot:giga (or -q).',
          fixes: [fix('Add --progress=dot:giga', [{ range: script.text.range(word.end, word.end), newText: ' --progress=dot:giga' }], { isPreferred: true })],
        });
      }
    }
  },
};

export const wgetAndCurl: Rule = {
  meta: {
    id: 'wget-and-curl',
    title: 'Both wget and curl used',
    category: 'performance',
    defaultSeverity: 'warning',
    aliases: ['DL4001', 'AVD-DS-0014'],
    summary: 'Use one download tool, not both.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      const uses: Array<{ tool: string; instruction: Instruction; range: ReturnType<Instruction['rangeOf']> }> = [];
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'RUN') {
          continue;
        }
        for (const { script, command } of instruction.commands()) {
          const program = programOf(command);
          const word = program ? command.words[program.index] : undefined;
          if (program && word && (program.name === 'wget' || program.name === 'curl')) {
            uses.push({ tool: program.name, instruction, range: script.text.range(word.start, word.end) });
          }
        }
      }
      const first = uses[0];
      if (!first || uses.every((use) => use.tool === first.tool)) {
        continue;
      }
      for (const use of uses.filter((candidate) => candidate.tool !== first.tool)) {
        context.report({
          instruction: use.instruction,
          range: use.range,
          message: `This stage uses both ${first.tool} and ${use.tool}; each one is another package (and its vulnerabilities) in the image. Use ${first.tool} throughout.`,
        });
      }
    }
  },
};

export const shellViaLn: Rule = {
  meta: {
    id: 'shell-via-ln',
    title: 'Default shell replaced with ln',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['DL4005'],
    summary: 'Use SHELL to change the shell, not ln -s … /bin/sh.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if (instruction.keyword !== 'RUN') {
        continue;
      }
      for (const { script, command } of instruction.commands()) {
        const program = programOf(command);
        const last = command.words[command.words.length - 1];
        const word = program ? command.words[program.index] : undefined;
        if (program?.name === 'ln' && last && word && /^\/bin\/sh$/.test(last.value)) {
          context.report({
            instruction,
            range: script.text.range(word.start, last.end),
            message: 'Linking another shell over /bin/sh changes it for every program in the image, not just for RUN. Use the SHELL instruction, e.g. SHELL ["/bin/bash", "-c"].',
          });
        }
      }
    }
  },
};

/** What a SHELL instruction means for pipes: pipefail set, a non-POSIX shell, or neither. */
function shellState(instruction: Instruction): 'set' | 'other' | undefined {
  const json = instruction.json() ?? [];
  const program = (json[0] ?? '').split(/[\\/]/).pop() ?? '';
  if (/^(?:pwsh|powershell|cmd)(?:\.exe)?$/i.test(program)) {
    return 'other';
  }
  return json.some((arg, i) => arg === 'pipefail' && /^-[a-z]*o$/.test(json[i - 1] ?? '')) || json.includes('-opipefail') ? 'set' : undefined;
}

export const pipefail: Rule = {
  meta: {
    id: 'pipefail',
    title: 'Pipe without pipefail',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['DL4006'],
    summary: 'Set -o pipefail (via SHELL) before a RUN with a pipe.',
  },
  check(context): void {
    const model = context.model;
    for (const stage of model.stages) {
      const family = familyOf(rootImage(stage));
      let shellMode: 'set' | 'other' | undefined;
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'SHELL') {
          shellMode = shellState(instruction);
        }
        if (instruction.keyword !== 'RUN' || instruction.looksLikeJson() || shellMode !== undefined) {
          continue;
        }
        const script = instruction.scripts()[0];
        const piped = script?.commands.find((command) => command.separator === '|');
        if (!script || !piped || /set\s+-[a-z]*o\s+pipefail|set\s+-o\s+pipefail/.test(script.text.text)) {
          continue;
        }
        const first = piped.words[0];
        const end = piped.pipeTo?.words[piped.pipeTo.words.length - 1]?.end ?? first?.end ?? 0;
        const shell = family === 'alpine' ? '/bin/ash' : '/bin/bash';
        context.report({
          instruction,
          range: script.text.range(first?.start ?? instruction.argsStart, end),
          message:
            'Only the last command of a pipe decides whether this RUN fails: if the first one fails (a download error before | tar), the build carries on with broken output. ' +
            `Set pipefail first: SHELL ["${shell}", "-o", "pipefail", "-c"].`,
          fixes: family === 'distroless' || family === 'scratch' || family === 'windows' ? [] : [
            fix(`Add SHELL ["${shell}", "-o", "pipefail", "-c"]`, [insertLinesBefore(model, instruction.startLine, [`SHELL ["${shell}", "-o", "pipefail", "-c"]`])], { isPreferred: true }),
          ],
        });
      }
    }
  },
};

export const consecutiveRun: Rule = {
  meta: {
    id: 'consecutive-run',
    title: 'Consecutive RUN instructions',
    category: 'performance',
    defaultSeverity: 'info',
    aliases: ['DL3059'],
    summary: 'Merge consecutive RUN instructions to save layers.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      let previous: Instruction | undefined;
      for (const instruction of stage.instructions) {
        const flags = (candidate: Instruction): string => candidate.flags().map((flag) => candidate.logical.text.slice(flag.start, flag.end)).join(' ');
        if (instruction.keyword === 'RUN' && previous?.keyword === 'RUN' && flags(previous) === flags(instruction) && instruction.heredocs.length === 0 && previous.heredocs.length === 0) {
          context.report({
            instruction,
            range: instruction.keywordRange,
            message: 'This RUN directly follows another one. Each RUN makes a layer; merging them with && keeps the image smaller and lets cleanup in the same layer take effect.',
          });
        }
        previous = instruction;
      }
    }
  },
};
