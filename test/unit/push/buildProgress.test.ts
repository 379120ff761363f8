import * as assert from 'node:assert/strict';
import { BuildProgressParser } from '../../../src/push/buildProgress';
import type { BuildEvent } from '../../../src/push/model';
import { fixture, lines } from './fixtures';

function steps(events: BuildEvent[]): string[] {
  return events.flatMap((event) => (event.kind === 'step' ? [`${event.index}/${event.total ?? '?'} ${event.text}`] : []));
}

describe('build progress parser', () => {
  it('reads the classic builder\'s steps and built id (recorded)', () => {
    const parser = new BuildProgressParser('docker');
    const events = lines(fixture('docker-build-classic')).flatMap((line) => parser.feed(line));
    assert.deepEqual(steps(events), ['1/4 FROM scratch', '2/4 COPY file0 /data/shared.bin', '3/4 COPY file1 /data/own.bin', '4/4 LABEL org.opencontainers.image.description="first"']);
    const built = events.filter((event) => event.kind === 'built');
    assert.equal(built.length, 1);
    assert.match(built[0]?.kind === 'built' ? built[0].imageId : '', /^[0-9a-f]{12}$/);
  });

  it('reads the steps up to a failing classic build (recorded)', () => {
    const parser = new BuildProgressParser('docker');
    const events = lines(fixture('docker-build-classic-failed')).flatMap((line) => parser.feed(line));
    assert.equal(steps(events).at(-1), '3/4 COPY missing.txt /missing.txt');
    assert.equal(events.some((event) => event.kind === 'built'), false);
  });

  it('reads podman\'s steps and its final full id (recorded)', () => {
    const parser = new BuildProgressParser('podman');
    const events = lines(fixture('podman-build')).flatMap((line) => parser.feed(line));
    assert.deepEqual(steps(events).map((step) => step.split(' ')[0]), ['1/4', '2/4', '3/4', '4/4']);
    const built = events.find((event) => event.kind === 'built');
    assert.match(built?.kind === 'built' ? built.imageId : '', /^sha256:[0-9a-f]{64}$/);
    const failed = lines(fixture('podman-build-failed')).flatMap((line) => new BuildProgressParser('podman').feed(line));
    assert.equal(steps(failed).at(-1), '3/4 COPY missing.txt /missing.txt');
  });

  // BuildKit could not be recorded here (no buildx on this machine): these lines follow BuildKit's
  // documented plain progress format.
  it('reads BuildKit plain progress: each step once, stages, and the written image', () => {
    const parser = new BuildProgressParser('docker');
    const events = [
      '#0 building with "default" instance using docker driver',
      '#1 [internal] load build definition from Dockerfile',
      '#1 transferring dockerfile: 120B done',
      '#5 [build 1/3] FROM docker.io/library/alpine:3.19@sha256:aaaaaaaa',
      '#6 [build 2/3] RUN apk add --no-cache curl',
      '#6 0.512 fetch https://dl-cdn.alpinelinux.org/alpine/v3.19/main/x86_64/APKINDEX.tar.gz',
      '#6 [build 2/3] RUN apk add --no-cache curl',
      '#6 DONE 1.2s',
      '#7 [stage-1 2/2] COPY --from=build /usr/bin/curl /curl',
      '#8 exporting to image',
      '#8 writing image sha256:4f46652363cfec84939bb83ec66d17c9f42126db2080b0d9a4dc0f369e6e9872 done',
      '#8 naming to 127.0.0.1:5000/team-a/api:1 done',
    ].flatMap((line) => parser.feed(line));
    assert.deepEqual(steps(events), ['1/3 FROM docker.io/library/alpine:3.19@sha256:aaaaaaaa', '2/3 RUN apk add --no-cache curl', '2/2 COPY --from=build /usr/bin/curl /curl']);
    assert.deepEqual(
      events.filter((event) => event.kind === 'built'),
      [{ kind: 'built', imageId: 'sha256:4f46652363cfec84939bb83ec66d17c9f42126db2080b0d9a4dc0f369e6e9872' }],
    );
  });
});
