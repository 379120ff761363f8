// pipefail: a pipe fails only when its last command fails, so a failed download before | tar lets
// the build carry on with broken output; SHELL with -o pipefail makes every command count.
import { rootImage, type Instruction } from '../../dockerfile/dockerfile';
import type { Rule } from '../rule';
import { familyOf } from './baseFamily';
import { fix, insertLinesBefore } from './util';

/** What a SHELL instruction means for pipes: pipefail set, a non-POSIX shell, or neither. */
function shellState(instruction: Instruction): 'set' | 'other' | undefined {
  const json = instruction.json() ?? [];
  const program = (json[0] ?? '').split(/[\\/]/).pop() ?? '';
  if (/^(?:pwsh|powershell|cmd)(?:\.exe)?$/i.test(program)) {
    return 'other';
  }
  return json.some((arg, i) => arg === 'pipefail' && /^-[a-z]*o$/.test(json[i - 1] ?? '')) || json.includes('-opipefail') ? 'set' : undefined;
}

export const rule: Rule = {
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
