// user-root: the shipped image (the final stage, and the stages it is built FROM) must not run
// as root: neither a last `USER root`/`USER 0` nor no USER at all on a base image that runs as
// root by default.
import { rootImage, type Instruction, type Stage } from '../../dockerfile/dockerfile';
import type { Rule, RuleContext } from '../rule';
import type { Fix, FixPrompt } from '../types';
import { CREATED_UID, createUserCommand, familyLabel, familyOf } from './baseFamily';
import { fix, insertLinesAfter, replace } from './util';

const ROOT = /^(?:root|0)(?::.*)?$/;

const userNamePrompt: FixPrompt = {
  kind: 'user-name',
  prompt: 'Name of the non-root user to create',
  suggestions: ['app'],
  validate: (value) => (/^[a-z_][a-z0-9_-]{0,30}$/.test(value) ? undefined : 'Use 1 to 31 lowercase letters, digits, "_" or "-", starting with a letter or "_".'),
};

/** The stage and its parents, nearest first. */
function chain(stage: Stage): Stage[] {
  const stages: Stage[] = [];
  for (let current: Stage | undefined = stage; current && stages.length < 1000; current = current.parent) {
    stages.push(current);
  }
  return stages;
}

function usersOf(stages: readonly Stage[]): Instruction[] {
  const users: Instruction[] = [];
  for (const stage of [...stages].reverse()) {
    users.push(...stage.instructions.filter((instruction) => instruction.keyword === 'USER'));
  }
  return users;
}

/** Images whose default user is not root. */
function runsAsNonRootByDefault(stage: Stage): boolean {
  const image = rootImage(stage);
  if (!image) {
    return true; // Unknown (a variable without default): do not guess.
  }
  const tag = image.tag ?? '';
  return (
    (image.path.includes('distroless') && /nonroot/.test(tag)) ||
    (image.registry === 'cgr.dev' && !/-dev$/.test(tag)) ||
    image.path.includes('unprivileged') ||
    image.path.startsWith('bitnami/')
  );
}

export const rule: Rule = {
  meta: {
    id: 'user-root',
    title: 'Image runs as root',
    category: 'security',
    defaultSeverity: 'warning',
    aliases: ['DL3002', 'AVD-DS-0002', 'CKV_DOCKER_3', 'CKV_DOCKER_8'],
    summary: 'The final stage must switch to a non-root USER.',
  },
  check(context: RuleContext): void {
    const model = context.model;
    const final = model.finalStage;
    if (!final) {
      return;
    }
    const stages = chain(final);
    const users = usersOf(stages);
    const last = users[users.length - 1];
    const image = rootImage(final);
    const family = familyOf(image);
    if (last) {
      const value = last.operands()[0]?.value ?? '';
      if (!ROOT.test(value)) {
        return;
      }
      const earlier = users
        .slice(0, -1)
        .map((user) => user.operands()[0]?.value ?? '')
        .filter((name) => name !== '' && !ROOT.test(name) && !name.includes('$'));
      const fixes: Fix[] = [];
      const previous = earlier[earlier.length - 1];
      if (previous) {
        fixes.push(fix(`Switch back to USER ${previous}`, [replace(last.argsRange, previous)], { isPreferred: true }));
      }
      const create = createUserCommand(family, '${value}');
      if (create) {
        fixes.push(
          fix(`Create a non-root user (${familyLabel(family)}) and switch to it`, [replace(last.headRange, `${create}\nUSER ${CREATED_UID}:${CREATED_UID}`)], {
            prompt: userNamePrompt,
            isPreferred: !previous,
          }),
        );
      }
      context.report({
        instruction: last,
        range: last.argsRange,
        message:
          `The image's last USER is "${value}", so the container runs as root. A process compromised through the application then has root rights ` +
          'in the container and an easier path to the host. Switch to an unprivileged user after the steps that need root.',
        fixes,
      });
      return;
    }
    if (runsAsNonRootByDefault(final)) {
      return;
    }
    // No USER anywhere: insert one after the last RUN of the final stage (later COPY/CMD lines
    // do not need root), or right after FROM.
    const runs = final.instructions.filter((instruction) => instruction.keyword === 'RUN');
    const anchor = runs[runs.length - 1] ?? final.from;
    const indent = /^[ \t]*/.exec(model.lines[anchor.endLine] ?? '')?.[0] ?? '';
    const fixes: Fix[] = [];
    const builtIn = image && (image.path === 'node' || image.path.endsWith('/node')) ? 'node' : undefined;
    if (builtIn) {
      fixes.push(fix(`Run as the image's "${builtIn}" user`, [insertLinesAfter(model, anchor.endLine, [`USER ${builtIn}`], indent)], { isPreferred: true }));
    }
    if (family === 'scratch' || family === 'distroless') {
      fixes.push(fix('Run as the unprivileged user 65532', [insertLinesAfter(model, anchor.endLine, ['USER 65532:65532'], indent)], { isPreferred: true }));
    } else {
      const create = createUserCommand(family, '${value}');
      if (create) {
        fixes.push(
          fix(`Create a non-root user (${familyLabel(family)}) and switch to it`, [insertLinesAfter(model, anchor.endLine, [create, `USER ${CREATED_UID}:${CREATED_UID}`], indent)], {
            prompt: userNamePrompt,
            isPreferred: !builtIn,
          }),
        );
      }
    }
    context.report({
      instruction: final.from,
      range: final.from.headRange,
      message:
        'The final stage never sets USER, so the container runs as the base image\'s default user, which is root. A process compromised through the ' +
        'application then has root rights in the container. Add a USER with an unprivileged user after the steps that need root.',
      fixes,
    });
  },
};
