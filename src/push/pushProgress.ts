// Reads `docker push` / `podman push` output line by line into PushEvents and keeps the per-layer
// state for the summary. Formats, as recorded in test/fixtures/cli-output:
//   docker (not a TTY: no byte counts, no "Pushing" lines; a TTY adds "Pushing [=> ] 1.2MB/16MB"):
//     The push refers to repository [host/repo]
//     462575316002: Preparing | Waiting | Pushing | Pushed | Layer already exists | Mounted from team-a/api | Retrying in 5 seconds
//     1.0.0: digest: sha256:… size: 739
//   podman (not a TTY: one line per blob when it starts; a TTY or newer podman add "done" or
//   "skipped: already exists" on the same line):
//     Getting image source signatures
//     Copying blob sha256:…  [done | skipped: already exists]
//     Copying config sha256:… [done]
//     Writing manifest to image destination
import type { ContainerEngine, LayerStatus, PushEvent } from './model';

export interface PushSummary {
  /** Layers the CLI named. */
  readonly total: number;
  /** Uploaded by this push. */
  readonly pushed: number;
  /** Already in the repository ("Layer already exists", podman's "skipped: already exists"). */
  readonly existed: number;
  /** Mounted from another repository of the same registry, so not uploaded. */
  readonly mounted: number;
}

const DOCKER_LAYER = /^([0-9a-f]{12,64}): (Preparing|Waiting|Pushing|Pushed|Layer already exists|Mounted from (\S+)|Retrying in (\d+) seconds?)(?:\s+(.*))?$/;
const DOCKER_DIGEST = /^(\S+): digest: (sha256:[0-9a-f]{64}) size: (\d+)$/;
const PODMAN_BLOB = /^Copying blob (?:sha256:)?([0-9a-f]{12,64})(?:\s+(.*))?$/;
// docker's units.HumanSize (decimal) and podman's progress bars (binary).
const BYTES = /([\d.]+)\s*([kKMGT]i?)?B\s*\/\s*([\d.]+)\s*([kKMGT]i?)?B/;

const UNIT: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };

function bytes(value: string | undefined, unit: string | undefined): number | undefined {
  const number = Number(value);
  const factor = UNIT[unit ?? ''];
  return Number.isFinite(number) && factor !== undefined ? Math.round(number * factor) : undefined;
}

const DOCKER_STATUS: Record<string, LayerStatus> = {
  Preparing: 'preparing',
  Waiting: 'waiting',
  Pushing: 'pushing',
  Pushed: 'pushed',
  'Layer already exists': 'exists',
};

export class PushProgressParser {
  private readonly layers = new Map<string, LayerStatus>();
  private digestEvent: { tag: string; digest: string; sizeBytes: number } | undefined;

  constructor(private readonly engine: ContainerEngine) {}

  /** The events one line of output means (most lines mean one; podman's manifest line closes open blobs). */
  feed(rawLine: string): PushEvent[] {
    const line = rawLine.trim();
    if (line === '') {
      return [];
    }
    return this.engine === 'docker' ? this.docker(line) : this.podman(line);
  }

  /** The `<tag>: digest: … size: …` line docker printed, if it did. */
  get pushed(): { tag: string; digest: string; sizeBytes: number } | undefined {
    return this.digestEvent;
  }

  summary(): PushSummary {
    let pushed = 0;
    let existed = 0;
    let mounted = 0;
    for (const status of this.layers.values()) {
      if (status === 'exists') {
        existed++;
      } else if (status === 'mounted') {
        mounted++;
      } else if (status === 'pushed') {
        pushed++;
      }
    }
    return { total: this.layers.size, pushed, existed, mounted };
  }

  private layer(id: string, status: LayerStatus, progress?: { currentBytes?: number; totalBytes?: number }): PushEvent {
    this.layers.set(id, status);
    return { kind: 'layer', id, status, ...(progress?.currentBytes !== undefined ? { currentBytes: progress.currentBytes } : {}), ...(progress?.totalBytes !== undefined ? { totalBytes: progress.totalBytes } : {}) };
  }

  private docker(line: string): PushEvent[] {
    const layer = DOCKER_LAYER.exec(line);
    if (layer) {
      const [, id = '', word = '', mountedFrom, , rest] = layer;
      if (mountedFrom !== undefined) {
        return [this.layer(id, 'mounted')];
      }
      if (word.startsWith('Retrying')) {
        return [this.layer(id, 'retrying')];
      }
      const sizes = rest ? BYTES.exec(rest) : null;
      return [this.layer(id, DOCKER_STATUS[word] ?? 'pushing', sizes ? { currentBytes: bytes(sizes[1], sizes[2]), totalBytes: bytes(sizes[3], sizes[4]) } : undefined)];
    }
    const digest = DOCKER_DIGEST.exec(line);
    if (digest) {
      const [, tag = '', value = '', size = '0'] = digest;
      this.digestEvent = { tag, digest: value, sizeBytes: Number(size) };
      return [{ kind: 'pushed', tag, digest: value, sizeBytes: Number(size) }];
    }
    return [{ kind: 'message', text: line }];
  }

  private podman(line: string): PushEvent[] {
    if (line === 'Getting image source signatures') {
      // podman starts over after a failed attempt ("Failed, retrying in 1s …"): what it said before no longer holds.
      const retrying = [...this.layers.keys()].map((id) => this.layer(id, 'retrying'));
      return [...retrying, { kind: 'message', text: line }];
    }
    const blob = PODMAN_BLOB.exec(line);
    if (blob) {
      const [, id = '', rest = ''] = blob;
      if (/skipped: already exists/.test(rest)) {
        return [this.layer(id, 'exists')];
      }
      if (/\bdone\b/.test(rest)) {
        return [this.layer(id, 'pushed')];
      }
      const sizes = BYTES.exec(rest);
      return [this.layer(id, 'pushing', sizes ? { currentBytes: bytes(sizes[1], sizes[2]), totalBytes: bytes(sizes[3], sizes[4]) } : undefined)];
    }
    if (line.startsWith('Writing manifest to image destination')) {
      // Every blob is in the registry once podman writes the manifest; those it did not close
      // itself (no "done" without a TTY) were uploaded or found, and podman 4 does not say which.
      const closed = [...this.layers.entries()].filter(([, status]) => status === 'pushing' || status === 'retrying').map(([id]) => this.layer(id, 'pushed'));
      return [...closed, { kind: 'message', text: line }];
    }
    return [{ kind: 'message', text: line }];
  }
}
