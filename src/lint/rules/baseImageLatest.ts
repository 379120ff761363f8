// base-image-latest: FROM without a tag, or with `:latest`, builds on whatever the registry
// serves today; the image changes under you and a rebuild can pull a different OS or runtime.
import { productForImage, supportedCycles } from '../eol/lookup';
import type { Rule } from '../rule';
import type { TextEdit } from '../types';
import { baseImages, TAG_PATTERN } from './baseImages';
import { fix } from './util';

export const rule: Rule = {
  meta: {
    id: 'base-image-latest',
    title: 'Base image without a version tag',
    category: 'security',
    defaultSeverity: 'warning',
    aliases: ['DL3006', 'DL3007', 'AVD-DS-0001', 'CKV_DOCKER_7'],
    summary: 'FROM must name a version tag, not :latest or nothing.',
  },
  check(context): void {
    for (const base of baseImages(context.model.stages)) {
      const { image, stage } = base;
      if (image.digest) {
        continue;
      }
      const missing = image.tag === undefined;
      if (!missing && image.tag !== 'latest') {
        continue;
      }
      const name = image.text.slice(0, image.nameEnd);
      const product = productForImage(image);
      const suggestions = product ? supportedCycles(product, context.options.today).slice(0, 4).map((cycle) => cycle.cycle) : [];
      const fixes = [];
      if (base.literal) {
        const edit: TextEdit = missing
          ? { range: stage.from.rangeOf(base.start + image.nameEnd, base.start + image.nameEnd), newText: ':${value}' }
          : { range: stage.from.rangeOf(base.start + image.tagStart, base.start + image.text.length), newText: '${value}' };
        fixes.push(
          fix(`Use a version tag for ${name}`, [edit], {
            isPreferred: true,
            prompt: {
              kind: 'tag',
              prompt: `Tag for ${name}`,
              suggestions,
              validate: (value) => (TAG_PATTERN.test(value) && value !== 'latest' ? undefined : 'A tag is up to 128 letters, digits, "_", "." or "-" (and not "latest").'),
            },
          }),
        );
      }
      context.report({
        instruction: stage.from,
        range: base.range,
        aliases: missing ? ['DL3006', 'AVD-DS-0001', 'CKV_DOCKER_7'] : ['DL3007', 'AVD-DS-0001', 'CKV_DOCKER_7'],
        message: `${missing ? `"${image.text}" has no tag, so it means ${name}:latest` : `"${image.text}" uses the latest tag`}: each build can get a different image, ` +
          'with other OS packages and runtime versions than the ones you tested, and a vulnerable or broken release can arrive unnoticed. ' +
          `Pin a version tag${suggestions.length > 0 ? ` (supported now: ${suggestions.join(', ')})` : ''}, ideally with its digest.`,
        fixes,
      });
    }
  },
};
