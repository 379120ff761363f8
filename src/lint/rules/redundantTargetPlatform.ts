// redundant-target-platform: --platform=$TARGETPLATFORM is what FROM does anyway.
import type { Rule } from '../rule';
import { fix } from './util';

export const rule: Rule = {
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
