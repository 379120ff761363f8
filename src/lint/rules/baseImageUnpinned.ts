// base-image-unpinned: a tag can be moved to another image at any time (by the publisher, or by
// whoever gains push access); only a digest names exactly the bytes that were reviewed.
import type { Rule } from '../rule';
import { baseImages, DIGEST_PATTERN } from './baseImages';
import { fix } from './util';

export const rule: Rule = {
  meta: {
    id: 'base-image-unpinned',
    title: 'Base image not pinned by digest',
    category: 'security',
    defaultSeverity: 'info',
    aliases: [],
    summary: 'FROM should pin the image by @sha256 digest.',
  },
  check(context): void {
    for (const base of baseImages(context.model.stages)) {
      const { image, stage } = base;
      if (image.digest) {
        continue;
      }
      const fixes = base.literal
        ? [
            fix(`Pin ${image.text} to a digest`, [{ range: stage.from.rangeOf(base.start + image.text.length, base.start + image.text.length), newText: '@${value}' }], {
              prompt: {
                kind: 'digest',
                prompt: `Digest of ${image.text} (sha256:…)`,
                suggestions: [],
                validate: (value) => (DIGEST_PATTERN.test(value) ? undefined : 'A digest is "sha256:" followed by 64 lowercase hexadecimal digits.'),
              },
            }),
          ]
        : [];
      context.report({
        instruction: stage.from,
        range: base.range,
        message:
          `"${image.text}" is not pinned by digest. A tag can be re-pointed to a different image, so a rebuild may pull content nobody reviewed ` +
          '(a supply-chain risk). Append @sha256:<digest> of the image you tested; keep the tag for readability and update both together.',
        fixes,
      });
    }
  },
};
