// untrusted-registry: with trustedRegistries configured (settings or .hadolint.yaml), images may
// only come from those registries: FROM, COPY --from=<image> and RUN --mount from=<image>.
import { effectiveRegistry, parseImageRef } from '../../dockerfile/image';
import type { Instruction } from '../../dockerfile/dockerfile';
import type { Range } from '../types';
import type { Rule, RuleContext } from '../rule';

const HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com']);

export function registryTrusted(registry: string, trusted: readonly string[]): boolean {
  const host = registry.toLowerCase();
  return trusted.some((entry) => {
    const pattern = entry.trim().toLowerCase();
    if (pattern === '*') {
      return true;
    }
    if (pattern.startsWith('*')) {
      return host.endsWith(pattern.slice(1));
    }
    if (pattern.endsWith('*')) {
      return host.startsWith(pattern.slice(0, -1));
    }
    return host === pattern || (HUB.has(host) && HUB.has(pattern));
  });
}

function check(context: RuleContext, instruction: Instruction, image: string, range: Range, stageNames: ReadonlySet<string>): void {
  if (image === '' || image.includes('$') || /^\d+$/.test(image) || stageNames.has(image.toLowerCase()) || image === 'scratch') {
    return;
  }
  const ref = parseImageRef(image);
  const registry = effectiveRegistry(ref);
  const trusted = context.options.trustedRegistries;
  if (registryTrusted(registry, trusted)) {
    return;
  }
  context.report({
    instruction,
    range,
    message:
      `"${image}" comes from ${registry}, which is not one of the trusted registries (${trusted.join(', ')}). Images from elsewhere bypass the ` +
      'scanning and provenance checks of your own registry. Mirror the image into a trusted registry (for example an ECR pull-through cache) and reference it there.',
  });
}

export const rule: Rule = {
  meta: {
    id: 'untrusted-registry',
    title: 'Image from an untrusted registry',
    category: 'security',
    defaultSeverity: 'error',
    aliases: ['DL3026'],
    summary: 'Images must come from the configured trusted registries.',
  },
  check(context): void {
    if (context.options.trustedRegistries.length === 0) {
      return;
    }
    const names = new Set<string>();
    for (const stage of context.model.stages) {
      const word = stage.imageWord;
      if (word && stage.image && !stage.parent) {
        check(context, stage.from, stage.image.text, stage.from.rangeOf(word.start, word.end), names);
      }
      if (stage.alias) {
        names.add(stage.alias.value.toLowerCase());
      }
      for (const instruction of stage.instructions) {
        for (const flag of instruction.flags()) {
          if (instruction.keyword === 'COPY' && flag.name === 'from' && flag.value) {
            check(context, instruction, flag.value, instruction.rangeOf(flag.valueStart, flag.end), names);
          } else if (instruction.keyword === 'RUN' && flag.name === 'mount' && flag.value) {
            const from = /(?:^|,)from=([^,]+)/.exec(flag.value);
            if (from?.[1]) {
              check(context, instruction, from[1], instruction.rangeOf(flag.start, flag.end), names);
            }
          }
        }
      }
    }
  },
};
