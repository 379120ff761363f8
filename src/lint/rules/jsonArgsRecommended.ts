// json-args-recommended: CMD and ENTRYPOINT in shell form run under /bin/sh -c, which becomes PID 1
// and does not forward SIGTERM, so docker stop waits for the timeout and kills the container.
import type { Rule } from '../rule';
import { fix } from './util';

const SHELL_META = /[$|&;<>*?`(){}~\\'"#\n]/;

export const rule: Rule = {
  meta: {
    id: 'json-args-recommended',
    title: 'CMD/ENTRYPOINT in shell form',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['DL3025', 'JSONArgsRecommended'],
    summary: 'Use the JSON (exec) form for CMD and ENTRYPOINT so signals reach the process.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      const shellChanged = stage.instructions.some((instruction) => instruction.keyword === 'SHELL');
      for (const instruction of stage.instructions) {
        if ((instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') || instruction.looksLikeJson() || instruction.args.trim() === '' || shellChanged) {
          continue;
        }
        const args = instruction.args;
        const simple = !SHELL_META.test(args);
        const words = instruction.words().map((word) => word.value);
        context.report({
          instruction,
          range: instruction.argsRange,
          message:
            `${instruction.keyword} in shell form runs under /bin/sh -c, which becomes PID 1 and does not forward SIGTERM: the container ignores docker stop ` +
            `and is killed after the timeout. Use the JSON form${simple ? `: ${instruction.keyword} ${JSON.stringify(words).replace(/","/g, '", "')}` : ' (wrap real shell syntax in a script and exec it)'}.`,
          fixes: simple ? [fix('Use the JSON form', [{ range: instruction.argsRange, newText: JSON.stringify(words).replace(/","/g, '", "') }], { isPreferred: true })] : [],
        });
      }
    }
  },
};
