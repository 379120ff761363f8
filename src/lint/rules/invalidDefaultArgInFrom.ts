// invalid-default-arg-in-from: a FROM that names a valid image only when every build passes
// --build-arg breaks the plain build; the ARG defaults alone must give a valid reference.
import { AUTOMATIC_PLATFORM_ARGS } from '../../dockerfile/dockerfile';
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'invalid-default-arg-in-from',
    title: 'FROM is invalid with the ARG defaults',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['InvalidDefaultArgInFrom'],
    summary: 'With the default ARG values, FROM must still name a valid image.',
  },
  check(context): void {
    const declared = context.model.globalArgValues;
    for (const stage of context.model.stages) {
      const word = stage.imageWord;
      if (!word || !stage.substituted) {
        continue;
      }
      const missing = stage.unresolvedVariables.filter((name) => declared.has(name) && !AUTOMATIC_PLATFORM_ARGS.has(name));
      const image = stage.image?.text;
      const broken = image !== undefined && (/[:@]$/.test(image) || image.startsWith(':') || image.includes('::'));
      if (missing.length === 0 && !broken) {
        continue;
      }
      context.report({
        instruction: stage.from,
        range: stage.from.rangeOf(word.start, word.end),
        message:
          missing.length > 0
            ? `ARG ${missing.join(', ')} has no default, so "${word.value}" is not a valid image unless every build passes --build-arg. Give the ARG a default value.`
            : `With the ARG defaults "${word.value}" becomes "${image ?? ''}", which is not a valid image reference. Fix the default value.`,
      });
    }
  },
};
