// add-remote-url: ADD fetches a URL at build time with no integrity check unless --checksum is
// given, so whatever the server returns that day ends up in the image.
import type { Rule } from '../rule';
import { DIGEST_PATTERN } from './baseImages';
import { fix } from './util';

const REMOTE = /^(?:https?|ftp):\/\/|^git@|^ssh:\/\//i;

export const rule: Rule = {
  meta: {
    id: 'add-remote-url',
    title: 'ADD of a remote URL without checksum',
    category: 'security',
    defaultSeverity: 'warning',
    aliases: [],
    summary: 'ADD <url> without --checksum downloads unverified content.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      const add = instruction.keyword === 'ADD' ? instruction : instruction.trigger()?.keyword === 'ADD' ? instruction.trigger() : undefined;
      if (!add || add.flag('checksum') || add.looksLikeJson()) {
        continue;
      }
      const operands = add.operands();
      for (const word of operands.slice(0, -1)) {
        if (!REMOTE.test(word.value)) {
          continue;
        }
        const git = /\.git(?:#|$)|^git@|^ssh:\/\//.test(word.value);
        const first = operands[0];
        const fixes =
          !git && first
            ? [
                fix('Add --checksum', [{ range: add.rangeOf(first.start, first.start), newText: '--checksum=${value} ' }], {
                  prompt: {
                    kind: 'digest',
                    prompt: `SHA-256 of ${word.value} (sha256:…)`,
                    suggestions: [],
                    validate: (value) => (DIGEST_PATTERN.test(value) ? undefined : 'The checksum is "sha256:" followed by 64 lowercase hexadecimal digits.'),
                  },
                }),
              ]
            : [];
        context.report({
          instruction,
          range: add.rangeOf(word.start, word.end),
          message:
            `ADD downloads ${word.value} at build time without verifying it: a compromised server, a moved release or a network attacker changes what goes into the image. ` +
            (git
              ? 'Pin the repository to a commit (#<commit sha>) and pass --checksum=<commit sha>, or clone in a build stage and verify it.'
              : 'Add --checksum=sha256:<hash of the file> (BuildKit verifies it), or download in a RUN and check the hash with sha256sum -c.'),
          fixes,
        });
      }
    }
  },
};
