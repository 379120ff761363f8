// healthcheck-missing: without a HEALTHCHECK, Docker and Compose cannot tell a hung application
// from a healthy one. Off by default, as in hadolint: ECS and Kubernetes use their own probes.
import type { Rule } from '../rule';

export const rule: Rule = {
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
