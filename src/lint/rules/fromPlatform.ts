// from-platform-flag (a constant FROM --platform pins the stage to one architecture, so multi-
// platform builds silently emulate or break) and redundant-target-platform (--platform=
// $TARGETPLATFORM is what FROM does anyway).
import type { Rule } from '../rule';
import { fix } from './util';

export const constantPlatform: Rule = {
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

export const redundantTargetPlatform: Rule = {
  meta: {
    id: 'redundant-target-platform',
    title: 'Redundant --platform=$TARGETPLATFORM',
    category: 'style',
    defaultSeverity: 'warning',
    aliases: ['DL3065', 'RedundantTargetPlatform'],
    summary: 'FROM --platform=$TARGETPLATFORM is the default.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      const flag = stage.from.flag('platform');
      if (!flag || !/^\$\{?TARGETPLATFORM\}?$/.test(flag.value ?? '')) {
        continue;
      }
      const next = stage.from.operands()[0];
      context.report({
        instruction: stage.from,
        range: stage.from.rangeOf(flag.start, flag.end),
        message: 'FROM already builds for $TARGETPLATFORM, so --platform=$TARGETPLATFORM changes nothing. Remove the flag.',
        fixes: next ? [fix('Remove --platform', [{ range: stage.from.rangeOf(flag.start, next.start), newText: '' }], { isPreferred: true })] : [],
      });
    }
  },
};
