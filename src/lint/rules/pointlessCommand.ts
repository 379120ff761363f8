// pointless-command: commands that make no sense while building an image (there is no init
// system, no terminal and no running services): ssh, vim, shutdown, service, ps, top, kill, mount.
import { programOf } from '../../dockerfile/shell';
import type { Rule } from '../rule';
import { runInstructions } from './util';

const POINTLESS = new Set(['ssh', 'vim', 'shutdown', 'service', 'ps', 'free', 'top', 'kill', 'mount', 'ifconfig']);

export const rule: Rule = {
  meta: {
    id: 'pointless-command',
    title: 'Command that is pointless in a build',
    category: 'maintainability',
    defaultSeverity: 'info',
    aliases: ['DL3001'],
    summary: 'ssh, vim, shutdown, service, ps, top, kill, mount have no effect in a RUN.',
  },
  check(context): void {
    for (const instruction of runInstructions(context.model)) {
      for (const { script, command } of instruction.commands()) {
        const program = programOf(command);
        const word = program ? command.words[program.index] : undefined;
        if (program && word && POINTLESS.has(program.name)) {
          context.report({
            instruction,
            range: script.text.range(word.start, word.end),
            message: `${program.name} has no useful effect while building an image: no services run, nobody is at a terminal and the build container is thrown away. Remove it.`,
          });
        }
      }
    }
  },
};
