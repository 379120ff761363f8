// useradd-high-uid: useradd writes /var/log/lastlog and faillog as sparse files sized by the UID;
// an image layer does not keep them sparse, so a six-digit UID without -l costs gigabytes.
import type { Rule } from '../rule';
import { programUses } from './programUses';
import { fix } from './util';

export const rule: Rule = {
  meta: {
    id: 'useradd-high-uid',
    title: 'useradd with a high UID and no -l',
    category: 'performance',
    defaultSeverity: 'warning',
    aliases: ['DL3046'],
    summary: 'useradd with a large UID needs -l/--no-log-init to avoid a huge lastlog file.',
  },
  check(context): void {
    for (const { instruction, script, command, program } of programUses(context.model.instructions)) {
      if (program.name !== 'useradd') {
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
  },
};
