// A data plane stand-in for control-plane tests: pushes are recorded straight into the store
// (as the /v2/ proxy does after a manifest PUT), the scanner answers from a table, and the
// backend remembers what it was asked to delete. The real data plane has its own tests.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DataPlane, PushedManifest, RegistryStoreAccess, ScanOutcome, StartDataPlane, Vulnerability } from '../contracts';

export const FEED_UPDATED_AT = new Date('2026-05-30T00:00:00Z');

let pushCounter = 0;

export function digestOf(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

export function vulnerability(id: string, severity: Vulnerability['severity'], packageName: string, fixedInVersion?: string): Vulnerability {
  return {
    vulnerabilityId: id,
    title: `${id} - ${packageName}`,
    description: `A vulnerability in ${packageName}.`,
    severity,
    score: { CRITICAL: 9.8, HIGH: 7.5, MEDIUM: 5.3, LOW: 3.1, INFORMATIONAL: 0, UNDEFINED: 0 }[severity],
    epss: 0.02,
    exploitAvailable: severity === 'CRITICAL',
    sourceUrl: `https://nvd.nist.gov/vuln/detail/${id}`,
    referenceUrls: [`https://security-tracker.debian.org/tracker/${id}`],
    package: {
      name: packageName,
      version: '1.0.0',
      packageManager: 'OS',
      filePath: 'var/lib/dpkg/status',
      sourceLayerHash: digestOf(`layer of ${packageName}`),
    },
    ...(fixedInVersion !== undefined ? { fixedInVersion } : {}),
  };
}

export function outcome(vulnerabilities: Vulnerability[], status: ScanOutcome['status'] = 'COMPLETE'): ScanOutcome {
  return {
    status,
    description: status === 'COMPLETE' ? 'The scan was completed successfully.' : `The scan ended with ${status}.`,
    packages: vulnerabilities.map((entry) => entry.package),
    vulnerabilities,
    vulnerabilitySourceUpdatedAt: FEED_UPDATED_AT,
  };
}

export interface FakePush {
  readonly tag?: string;
  readonly digest?: string;
  readonly sizeInBytes?: number;
  readonly children?: string[];
  readonly mediaType?: string;
  readonly artifactMediaType?: string;
}

export class FakeDataPlane implements DataPlane {
  store: RegistryStoreAccess | undefined;
  readonly deleted: string[] = [];
  readonly scanned: string[] = [];
  readonly handled: string[] = [];
  /** What the scanner answers per digest (an Error makes it throw); `defaultOutcome` otherwise. */
  readonly outcomes = new Map<string, ScanOutcome | Error>();
  defaultOutcome: ScanOutcome = outcome([]);
  /** While set, scans wait for it: lets a test see IN_PROGRESS. */
  gate: Promise<void> | undefined;
  deleteFailure: Error | undefined;
  stopped = false;

  readonly start: StartDataPlane = (store) => {
    this.store = store;
    return Promise.resolve(this);
  };

  readonly scanner = {
    scan: async (region: string, repositoryName: string, imageDigest: string): Promise<ScanOutcome> => {
      this.scanned.push(`${region}/${repositoryName}@${imageDigest}`);
      await this.gate;
      const answer = this.outcomes.get(imageDigest) ?? this.defaultOutcome;
      if (answer instanceof Error) {
        throw answer;
      }
      return answer;
    },
  };

  readonly backend = {
    deleteManifest: (region: string, repositoryName: string, imageDigest: string): Promise<void> => {
      if (this.deleteFailure) {
        return Promise.reject(this.deleteFailure);
      }
      this.deleted.push(`${region}/${repositoryName}@${imageDigest}`);
      return Promise.resolve();
    },
    getManifest: () => Promise.resolve(undefined),
  };

  handle(request: IncomingMessage, response: ServerResponse): void {
    this.handled.push(`${request.method ?? ''} ${request.url ?? ''}`);
    request.resume();
    response.writeHead(200, { 'Content-Type': 'application/json', 'Docker-Distribution-API-Version': 'registry/2.0' });
    response.end('{}');
  }

  stop(): Promise<void> {
    this.stopped = true;
    return Promise.resolve();
  }

  /** Pushes a manifest the way the proxy would: the tag check first, then the record. Returns the digest. */
  push(region: string, repositoryName: string, push: FakePush = {}): string {
    const store = this.store;
    if (!store) {
      throw new Error('the fake data plane was not started');
    }
    pushCounter += 1;
    const body = JSON.stringify({ schemaVersion: 2, fake: pushCounter, children: push.children ?? [] });
    const digest = push.digest ?? digestOf(body);
    if (!store.repositoryExists(region, repositoryName)) {
      throw new Error(`NAME_UNKNOWN: ${repositoryName}`);
    }
    if (push.tag !== undefined) {
      const refusal = store.refuseTag(region, repositoryName, push.tag, digest);
      if (refusal) {
        throw new Error(`TAG_INVALID: ${refusal}`);
      }
    }
    const manifest: PushedManifest = {
      region,
      repositoryName,
      imageDigest: digest,
      ...(push.tag !== undefined ? { tag: push.tag } : {}),
      manifestMediaType:
        push.mediaType ??
        (push.children ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.docker.distribution.manifest.v2+json'),
      ...(push.artifactMediaType !== undefined ? { artifactMediaType: push.artifactMediaType } : {}),
      imageSizeInBytes: push.sizeInBytes ?? 1000,
      ...(push.children
        ? { children: push.children.map((child, index) => ({ digest: child, os: 'linux', architecture: index === 0 ? 'amd64' : 'arm64' })) }
        : {}),
      manifestBody: body,
    };
    store.recordPush(manifest);
    return digest;
  }
}
