import * as assert from 'node:assert/strict';
import { PushProgressParser } from '../../../src/push/pushProgress';
import type { PushEvent } from '../../../src/push/model';
import { allFixtures, fixture, lines } from './fixtures';

function parse(name: string): { parser: PushProgressParser; events: PushEvent[] } {
  const recorded = fixture(name);
  const parser = new PushProgressParser(name.startsWith('podman') ? 'podman' : 'docker');
  const events = lines(recorded).flatMap((line) => parser.feed(line));
  return { parser, events };
}

const layerStates = (events: PushEvent[]): string[] => events.flatMap((event) => (event.kind === 'layer' ? [`${event.id}:${event.status}`] : []));

describe('push progress parser', () => {
  it('reads a fresh docker push: each layer prepared then pushed, and the digest line', () => {
    const { parser, events } = parse('docker-push-fresh');
    const states = layerStates(events);
    assert.equal(states.length, 4);
    assert.deepEqual(states.map((state) => state.split(':')[1]), ['preparing', 'preparing', 'pushed', 'pushed']);
    const pushed = events.find((event) => event.kind === 'pushed');
    assert.ok(pushed?.kind === 'pushed');
    assert.equal(pushed.tag, '1.0.0');
    assert.match(pushed.digest, /^sha256:[0-9a-f]{64}$/);
    assert.equal(pushed.sizeBytes, 739);
    assert.deepEqual(parser.summary(), { total: 2, pushed: 2, existed: 0, mounted: 0 });
    assert.deepEqual(
      events.filter((event) => event.kind === 'message').map((event) => (event.kind === 'message' ? event.text : '')),
      ['The push refers to repository [127.0.0.1:37151/team-a/api]'],
    );
  });

  it('counts the layers docker found already there', () => {
    assert.deepEqual(parse('docker-push-again').parser.summary(), { total: 2, pushed: 0, existed: 2, mounted: 0 });
    assert.deepEqual(parse('docker-push-partly-existing').parser.summary(), { total: 2, pushed: 1, existed: 1, mounted: 0 });
  });

  it('counts layers mounted from another repository as not uploaded', () => {
    assert.deepEqual(parse('docker-push-other-repository').parser.summary(), { total: 2, pushed: 0, existed: 0, mounted: 2 });
  });

  it('gives no digest for a failed docker push', () => {
    for (const name of ['docker-push-unknown-repository', 'docker-push-immutable-tag', 'docker-push-token-expired', 'docker-push-registry-gone']) {
      assert.equal(parse(name).parser.pushed, undefined, name);
    }
  });

  it('reads byte counts and the other states of a TTY docker push', () => {
    const parser = new PushProgressParser('docker');
    const events = [
      'a1b2c3d4e5f6: Waiting',
      'a1b2c3d4e5f6: Pushing [==>                                                ]  1.049MB/16.78MB',
      'a1b2c3d4e5f6: Retrying in 5 seconds',
      'a1b2c3d4e5f6: Pushed',
    ].flatMap((line) => parser.feed(line));
    assert.deepEqual(events, [
      { kind: 'layer', id: 'a1b2c3d4e5f6', status: 'waiting' },
      { kind: 'layer', id: 'a1b2c3d4e5f6', status: 'pushing', currentBytes: 1_049_000, totalBytes: 16_780_000 },
      { kind: 'layer', id: 'a1b2c3d4e5f6', status: 'retrying' },
      { kind: 'layer', id: 'a1b2c3d4e5f6', status: 'pushed' },
    ]);
  });

  it('reads a podman push: blobs copied, closed when the manifest is written', () => {
    const { parser, events } = parse('podman-push-fresh');
    assert.deepEqual(parser.summary(), { total: 2, pushed: 2, existed: 0, mounted: 0 });
    const states = layerStates(events).map((state) => state.split(':')[1]);
    assert.deepEqual(states, ['pushing', 'pushing', 'pushed', 'pushed']);
    const ids = new Set(layerStates(events).map((state) => state.split(':')[0]));
    assert.equal(ids.size, 2);
    assert.ok([...ids].every((id) => /^[0-9a-f]{64}$/.test(id ?? '')));
  });

  it('counts podman\'s "skipped: already exists" and reads its byte counts', () => {
    const parser = new PushProgressParser('podman');
    const events = [
      'Getting image source signatures',
      'Copying blob sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef skipped: already exists',
      'Copying blob sha256:8c18d3b4fe8c84ebbf1b80c20c4b7b98adcbcb6b98d6f818c510cff44842997b [=====>------] 2.0MiB / 4.0MiB',
      'Copying blob sha256:8c18d3b4fe8c84ebbf1b80c20c4b7b98adcbcb6b98d6f818c510cff44842997b done',
      'Copying config sha256:4f46652363cfec84939bb83ec66d17c9f42126db2080b0d9a4dc0f369e6e9872 done',
      'Writing manifest to image destination',
    ].flatMap((line) => parser.feed(line));
    assert.deepEqual(parser.summary(), { total: 2, pushed: 1, existed: 1, mounted: 0 });
    assert.deepEqual(events[2], {
      kind: 'layer',
      id: '8c18d3b4fe8c84ebbf1b80c20c4b7b98adcbcb6b98d6f818c510cff44842997b',
      status: 'pushing',
      currentBytes: 2 * 1024 ** 2,
      totalBytes: 4 * 1024 ** 2,
    });
  });

  it('marks podman\'s blobs as retrying when it starts over after a failure', () => {
    const { events } = parse('podman-push-registry-gone');
    assert.ok(layerStates(events).some((state) => state.endsWith(':retrying')));
  });

  it('parses every recorded push output without throwing, every line an event', () => {
    const pushes = allFixtures().filter((recorded) => recorded.argv[1] === 'push');
    assert.ok(pushes.length >= 15, `${pushes.length} recorded pushes`);
    for (const recorded of pushes) {
      const parser = new PushProgressParser(recorded.argv[0] === 'podman' ? 'podman' : 'docker');
      for (const line of lines(recorded).filter((text) => text.trim() !== '')) {
        assert.ok(parser.feed(line).length >= 1, `${recorded.name}: ${line}`);
      }
      assert.equal(parser.pushed !== undefined, recorded.argv[0] === 'docker' && recorded.exitCode === 0, recorded.name);
    }
  });
});
