// ssh-port-exposed: an SSH server in an application container is an extra remote login surface
// that bypasses the orchestrator's exec/logging; EXPOSE 22 in the shipped image announces one.
import type { Rule } from '../rule';
import { deleteLines, fix } from './util';

function includes22(spec: string): boolean {
  const port = spec.split('/')[0] ?? '';
  const range = /^(\d+)-(\d+)$/.exec(port);
  if (range) {
    return Number(range[1]) <= 22 && Number(range[2]) >= 22;
  }
  return port === '22';
}

export const rule: Rule = {
  meta: {
    id: 'ssh-port-exposed',
    title: 'SSH port exposed',
    category: 'security',
    defaultSeverity: 'warning',
    aliases: ['CKV_DOCKER_1', 'AVD-DS-0004'],
    summary: 'The final image EXPOSEs port 22.',
  },
  check(context): void {
    const model = context.model;
    for (const instruction of model.finalStage?.instructions ?? []) {
      if (instruction.keyword !== 'EXPOSE') {
        continue;
      }
      const words = instruction.words();
      for (const word of words) {
        if (!includes22(word.value)) {
          continue;
        }
        const index = words.indexOf(word);
        const next = words[index + 1];
        const previous = words[index - 1];
        const edit =
          words.length === 1
            ? deleteLines(model, instruction.startLine, instruction.endLine)
            : next
              ? { range: instruction.rangeOf(word.start, next.start), newText: '' }
              : { range: instruction.rangeOf(previous ? previous.end : word.start, word.end), newText: '' };
        context.report({
          instruction,
          range: instruction.rangeOf(word.start, word.end),
          message:
            `EXPOSE ${word.value} announces an SSH port in the shipped image. An SSH daemon in a container is another remote login to patch and guard, ` +
            'and it bypasses the audit trail of docker exec / kubectl exec. Remove the SSH server and the port; use exec or a debug container to get a shell.',
          fixes: [fix(words.length === 1 ? 'Remove the EXPOSE instruction' : `Remove port ${word.value} from EXPOSE`, [edit], { isPreferred: true })],
        });
      }
    }
  },
};
