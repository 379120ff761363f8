// Instruction-level correctness: multiple-instructions, instruction-before-from,
// onbuild-forbidden-trigger, maintainer-deprecated, healthcheck-missing.
import type { Instruction } from '../model/dockerfile';
import type { Rule } from '../rule';
import { fix, replace } from './util';

const MULTIPLE_ALIASES: Record<string, string[]> = {
  CMD: ['DL4003', 'AVD-DS-0016', 'MultipleInstructionsDisallowed'],
  ENTRYPOINT: ['DL4004', 'AVD-DS-0007', 'MultipleInstructionsDisallowed'],
  HEALTHCHECK: ['DL3012', 'AVD-DS-0023', 'MultipleInstructionsDisallowed'],
};

export const multipleInstructions: Rule = {
  meta: {
    id: 'multiple-instructions',
    title: 'CMD, ENTRYPOINT or HEALTHCHECK repeated',
    category: 'correctness',
    defaultSeverity: 'warning',
    aliases: ['DL3012', 'DL4003', 'DL4004', 'AVD-DS-0007', 'AVD-DS-0016', 'AVD-DS-0023', 'MultipleInstructionsDisallowed'],
    summary: 'Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect.',
  },
  check(context): void {
    for (const stage of context.model.stages) {
      for (const keyword of Object.keys(MULTIPLE_ALIASES)) {
        const all = stage.instructions.filter((instruction) => instruction.keyword === keyword);
        const last = all[all.length - 1];
        for (const instruction of all.slice(0, -1)) {
          context.report({
            instruction,
            range: instruction.keywordRange,
            aliases: MULTIPLE_ALIASES[keyword],
            message: `This ${keyword} is overridden by the one on line ${(last?.startLine ?? 0) + 1}: only the last ${keyword} of a stage takes effect. Remove it, or merge the two.`,
          });
        }
      }
    }
  },
};

export const instructionBeforeFrom: Rule = {
  meta: {
    id: 'instruction-before-from',
    title: 'Instruction before FROM',
    category: 'correctness',
    defaultSeverity: 'error',
    aliases: ['DL3061'],
    summary: 'A Dockerfile must start with FROM (ARG and comments may precede it).',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if (instruction.keyword === 'FROM') {
        return;
      }
      if (instruction.keyword !== 'ARG') {
        context.report({
          instruction,
          range: instruction.keywordRange,
          message: `${instruction.keywordText} comes before the first FROM. Only ARG (and comments and parser directives) may precede FROM; the build fails. Move it after FROM.`,
        });
      }
    }
  },
};

export const onbuildTrigger: Rule = {
  meta: {
    id: 'onbuild-forbidden-trigger',
    title: 'ONBUILD with a forbidden trigger',
    category: 'correctness',
    defaultSeverity: 'error',
    aliases: ['DL3043'],
    summary: 'ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      const trigger = instruction.trigger();
      if (trigger && ['ONBUILD', 'FROM', 'MAINTAINER'].includes(trigger.keyword)) {
        context.report({
          instruction,
          range: trigger.keywordRange,
          message: `ONBUILD ${trigger.keyword} is not allowed: the builder rejects it when a child image is built. Remove the trigger.`,
        });
      }
    }
  },
};

function authorLabel(instruction: Instruction): string {
  const author = instruction.args.trim().replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `LABEL org.opencontainers.image.authors="${author}"`;
}

export const maintainerDeprecated: Rule = {
  meta: {
    id: 'maintainer-deprecated',
    title: 'MAINTAINER is deprecated',
    category: 'maintainability',
    defaultSeverity: 'error',
    aliases: ['DL4000', 'AVD-DS-0022', 'CKV_DOCKER_6', 'MaintainerDeprecated'],
    summary: 'Use LABEL org.opencontainers.image.authors instead of MAINTAINER.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if (instruction.keyword !== 'MAINTAINER') {
        continue;
      }
      context.report({
        instruction,
        range: instruction.keywordRange,
        message: 'MAINTAINER is deprecated and not shown by the standard tooling. Record the author as a label: LABEL org.opencontainers.image.authors="…".',
        fixes: [fix('Replace with LABEL org.opencontainers.image.authors', [replace(instruction.headRange, authorLabel(instruction))], { isPreferred: true })],
      });
    }
  },
};

export const healthcheckMissing: Rule = {
  meta: {
    id: 'healthcheck-missing',
    title: 'No HEALTHCHECK',
    category: 'maintainability',
    defaultSeverity: 'info',
    defaultEnabled: false,
    aliases: ['DL3057', 'AVD-DS-0026', 'CKV_DOCKER_2'],
    summary: 'The final image defines no HEALTHCHECK (off by default, as in hadolint).',
  },
  check(context): void {
    const final = context.model.finalStage;
    if (!final || final.instructions.some((instruction) => instruction.keyword === 'HEALTHCHECK')) {
      return;
    }
    context.report({
      instruction: final.from,
      range: final.from.headRange,
      message: 'The image defines no HEALTHCHECK, so Docker and Compose cannot tell a hung application from a healthy one. Add HEALTHCHECK CMD … (orchestrators such as ECS and Kubernetes use their own probes).',
    });
  },
};
