// Reads build output line by line into BuildEvents. Formats:
//   classic builder:  "Step 2/5 : COPY …", " ---> 9d10c9b67538", "Successfully built 9d10c9b67538"
//   BuildKit (--progress=plain / BUILDKIT_PROGRESS=plain): "#5 [2/3] RUN …" (or "#5 [stage 2/3] …"),
//                     "#5 DONE 0.3s", "#8 writing image sha256:… done"
//   podman (buildah): "STEP 2/5: COPY …", "--> 26d0cb225e0", "COMMIT …", and the full id alone on the last line
// The driver reads the id from --iidfile; the 'built' event here is for progress only.
import type { BuildEvent, ContainerEngine } from './model';

const CLASSIC_STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const CLASSIC_BUILT = /^Successfully built ([0-9a-f]{12,64})$/;
const BUILDKIT_STEP = /^#\d+ \[(?:[\w.-]+ )?(\d+)\/(\d+)\] (.*)$/;
const BUILDKIT_IMAGE = /^#\d+ writing image (sha256:[0-9a-f]{64})/;
const PODMAN_STEP = /^STEP (\d+)\/(\d+): (.*)$/;
const PODMAN_ID = /^[0-9a-f]{64}$/;

export class BuildProgressParser {
  private readonly seenBuildKitSteps = new Set<string>();

  constructor(private readonly engine: ContainerEngine) {}

  feed(rawLine: string): BuildEvent[] {
    const line = rawLine.trimEnd();
    if (line.trim() === '') {
      return [];
    }
    const step = (this.engine === 'podman' ? PODMAN_STEP : CLASSIC_STEP).exec(line);
    if (step) {
      return [{ kind: 'step', index: Number(step[1]), total: Number(step[2]), text: step[3] ?? '' }];
    }
    const buildKit = BUILDKIT_STEP.exec(line);
    if (buildKit) {
      // BuildKit repeats a step's header when it prints more of it; announce it once.
      if (this.seenBuildKitSteps.has(line)) {
        return [{ kind: 'message', text: line }];
      }
      this.seenBuildKitSteps.add(line);
      return [{ kind: 'step', index: Number(buildKit[1]), total: Number(buildKit[2]), text: buildKit[3] ?? '' }];
    }
    const built = CLASSIC_BUILT.exec(line) ?? BUILDKIT_IMAGE.exec(line);
    if (built?.[1]) {
      return [{ kind: 'built', imageId: built[1] }];
    }
    if (this.engine === 'podman' && PODMAN_ID.test(line)) {
      return [{ kind: 'built', imageId: `sha256:${line}` }];
    }
    return [{ kind: 'message', text: line }];
  }
}
