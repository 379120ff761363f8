// from-platform-flag: a constant FROM --platform pins the stage to one architecture, so
// multi-platform builds silently emulate or break.
import type { Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'from-platform-flag',
    title: 'FROM --platform with a constant',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['DL3029', 'FromPlatformFlagConstDisallowed'],
    summary: 'Do not hard-code FROM --platform; use $BUILDPLATFORM or $TARGETPLATFORM.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      const flag = stage.from.flag('platform');
      const value = flag?.value;
      if (!flag || value === undefined || value.includes('$')) {
        continue;
      }
      const name = stage.alias?.value.toLowerCase() ?? '';
      if (name !== '' && value.split(/[/,]/).some((part) => part !== '' && name.includes(part.toLowerCase()))) {
        continue; // A stage named after its platform (build-arm64) is deliberate.
      }
      context.report({
        instruction: stage.from,
        range: stage.from.rangeOf(flag.start, flag.end),
        message: `FROM --platform=${value} fixes this stage to one platform, so building for another platform emulates it or produces a mixed image. Use --platform=$BUILDPLATFORM for build tools, or leave it out.`,
      });
    }
  },
};
