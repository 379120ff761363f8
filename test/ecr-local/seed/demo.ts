// `--seed demo`: fills a running ecr-local with a believable registry, through the real ECR SDK
// and the /v2/ API (images built in Node as real gzip tar layers): repositories in several
// namespaces, releases with several tags, untagged builds, a multi-arch index, a Helm chart,
// scan findings of every severity, immutable repositories, lifecycle and repository policies,
// replication, pull-through cache rules, and enhanced scanning in a second region.
// Safe to run again on the same data (existing repositories and rules are kept).
import {
  CreatePullThroughCacheRuleCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  PutLifecyclePolicyCommand,
  PutRegistryScanningConfigurationCommand,
  PutReplicationConfigurationCommand,
  SetRepositoryPolicyCommand,
  type CreateRepositoryCommandInput,
} from '@aws-sdk/client-ecr';
import {
  ALPINE_3_18,
  ALPINE_3_9,
  API_DEPENDENCIES_NEW,
  API_DEPENDENCIES_OLD,
  apkInstalled,
  BOOKWORM_OLD,
  BOOKWORM_PATCHED,
  BULLSEYE_OLD,
  dpkgStatus,
  packageLock,
  requirements,
  SID_MARCH_2024,
  WEB_DEPENDENCIES,
  WORKER_REQUIREMENTS_NEW,
  WORKER_REQUIREMENTS_OLD,
} from './demoContent';
import { buildImage, buildIndex, buildLayer, type BuiltImage, type BuiltIndex, type Layer } from './imageBuilder';
import { MEDIA_TYPES } from '../registry/manifests';
import { RegistryClient } from './registryClient';

/** The demo's home region and the one team-b's images are replicated to (with enhanced scanning). */
export const DEMO_REGION = 'eu-west-1';
export const DEMO_SECOND_REGION = 'us-east-1';
export const DEMO_ACCOUNT = '123456789012';
/** Fake static keys: ecr-local accepts any signature, the SDK just needs some. */
export const DEMO_CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

const SCAN_WAIT_MS = 60_000;

export interface SeedOptions {
  /** Progress lines (none by default). */
  readonly log?: (line: string) => void;
  /**
   * Moves ecr-local's clock (its `now` option) to a moment in the past, or back to the present
   * with undefined. With it, each image is pushed, and scanned, on its own day, as a real
   * registry's history is; without it every image is pushed now. ECR has no call to backdate a
   * push, so only a seed that runs ecr-local in its own process can do this.
   */
  readonly setClock?: (at: Date | undefined) => void;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function seedDemo(endpointUrl: string, options: SeedOptions = {}): Promise<void> {
  const log = options.log ?? (() => undefined);
  const home = new DemoRegion(endpointUrl, DEMO_REGION, options.setClock);
  const second = new DemoRegion(endpointUrl, DEMO_SECOND_REGION, options.setClock);
  await home.connect();
  await second.connect();

  log('registry settings: replication, pull-through cache rules, enhanced scanning in us-east-1');
  await registrySettings(home, second);
  log('eu-west-1: base images');
  await seedBaseImages(home);
  log('eu-west-1: team-a');
  await seedTeamA(home);
  log('eu-west-1 and us-east-1: team-b');
  await seedTeamB(home);
  await seedTeamB(second);
  await second.createRepository({ repositoryName: 'sandbox/experiments' });
  log('eu-west-1: tools');
  await seedTools(home);
  log('waiting for the scans on push');
  await home.waitForScans();
  await second.waitForScans();
  options.setClock?.(undefined);
}

/** One region of the demo account: an SDK client, a registry client and the repositories made. */
class DemoRegion {
  readonly ecr: ECRClient;
  private registry: RegistryClient | undefined;
  private readonly scanned = new Set<string>();

  constructor(
    private readonly endpointUrl: string,
    readonly region: string,
    private readonly setClock: SeedOptions['setClock'],
  ) {
    this.ecr = new ECRClient({ endpoint: endpointUrl, region, credentials: DEMO_CREDENTIALS, maxAttempts: 5 });
  }

  async connect(): Promise<void> {
    const answer = await this.ecr.send(new GetAuthorizationTokenCommand({}));
    const token = answer.authorizationData?.[0]?.authorizationToken;
    if (!token) {
      throw new Error(`GetAuthorizationToken in ${this.region} returned no token.`);
    }
    this.registry = new RegistryClient(this.endpointUrl, token);
  }

  get client(): RegistryClient {
    if (!this.registry) {
      throw new Error('connect() first');
    }
    return this.registry;
  }

  /** Creates the repository unless it exists (a second seed of the same data keeps it). */
  async createRepository(input: CreateRepositoryCommandInput, scanned = false): Promise<void> {
    if (scanned) {
      this.scanned.add(input.repositoryName!);
    }
    try {
      await this.ecr.send(new CreateRepositoryCommand(input));
    } catch (error) {
      if ((error as { name?: string }).name !== 'RepositoryAlreadyExistsException') {
        throw error;
      }
    }
  }

  /** Pushes `daysAgo` days before now (when the seed controls the clock). */
  async push(repository: string, image: BuiltImage, tags: readonly string[], daysAgo: number): Promise<void> {
    await this.pushAt(repository, daysAgo, () => this.client.pushImage(repository, image, tags));
  }

  async pushIndex(repository: string, index: BuiltIndex, tags: readonly string[], daysAgo: number): Promise<void> {
    await this.pushAt(repository, daysAgo, () => this.client.pushIndex(repository, index, tags));
  }

  private async pushAt(repository: string, daysAgo: number, push: () => Promise<void>): Promise<void> {
    if (!this.setClock) {
      await push();
      return;
    }
    this.setClock(new Date(Date.now() - daysAgo * DAY_MS));
    await push();
    // The scan on push must finish on the same day, before the clock moves on.
    if (this.scanned.has(repository)) {
      await this.waitForScansOf(repository);
    }
  }

  /** Polls DescribeImages of the scanned repositories until no scan is pending or in progress. */
  async waitForScans(): Promise<void> {
    for (const repositoryName of this.scanned) {
      await this.waitForScansOf(repositoryName);
    }
  }

  private async waitForScansOf(repositoryName: string): Promise<void> {
    const deadline = Date.now() + SCAN_WAIT_MS;
    for (;;) {
      const answer = await this.ecr.send(new DescribeImagesCommand({ repositoryName, maxResults: 1000 }));
      // No status yet counts as pending too (a scan may not have been started); an index gets none.
      const busy = (answer.imageDetails ?? []).filter((image) => {
        const status = image.imageScanStatus?.status;
        const isIndex = image.imageManifestMediaType === MEDIA_TYPES.dockerManifestList || image.imageManifestMediaType === MEDIA_TYPES.ociIndex;
        return status === 'IN_PROGRESS' || status === 'PENDING' || (status === undefined && !isIndex);
      });
      if (busy.length === 0) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(`Scans of ${busy.length} image(s) in ${this.region}/${repositoryName} did not finish within ${SCAN_WAIT_MS / 1000} s.`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const tags = (team: string, extra: Record<string, string> = {}) => [
  { Key: 'team', Value: team },
  { Key: 'cost-center', Value: team === 'platform' ? 'cc-1000' : team === 'team-a' ? 'cc-2040' : 'cc-3110' },
  ...Object.entries(extra).map(([Key, Value]) => ({ Key, Value })),
];

async function registrySettings(home: DemoRegion, second: DemoRegion): Promise<void> {
  await home.ecr.send(
    new PutReplicationConfigurationCommand({
      replicationConfiguration: {
        rules: [
          {
            destinations: [{ region: DEMO_SECOND_REGION, registryId: DEMO_ACCOUNT }],
            repositoryFilters: [{ filter: 'team-b', filterType: 'PREFIX_MATCH' }],
          },
          {
            destinations: [{ region: 'eu-central-1', registryId: DEMO_ACCOUNT }],
            repositoryFilters: [{ filter: 'base', filterType: 'PREFIX_MATCH' }],
          },
        ],
      },
    }),
  );
  for (const [ecrRepositoryPrefix, upstreamRegistryUrl] of [
    ['ecr-public', 'public.ecr.aws'],
    ['quay', 'quay.io'],
  ] as const) {
    try {
      await home.ecr.send(new CreatePullThroughCacheRuleCommand({ ecrRepositoryPrefix, upstreamRegistryUrl }));
    } catch (error) {
      if ((error as { name?: string }).name !== 'PullThroughCacheRuleAlreadyExistsException') {
        throw error;
      }
    }
  }
  // Enhanced scanning (Amazon Inspector) for team-b's replicas only: in an ENHANCED registry,
  // repositories that no rule matches are not scanned at all.
  await second.ecr.send(
    new PutRegistryScanningConfigurationCommand({
      scanType: 'ENHANCED',
      rules: [{ scanFrequency: 'CONTINUOUS_SCAN', repositoryFilters: [{ filter: 'team-b/*', filterType: 'WILDCARD' }] }],
    }),
  );
}

/** A base OS layer plus an application layer; `marker` makes otherwise equal builds distinct. */
async function appImage(base: Layer, appFiles: Record<string, string>, marker: string, platform?: { os: string; architecture: string; variant?: string }): Promise<BuiltImage> {
  const app = await buildLayer([...Object.entries(appFiles).map(([path, content]) => ({ path, content })), { path: 'etc/build-info', content: `${marker}\n` }]);
  return buildImage({ layers: [base, app], labels: { 'org.opencontainers.image.version': marker }, ...(platform ? { platform } : {}) });
}

const debianBase = (packages: Parameters<typeof dpkgStatus>[0], release: string, architecture = 'amd64'): Promise<Layer> =>
  buildLayer([
    { path: 'etc/debian_version', content: `${release}\n` },
    { path: 'etc/os-release', content: `PRETTY_NAME="Debian GNU/Linux ${release}"\nID=debian\n` },
    { path: 'var/lib/dpkg/status', content: dpkgStatus(packages, architecture) },
  ]);

const alpineBase = (packages: Parameters<typeof apkInstalled>[0], release: string): Promise<Layer> =>
  buildLayer([
    { path: 'etc/alpine-release', content: `${release}\n` },
    { path: 'lib/apk/db/installed', content: apkInstalled(packages) },
  ]);

async function seedBaseImages(home: DemoRegion): Promise<void> {
  await home.createRepository(
    {
      repositoryName: 'base/debian',
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: { encryptionType: 'KMS', kmsKey: `arn:aws:kms:${DEMO_REGION}:${DEMO_ACCOUNT}:key/7c1e0a52-3b8d-4f6e-9a21-5d0c8e4b2f19` },
      tags: tags('platform'),
    },
    true,
  );
  await home.push('base/debian', buildImage({ layers: [await debianBase(BOOKWORM_OLD, '12.5')] }), ['bookworm-20240610'], 170);
  await home.push('base/debian', buildImage({ layers: [await debianBase(BOOKWORM_PATCHED, '12.6')] }), ['bookworm-20240701', 'bookworm'], 148);

  // Releases are immutable, but the moving "latest" tag is excluded.
  await home.createRepository(
    {
      repositoryName: 'base/alpine',
      imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'latest' }],
      imageScanningConfiguration: { scanOnPush: true },
      tags: tags('platform'),
    },
    true,
  );
  await home.push('base/alpine', buildImage({ layers: [await alpineBase(ALPINE_3_9, '3.9.6')] }), ['3.9.6'], 400);
  await home.push('base/alpine', buildImage({ layers: [await alpineBase(ALPINE_3_18, '3.18.6')] }), ['3.18.6', 'latest'], 95);
}

const API_LIFECYCLE_POLICY = {
  rules: [
    {
      rulePriority: 1,
      description: 'Expire untagged images 14 days after their push',
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 },
      action: { type: 'expire' },
    },
    {
      rulePriority: 2,
      description: 'Keep the three newest release images',
      selection: { tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 3 },
      action: { type: 'expire' },
    },
  ],
};

const API_REPOSITORY_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowProductionPull',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::210987654321:role/eks-node-role' },
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
    },
  ],
};

async function seedTeamA(home: DemoRegion): Promise<void> {
  await home.createRepository({ repositoryName: 'team-a/api', imageScanningConfiguration: { scanOnPush: true }, tags: tags('team-a', { service: 'api' }) }, true);
  const bullseye = await debianBase(BULLSEYE_OLD, '11.6');
  const bookwormOld = await debianBase(BOOKWORM_OLD, '12.5');
  const bookworm = await debianBase(BOOKWORM_PATCHED, '12.6');
  const lock = (version: string, dependencies: Record<string, string>) => ({ 'srv/api/package-lock.json': packageLock('api', version, dependencies) });
  // Two CI builds that were never tagged, then the releases; "latest" moves to the newest.
  await home.push('team-a/api', await appImage(bullseye, lock('1.3.9', API_DEPENDENCIES_OLD), 'build-4711'), [], 41);
  await home.push('team-a/api', await appImage(bullseye, lock('1.3.9', API_DEPENDENCIES_OLD), 'build-4712'), [], 40);
  await home.push('team-a/api', await appImage(bullseye, lock('1.4.0', API_DEPENDENCIES_OLD), 'v1.4.0'), ['v1.4.0'], 38);
  await home.push('team-a/api', await appImage(bookwormOld, lock('1.4.1', API_DEPENDENCIES_OLD), 'v1.4.1'), ['v1.4.1', 'latest'], 23);
  await home.push('team-a/api', await appImage(bookwormOld, lock('1.4.2', API_DEPENDENCIES_NEW), 'v1.4.2'), ['v1.4.2'], 9);
  await home.push('team-a/api', await appImage(bookworm, lock('1.5.0', API_DEPENDENCIES_NEW), 'v1.5.0'), ['v1.5.0', 'latest', 'main-8c3f2e1'], 2);
  await home.ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'team-a/api', lifecyclePolicyText: JSON.stringify(API_LIFECYCLE_POLICY) }));
  await home.ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'team-a/api', policyText: JSON.stringify(API_REPOSITORY_POLICY, null, 2) }));

  await home.createRepository({ repositoryName: 'team-a/web', imageScanningConfiguration: { scanOnPush: true }, tags: tags('team-a', { service: 'web' }) }, true);
  const alpine = await alpineBase(ALPINE_3_9, '3.9.6');
  const webLock = { 'usr/share/nginx/app/package-lock.json': packageLock('web', '2024.6.0', WEB_DEPENDENCIES) };
  await home.push('team-a/web', await appImage(alpine, webLock, '2024.05.1'), ['2024.05.1'], 61);
  await home.push('team-a/web', await appImage(alpine, webLock, '2024.06.0'), ['2024.06.0', 'main-3f2c1a9'], 27);
}

async function seedTeamB(region: DemoRegion): Promise<void> {
  // In the home region basic scanning on push; in the second one the registry's enhanced rule.
  await region.createRepository({ repositoryName: 'team-b/worker', imageScanningConfiguration: { scanOnPush: true }, tags: tags('team-b', { service: 'worker' }) }, true);
  const sid = await debianBase(SID_MARCH_2024, 'trixie/sid');
  const sidArm = await debianBase(SID_MARCH_2024, 'trixie/sid', 'arm64');
  const bookworm = await debianBase(BOOKWORM_PATCHED, '12.6');
  const reqs = (pins: Record<string, string>) => ({ 'app/requirements.txt': requirements(pins) });
  await region.push('team-b/worker', await appImage(sid, reqs(WORKER_REQUIREMENTS_OLD), '2.2.0'), ['2.2.0'], 33);
  // 2.3.0 is multi-arch: a manifest list over an amd64 and an arm64 image.
  const amd64 = await appImage(bookworm, reqs(WORKER_REQUIREMENTS_NEW), '2.3.0', { os: 'linux', architecture: 'amd64' });
  const arm64 = await appImage(sidArm, reqs(WORKER_REQUIREMENTS_NEW), '2.3.0', { os: 'linux', architecture: 'arm64', variant: 'v8' });
  await region.pushIndex('team-b/worker', buildIndex([amd64, arm64]), ['2.3.0', 'latest'], 5);
}

async function seedTools(home: DemoRegion): Promise<void> {
  // No scan on push here: these images show what "not scanned" looks like.
  await home.createRepository({ repositoryName: 'tools/ci-runner', tags: tags('platform') });
  const runner = await debianBase(BOOKWORM_OLD, '12.5');
  await home.push('tools/ci-runner', await appImage(runner, { 'usr/local/bin/ci-entrypoint': '#!/bin/sh\nexec "$@"\n' }, '2024.06'), ['2024.06', 'latest'], 120);

  // A Helm chart stored as an OCI artifact: scanned on push, but not an image.
  await home.createRepository({ repositoryName: 'tools/charts/web', imageScanningConfiguration: { scanOnPush: true }, tags: tags('platform') }, true);
  const chart = await buildLayer([
    { path: 'web/Chart.yaml', content: 'apiVersion: v2\nname: web\nversion: 0.4.2\nappVersion: "2024.06.0"\n' },
    { path: 'web/values.yaml', content: 'image:\n  repository: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team-a/web\n  tag: 2024.06.0\n' },
  ], { oci: true });
  const helm = buildImage({
    layers: [{ ...chart, mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip' }],
    oci: true,
    configMediaType: 'application/vnd.cncf.helm.config.v1+json',
    configBody: Buffer.from(JSON.stringify({ name: 'web', version: '0.4.2', apiVersion: 'v2', appVersion: '2024.06.0' })),
  });
  await home.push('tools/charts/web', helm, ['0.4.2'], 30);
}
