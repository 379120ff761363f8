// user-non-numeric: Kubernetes' runAsNonRoot can only verify a numeric USER; a name is resolved
// inside the image, so the platform cannot tell whether it is root.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'user-non-numeric',
    title: 'USER given by name',
    category: 'correctness',
    defaultSeverity: 'info',
    aliases: ['DL3066'],
    summary: 'Prefer a numeric UID in USER so platforms can verify it is not root.',
  },
  check(context): void {
    const final = context.model.finalStage;
    for (const instruction of final?.instructions ?? []) {
      const user = instruction.keyword === 'USER' ? instruction.words()[0] : undefined;
      if (!user || user.value.includes('$')) {
        continue;
      }
      const name = user.value.split(':')[0] ?? '';
      if (/^\d+$/.test(name) || name === 'root') {
        continue;
      }
      context.report({
        instruction,
        range: instruction.rangeOf(user.start, user.end),
        message: `USER ${user.value} names the user; Kubernetes runAsNonRoot and similar policies cannot check a name and refuse to start the pod. Use the numeric UID (e.g. USER 10001:10001).`,
      });
    }
  },
};
