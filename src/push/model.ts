// What the container-CLI driver reports while it builds and pushes: plain events parsed from
// docker's or podman's output, so that the VS Code adapter only turns them into a progress
// notification. No vscode, no child processes here.

export type ContainerEngine = 'docker' | 'podman';

/** One local image as `docker image ls` / `podman images` list it. */
export interface LocalImage {
  /** The image id (sha256:…), the same for every reference of one image. */
  readonly id: string;
  /** REPOSITORY:TAG references; empty for a dangling image. */
  readonly references: readonly string[];
  readonly sizeBytes?: number;
  readonly createdAt?: Date;
}

export type LayerStatus = 'preparing' | 'waiting' | 'pushing' | 'pushed' | 'exists' | 'retrying' | 'mounted';

export type PushEvent =
  /** A layer (docker's short id or podman's blob digest) changed state; bytes when the CLI said them. */
  | { readonly kind: 'layer'; readonly id: string; readonly status: LayerStatus; readonly currentBytes?: number; readonly totalBytes?: number }
  /** The registry accepted the manifest: `<tag>: digest: sha256:… size: N` (docker) or "Writing manifest" + digest file (podman). */
  | { readonly kind: 'pushed'; readonly tag?: string; readonly digest: string; readonly sizeBytes?: number }
  /** Any other line, kept for the log. */
  | { readonly kind: 'message'; readonly text: string };

export type BuildEvent =
  /** A build step started: `Step 2/5 : COPY …` (classic), `#5 [2/3] RUN …` (BuildKit), `STEP 2/5: …` (podman). */
  | { readonly kind: 'step'; readonly index: number; readonly total?: number; readonly text: string }
  /** The built image's id, once known. */
  | { readonly kind: 'built'; readonly imageId: string }
  | { readonly kind: 'message'; readonly text: string };

/** Why a CLI call failed, said so that the user knows what to do next. */
export type CliFailureKind =
  | 'cli-missing' // the docker/podman program is not where the setting or PATH says
  | 'daemon-unreachable' // Cannot connect to the Docker daemon …
  | 'authentication' // no basic auth credentials, unauthorized, denied, token expired
  | 'repository-not-found' // name unknown: The repository … does not exist
  | 'tag-immutable' // tag invalid: … cannot be overwritten because the repository is immutable
  | 'image-not-found' // No such image (local)
  | 'network' // connection refused, i/o timeout, no such host, EOF, connection reset
  | 'build-failed' // the build stopped at a step
  | 'cancelled'
  | 'unknown';

export interface CliFailure {
  readonly kind: CliFailureKind;
  /** One or two sentences for a notification, ending with what to do. Never holds a secret. */
  readonly message: string;
  /** The CLI's own last error line, for the log. */
  readonly detail?: string;
}
