// Turns what docker or podman printed before failing into a CliFailure: what went wrong, said so
// that the user knows what to do next. The patterns come from recorded outputs
// (test/fixtures/cli-output) and from registry error codes (distribution spec, ECR's messages).
import type { CliFailure, ContainerEngine } from './model';

/** What the CLI was doing; it decides the wording of an unknown failure and enables build-failed. */
export type CliOperation = 'push' | 'build' | 'login' | 'tag' | 'inspect' | 'list' | 'version';

const DAEMON_UNREACHABLE = /Cannot connect to the Docker daemon|error during connect|Is the docker daemon running|Cannot connect to Podman|unable to connect to Podman socket/i;
const TAG_IMMUTABLE = /tag invalid|cannot be overwritten because the repository is immutable|ImageTagAlreadyExistsException/i;
const REPOSITORY_NOT_FOUND = /name unknown|repository (?:with name )?'?[^\s']*'? does not exist|RepositoryNotFoundException/i;
const AUTHENTICATION =
  /no basic auth credentials|unauthorized|\bdenied\b|authentication required|\b401\b|\b403\b|invalid username\/password|token has expired|Reauthenticate/i;
const IMAGE_NOT_FOUND = /tag does not exist|An image does not exist locally|No such image|image not known|reference does not exist/i;
const NETWORK =
  /connection refused|i\/o timeout|no such host|\bEOF\b|connection reset|TLS handshake|network is unreachable|context deadline exceeded|server misbehaving|no route to host|server gave HTTP response to HTTPS client/i;
const BUILD_ERROR_LINE =
  /^(?:ERROR|Error|error)\b|COPY failed|ADD failed|returned a non-zero code|failed to solve|did not complete successfully|executor failed|building at STEP/;
const STEP_LINE = /^(?:Step (\d+\/\d+) : (.*)|STEP (\d+\/\d+): (.*)|#\d+ \[(?:[\w.-]+ )?(\d+\/\d+)\] (.*))$/;

/** The lines worth showing: not progress, not empty, not podman's logrus decoration. */
function errorLines(output: string): string[] {
  return output
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^[0-9a-f]{12}: (?:Preparing|Waiting|Pushing|Pushed|Layer already exists|Mounted from)/.test(line))
    .filter((line) => !/^(?:Getting image source signatures|Copying (?:blob|config)|Writing manifest|Storing signatures|The push refers to)/.test(line))
    .map((line) => line.replace(/^time="[^"]*" level=\w+ msg="(.*)"$/, '$1'));
}

/** The CLI's own last error line, without its "Error: " or "Error response from daemon: " prefix noise. */
function lastErrorLine(lines: readonly string[]): string | undefined {
  const errors = lines.filter((line) => /error|denied|unauthori[sz]ed|unknown|invalid|failed|refused|cannot|does not exist|not known|expired/i.test(line));
  const line = errors[errors.length - 1] ?? lines[lines.length - 1];
  return line === undefined ? undefined : line.length > 400 ? `${line.slice(0, 400)}…` : line;
}

function failingStep(output: string): string | undefined {
  let step: string | undefined;
  for (const raw of output.split(/\r?\n|\r/)) {
    const match = STEP_LINE.exec(raw.trim());
    if (match) {
      const position = match[1] ?? match[3] ?? match[5];
      const text = match[2] ?? match[4] ?? match[6];
      step = `step ${position} (${text})`;
    }
  }
  return step;
}

function quoted(pattern: RegExp, text: string): string | undefined {
  return pattern.exec(text)?.[1];
}

function sentence(detail: string | undefined): string {
  return detail ? ` (${detail.replace(/\.$/, '')})` : '';
}

/**
 * Classifies a failed CLI call from its output (stdout and stderr; only the last lines matter) and
 * exit code. `operation` enables 'build-failed' and words an unknown failure.
 */
export function classifyCliFailure(output: string, exitCode: number | null, engine: ContainerEngine, operation: CliOperation = 'push'): CliFailure {
  const lines = errorLines(output);
  // Build output holds the RUN steps' own text ("Permission denied", "EOF" in a heredoc): only the
  // lines the builder printed as errors may decide the kind.
  const deciding = operation === 'build' ? lines.filter((line) => BUILD_ERROR_LINE.test(line)).join('\n') : lines.slice(-20).join('\n');
  const detail = lastErrorLine(operation === 'build' ? lines.filter((line) => BUILD_ERROR_LINE.test(line)) : lines) ?? lastErrorLine(lines);
  const program = engine;

  if (DAEMON_UNREACHABLE.test(deciding)) {
    return {
      kind: 'daemon-unreachable',
      message:
        engine === 'docker'
          ? `docker cannot reach the Docker daemon${sentence(detail)}. Start Docker, or check DOCKER_HOST and the current docker context.`
          : `podman cannot reach its service${sentence(detail)}. Start the podman machine or service, or check CONTAINER_HOST and the podman connection.`,
      detail,
    };
  }
  if (TAG_IMMUTABLE.test(deciding)) {
    const tag = quoted(/image tag '([^']+)'/, deciding);
    const repository = quoted(/in the '([^']+)' repository/, deciding);
    return {
      kind: 'tag-immutable',
      message: `The tag ${tag ? `'${tag}' ` : ''}already exists in ${repository ? `'${repository}'` : 'the repository'}, whose tags are immutable and cannot be overwritten. Push with a new tag.`,
      detail,
    };
  }
  if (REPOSITORY_NOT_FOUND.test(deciding)) {
    const repository = quoted(/repository with name '([^']+)'/, deciding) ?? quoted(/repository '?([^\s']+)'? does not exist/, deciding);
    return {
      kind: 'repository-not-found',
      message: `The repository ${repository ? `'${repository}' ` : ''}does not exist in this registry. Create it first, or pick another repository.`,
      detail,
    };
  }
  if (AUTHENTICATION.test(deciding)) {
    const expired = /token has expired|Reauthenticate/i.test(deciding);
    return {
      kind: 'authentication',
      message: expired
        ? `The registry's login has expired${sentence(detail)}. Try again: a new login token will be requested.`
        : operation === 'login'
          ? `The registry refused the login${sentence(detail)}. Check the AWS credentials of this connection and that they may call ecr:GetAuthorizationToken.`
          : `The registry refused the credentials${sentence(detail)}. Check that this identity may push to the repository (ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:PutImage) and try again.`,
      detail,
    };
  }
  if (IMAGE_NOT_FOUND.test(deciding)) {
    return {
      kind: 'image-not-found',
      message: `The local image was not found${sentence(detail)}. Build or pull it first, or pick another image.`,
      detail,
    };
  }
  if (NETWORK.test(deciding)) {
    return {
      kind: 'network',
      message: `The registry could not be reached${sentence(detail)}. Check the network connection, a proxy or VPN, then try again.`,
      detail,
    };
  }
  if (operation === 'build') {
    const step = failingStep(output);
    return {
      kind: 'build-failed',
      message: `The build failed${step ? ` at ${step}` : ''}${detail ? `: ${detail.replace(/\.$/, '')}` : ''}. Fix the Dockerfile or the build context and build again.`,
      detail,
    };
  }
  return {
    kind: 'unknown',
    message: `${program} ${operation} failed${exitCode !== null ? ` (exit code ${exitCode})` : ''}${detail ? `: ${detail.replace(/\.$/, '')}` : ''}. See the log for its output.`,
    detail,
  };
}
