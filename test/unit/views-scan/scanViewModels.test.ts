import * as assert from 'node:assert/strict';
import { parseImageReference, type ImageReference } from '../../../src/ecr/imageReference';
import type { Image } from '../../../src/ecr/model';
import { endpointHost, matchRegistry, type KnownRegistry } from '../../../src/views/scan/connectionMatch';
import { diagnosticCode, diagnosticMessage, diagnosticSeverity, diagnosticSource, DIAGNOSTIC_SEVERITY } from '../../../src/views/scan/diagnosticModel';
import { fromReferences } from '../../../src/views/scan/fromReferences';
import { hoverLines, lensTitle } from '../../../src/views/scan/fromLensModel';
import { imageKey, SourceStore, type KeyValueStore } from '../../../src/views/scan/sourceStore';
import { TtlCache } from '../../../src/views/scan/ttlCache';

function reference(text: string): ImageReference {
  const parsed = parseImageReference(text);
  assert.ok(parsed.ok, text);
  return parsed.reference;
}

describe('scan diagnostics model', () => {
  it('maps ECR severities to VS Code diagnostic severities', () => {
    assert.equal(diagnosticSeverity('CRITICAL'), DIAGNOSTIC_SEVERITY.Error);
    assert.equal(diagnosticSeverity('HIGH'), DIAGNOSTIC_SEVERITY.Error);
    assert.equal(diagnosticSeverity('MEDIUM'), DIAGNOSTIC_SEVERITY.Warning);
    assert.equal(diagnosticSeverity('LOW'), DIAGNOSTIC_SEVERITY.Information);
    assert.equal(diagnosticSeverity('INFORMATIONAL'), DIAGNOSTIC_SEVERITY.Information);
    assert.equal(diagnosticSeverity('UNDEFINED'), DIAGNOSTIC_SEVERITY.Hint);
    assert.deepEqual(DIAGNOSTIC_SEVERITY, { Error: 0, Warning: 1, Information: 2, Hint: 3 });
  });

  it('names the scanner, links the worst finding (http only) and the image', () => {
    assert.equal(diagnosticSource('BASIC'), 'ECR scan');
    assert.equal(diagnosticSource('ENHANCED'), 'Amazon Inspector');
    assert.deepEqual(
      diagnosticCode([
        { id: 'CVE-1', severity: 'LOW', url: 'https://a.example/1' },
        { id: 'CVE-2', severity: 'CRITICAL', url: 'https://a.example/2' },
        { id: 'CVE-3', severity: 'CRITICAL', url: 'https://a.example/3' },
      ]),
      { value: 'CVE-2', target: 'https://a.example/2' },
    );
    assert.deepEqual(diagnosticCode([{ id: 'CVE-4', severity: 'HIGH', url: 'command:x' }]), { value: 'CVE-4' });
    assert.equal(diagnosticCode([]), undefined);
    assert.equal(diagnosticMessage('1 HIGH: zlib', 'team/app:1 @sha256:0'), '1 HIGH: zlib [team/app:1 @sha256:0]');
  });
});

describe('FROM references', () => {
  it('finds registry-qualified FROMs after ARG substitution, with the image word range', () => {
    const text = [
      'ARG TAG=1.2',
      'FROM 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:${TAG} AS build',
      'FROM node:20',
      'FROM build',
      'FROM --platform=linux/amd64 127.0.0.1:5000/base/debian@sha256:' + 'a'.repeat(64),
      'FROM docker.io/library/alpine:3',
      'FROM $UNSET/app:1',
    ].join('\n');
    const found = fromReferences(text);
    assert.deepEqual(
      found.map((item) => [item.line, item.range.start.character, item.range.end.character, item.reference.repository, item.reference.accountId ?? item.reference.registry]),
      [
        [1, 5, 65, 'team/app', '123456789012'],
        [4, 28, 28 + '127.0.0.1:5000/base/debian@sha256:'.length + 64, 'base/debian', '127.0.0.1:5000'],
      ],
    );
    assert.equal(found[0]?.reference.tag, '1.2');
  });
});

describe('FROM → connection', () => {
  const dev = { profile: 'dev', region: 'eu-west-1' };
  const prod = { profile: 'prod', region: 'eu-west-1' };
  const local = { profile: 'local', region: 'us-east-1' };
  const known: KnownRegistry[] = [
    { connection: dev, accountId: '111111111111', registryHost: '111111111111.dkr.ecr.eu-west-1.amazonaws.com' },
    { connection: prod, accountId: '222222222222' },
    { connection: local, accountId: '123456789012', registryHost: '127.0.0.1:5000' },
  ];

  it('matches an ECR host by account and region', () => {
    assert.deepEqual(matchRegistry(reference('222222222222.dkr.ecr.eu-west-1.amazonaws.com/a/b:1'), known), { kind: 'matched', connections: [prod] });
  });

  it('says which account and region have no chosen profile', () => {
    assert.deepEqual(matchRegistry(reference('222222222222.dkr.ecr.us-west-2.amazonaws.com/a/b:1'), known), {
      kind: 'no-profile',
      accountId: '222222222222',
      region: 'us-west-2',
    });
  });

  it('matches another host by the proxyEndpoint, and ignores registries it does not know', () => {
    assert.deepEqual(matchRegistry(reference('127.0.0.1:5000/team/app:1'), known), { kind: 'matched', connections: [local] });
    assert.deepEqual(matchRegistry(reference('ghcr.io/team/app:1'), known), { kind: 'not-ecr' });
  });

  it('reads the host of a proxyEndpoint', () => {
    assert.equal(endpointHost('https://111111111111.dkr.ecr.eu-west-1.amazonaws.com'), '111111111111.dkr.ecr.eu-west-1.amazonaws.com');
    assert.equal(endpointHost('http://127.0.0.1:5000'), '127.0.0.1:5000');
    assert.equal(endpointHost('::bad::'), undefined);
  });
});

describe('FROM lens and hover text', () => {
  const connection = { profile: 'dev', region: 'eu-west-1' };
  const now = new Date('2025-05-10T12:00:00Z');
  const ref = reference('111111111111.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.2');
  const image: Image = {
    repositoryName: 'team/app',
    digest: `sha256:${'c'.repeat(64)}`,
    tags: ['1.2'],
    isIndex: false,
    pushedAt: new Date('2025-05-07T12:00:00Z'),
    scan: { status: 'COMPLETE', severityCounts: { HIGH: 2, CRITICAL: 1 } },
  };

  it('summarises a found image with its push date', () => {
    assert.equal(lensTitle(ref, { kind: 'found', connection, image }, now), '$(shield) 1 CRITICAL, 2 HIGH · pushed 3 days ago');
    assert.match(hoverLines(ref, { kind: 'found', connection, image }, now).join('\n'), /Pushed: 2025-05-07 12:00 UTC \(3 days ago\)/);
    const unscanned: Image = { repositoryName: image.repositoryName, digest: image.digest, tags: image.tags, isIndex: false, pushedAt: image.pushedAt! };
    assert.equal(lensTitle(ref, { kind: 'found', connection, image: unscanned }, now), '$(shield) not scanned · pushed 3 days ago');
  });

  it('says plainly what is missing, and where it looked', () => {
    assert.equal(lensTitle(ref, { kind: 'missing', connection, repositoryMissing: false }, now), '$(warning) app:1.2 is not in repository team/app (profile dev, eu-west-1)');
    assert.equal(lensTitle(ref, { kind: 'missing', connection, repositoryMissing: true }, now), '$(warning) Repository team/app does not exist (profile dev, eu-west-1)');
    assert.equal(
      lensTitle(ref, { kind: 'no-profile', accountId: '111111111111', region: 'eu-west-1' }, now),
      '$(account) No chosen AWS profile for account 111111111111 in eu-west-1: Choose Profiles',
    );
  });
});

describe('TtlCache', () => {
  it('shares a lookup, keeps it for the TTL, and forgets failures at once', async () => {
    let time = 0;
    const cache = new TtlCache<number>(1000, () => time);
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    assert.equal(await cache.get('a', load), 1);
    assert.equal(await cache.get('a', load), 1);
    time = 999;
    assert.equal(await cache.get('a', load), 1);
    time = 1000;
    assert.equal(await cache.get('a', load), 2);
    await assert.rejects(cache.get('b', () => Promise.reject(new Error('no'))));
    assert.equal(cache.peek('b'), undefined);
    assert.equal(await cache.get('b', load), 3);
  });

  it('drops the oldest entry beyond its size', async () => {
    const cache = new TtlCache<string>(1000, () => 0, 2);
    await cache.get('a', () => Promise.resolve('a'));
    await cache.get('b', () => Promise.resolve('b'));
    await cache.get('c', () => Promise.resolve('c'));
    assert.equal(cache.peek('a'), undefined);
    assert.ok(cache.peek('c'));
  });
});

describe('SourceStore', () => {
  class MemoryStore implements KeyValueStore {
    readonly values = new Map<string, unknown>();
    get<T>(key: string): T | undefined {
      return this.values.get(key) as T | undefined;
    }
    update(key: string, value: unknown): Promise<void> {
      this.values.set(key, JSON.parse(JSON.stringify(value)));
      return Promise.resolve();
    }
  }
  const image = { connection: { profile: 'dev', region: 'eu-west-1' }, repositoryName: 'team/app', imageDigest: 'sha256:1', tag: 'v1' };

  it('remembers both ways, and the newest image of a Dockerfile', async () => {
    const store = new SourceStore(new MemoryStore());
    await store.remember(image, 'file:///w/Dockerfile');
    assert.equal(imageKey(image), 'dev|eu-west-1|team/app|sha256:1');
    assert.equal(store.dockerfileOf(image), 'file:///w/Dockerfile');
    assert.deepEqual(store.imageOf('file:///w/Dockerfile'), image);
    const newer = { ...image, imageDigest: 'sha256:2', tag: 'v2' };
    await store.remember(newer, 'file:///w/Dockerfile');
    assert.equal(store.imageOf('file:///w/Dockerfile')?.imageDigest, 'sha256:2');
    assert.equal(store.dockerfileOf(image), 'file:///w/Dockerfile');
    await store.forgetDockerfile('file:///w/Dockerfile');
    assert.equal(store.dockerfileOf(image), undefined);
    assert.equal(store.imageOf('file:///w/Dockerfile'), undefined);
  });

  it('ignores damaged stored values', () => {
    const memory = new MemoryStore();
    memory.values.set('ecrExplorer.scan.dockerfileImages', { 'file:///x': { repositoryName: 3 } });
    memory.values.set('ecrExplorer.scan.imageSources', 'nonsense');
    const store = new SourceStore(memory);
    assert.equal(store.imageOf('file:///x'), undefined);
    assert.equal(store.dockerfileOf(image), undefined);
  });
});
