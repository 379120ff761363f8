// remote-script-pipe: `curl … | sh`, `bash <(curl …)`, `sh -c "$(wget -O- …)"` run whatever the
// server returns at build time, unreviewed and unverified, with the build's (root) rights.
import { programOf, type ShellCommand } from '../../dockerfile/shell';
import type { Rule } from '../rule';
import { runInstructions } from './util';

const FETCHERS = new Set(['curl', 'wget', 'fetch', 'http', 'https']);
const RUNNERS = /^(?:sh|bash|ash|dash|zsh|ksh|fish|python[\d.]*|perl|ruby|node|php|pwsh|source|\.|eval)$/;
const SUBSTITUTED_FETCH = /(?:\$\(|<\(|`)\s*(?:\S*\/)?(?:curl|wget)\b/;

function runner(command: ShellCommand | undefined): boolean {
  const program = command ? programOf(command) : undefined;
  return !!program && RUNNERS.test(program.name);
}

export const rule: Rule = {
  meta: {
    id: 'remote-script-pipe',
    title: 'Remote script piped into a shell',
    category: 'security',
    defaultSeverity: 'warning',
    aliases: [],
    summary: 'curl/wget output executed directly (| sh, <(curl), $(curl)).',
  },
  check(context): void {
    for (const instruction of runInstructions(context.model)) {
      for (const { script, command } of instruction.commands()) {
        const program = programOf(command);
        const first = command.words[0];
        const last = command.words[command.words.length - 1];
        if (!program || !first || !last) {
          continue;
        }
        let target: ShellCommand | undefined;
        if (FETCHERS.has(program.name)) {
          // Follow the pipeline (curl | tee log | sh) to a shell or interpreter.
          for (let next = command.pipeTo, guard = 0; next && guard < 50; next = next.pipeTo, guard++) {
            if (runner(next)) {
              target = next;
              break;
            }
          }
        }
        const substituted = RUNNERS.test(program.name) && command.words.slice(program.index + 1).some((word) => SUBSTITUTED_FETCH.test(word.value));
        if (!target && !substituted) {
          continue;
        }
        const end = target ? (target.words[target.words.length - 1]?.end ?? last.end) : last.end;
        context.report({
          instruction,
          range: script.text.range(first.start, end),
          message:
            `This RUN${script.heredoc ? ' heredoc' : ''} downloads a script and executes it in the same step. Whatever the server (or anyone between it and you) ` +
            'returns runs with the build\'s privileges, unreviewed, and can change between two builds. Download to a file, verify its checksum or ' +
            'signature (e.g. echo "<sha256>  install.sh" | sha256sum -c -), then run it, or install the tool from a package repository.',
        });
      }
    }
  },
};
