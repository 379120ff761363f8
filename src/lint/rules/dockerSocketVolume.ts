// docker-socket-volume: the Docker socket is root on the host; an image that declares it as a
// volume (or a build that mounts it) invites running the container with full host control.
import type { Rule } from '../rule';

const SOCKET = /^\/(?:var\/)?run\/docker\.sock$/;

export const rule: Rule = {
  meta: {
    id: 'docker-socket-volume',
    title: 'Docker socket as a volume',
    category: 'security',
    defaultSeverity: 'error',
    aliases: [],
    summary: 'VOLUME or RUN --mount of /var/run/docker.sock.',
  },
  check(context): void {
    const message =
      'The Docker socket gives whoever can write to it root-equivalent control of the host (start a privileged container, mount /). ' +
      'A container that has it is one exploit away from a host compromise. Do not mount it; for builds use rootless BuildKit or a remote builder.';
    for (const instruction of context.model.instructions) {
      if (instruction.keyword === 'VOLUME') {
        const json = instruction.json();
        if (json) {
          if (json.some((path) => SOCKET.test(path.replace(/\/$/, '')))) {
            context.report({ instruction, range: instruction.argsRange, message });
          }
          continue;
        }
        for (const word of instruction.words()) {
          if (SOCKET.test(word.value.replace(/\/$/, ''))) {
            context.report({ instruction, range: instruction.rangeOf(word.start, word.end), message });
          }
        }
      } else if (instruction.keyword === 'RUN') {
        for (const flag of instruction.flags()) {
          if (flag.name === 'mount' && /(?:^|,)(?:source|src)=\/(?:var\/)?run\/docker\.sock(?:,|$)/.test(flag.value ?? '')) {
            context.report({ instruction, range: instruction.rangeOf(flag.start, flag.end), message });
          }
        }
      }
    }
  },
};
