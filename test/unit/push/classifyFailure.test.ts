import * as assert from 'node:assert/strict';
import { classifyCliFailure, type CliOperation } from '../../../src/push/classifyFailure';
import type { CliFailureKind } from '../../../src/push/model';
import { allFixtures, fixture, lines } from './fixtures';

function classify(name: string, operation: CliOperation = 'push'): ReturnType<typeof classifyCliFailure> {
  const recorded = fixture(name);
  return classifyCliFailure(lines(recorded).join('\n'), recorded.exitCode, name.startsWith('podman') ? 'podman' : 'docker', operation);
}

// Every recorded failure and the kind it must map to.
const EXPECTED: Record<string, [CliFailureKind, CliOperation]> = {
  'docker-login-bad-password': ['authentication', 'login'],
  'docker-push-unknown-repository': ['repository-not-found', 'push'],
  'docker-push-immutable-tag': ['tag-immutable', 'push'],
  'docker-push-token-expired': ['authentication', 'push'],
  'docker-push-not-logged-in': ['authentication', 'push'],
  'docker-push-registry-gone': ['network', 'push'],
  'docker-push-no-local-image': ['image-not-found', 'push'],
  'docker-push-daemon-unreachable': ['daemon-unreachable', 'push'],
  'docker-build-classic-failed': ['build-failed', 'build'],
  'podman-login-bad-password': ['authentication', 'login'],
  'podman-push-unknown-repository': ['repository-not-found', 'push'],
  'podman-push-immutable-tag': ['tag-immutable', 'push'],
  'podman-push-token-expired': ['authentication', 'push'],
  'podman-push-registry-gone': ['network', 'push'],
  'podman-push-no-local-image': ['image-not-found', 'push'],
  'podman-build-failed': ['build-failed', 'build'],
};

describe('classifyCliFailure', () => {
  for (const [name, [kind, operation]] of Object.entries(EXPECTED)) {
    it(`${name} → ${kind}`, () => {
      const failure = classify(name, operation);
      assert.equal(failure.kind, kind, failure.message);
      assert.ok(failure.message.length > 20 && /\.$/.test(failure.message), failure.message);
      assert.ok(failure.detail, 'keeps the CLI\'s own line');
    });
  }

  it('covers every recorded failure', () => {
    const failed = allFixtures().filter((recorded) => recorded.exitCode !== 0).map((recorded) => recorded.name);
    assert.deepEqual(failed.filter((name) => !(name in EXPECTED)), []);
  });

  it('names the repository and says to create it or pick another', () => {
    const failure = classify('docker-push-unknown-repository');
    assert.match(failure.message, /'team-a\/missing' does not exist.*Create it first, or pick another repository\./);
  });

  it('names the immutable tag and repository and says to push a new tag', () => {
    for (const name of ['docker-push-immutable-tag', 'podman-push-immutable-tag']) {
      assert.match(classify(name).message, /The tag '1' already exists in 'base\/runtime'.*new tag\./, name);
    }
  });

  it('says an expired token will be renewed', () => {
    assert.match(classify('docker-push-token-expired').message, /expired/);
  });

  it('names the failing step of a build', () => {
    assert.match(classify('docker-build-classic-failed', 'build').message, /at step 3\/4 \(COPY missing\.txt \/missing\.txt\): COPY failed/);
    assert.match(classify('podman-build-failed', 'build').message, /at step 3\/4 \(COPY missing\.txt \/missing\.txt\)/);
  });

  it('reads a BuildKit failure (its documented plain format) as build-failed with the step', () => {
    const output = [
      '#5 [2/3] RUN apt-get install -y nosuchpackage',
      '#5 0.9 E: Unable to locate package nosuchpackage',
      '#5 ERROR: process "/bin/sh -c apt-get install -y nosuchpackage" did not complete successfully: exit code: 100',
      '------',
      ' > [2/3] RUN apt-get install -y nosuchpackage:',
      '------',
      'ERROR: failed to solve: process "/bin/sh -c apt-get install -y nosuchpackage" did not complete successfully: exit code: 100',
    ].join('\n');
    const failure = classifyCliFailure(output, 1, 'docker', 'build');
    assert.equal(failure.kind, 'build-failed');
    assert.match(failure.message, /at step 2\/3 \(RUN apt-get install -y nosuchpackage\): ERROR: failed to solve/);
  });

  it('does not read a RUN step\'s own words as the failure of a build', () => {
    const output = ['Step 2/2 : RUN cat /secret || echo "Permission denied, connection refused, EOF"', 'Permission denied, connection refused, EOF', "The command '/bin/sh -c exit 3' returned a non-zero code: 3"].join('\n');
    assert.equal(classifyCliFailure(output, 1, 'docker', 'build').kind, 'build-failed');
  });

  it('sees a base image pull refused or unreachable during a build as authentication or network', () => {
    assert.equal(classifyCliFailure('Step 1/2 : FROM 1234.dkr.ecr.eu-west-1.amazonaws.com/base:1\nError response from daemon: pull access denied for base, repository does not exist or may require \'docker login\': denied: User is not authorized', 1, 'docker', 'build').kind, 'authentication');
    assert.equal(classifyCliFailure('Step 1/2 : FROM example.com/base:1\nError response from daemon: Get "https://example.com/v2/": dial tcp: lookup example.com: no such host', 1, 'docker', 'build').kind, 'network');
  });

  it('knows the other network and auth phrasings', () => {
    const cases: Array<[string, CliFailureKind]> = [
      ['Get "https://x/v2/": net/http: TLS handshake timeout', 'network'],
      ['Put "https://x/v2/a/blobs/uploads/1": read tcp 10.0.0.2:51234->52.1.2.3:443: read: connection reset by peer', 'network'],
      ['Patch "https://x/v2/a/blobs/uploads/1": dial tcp 52.1.2.3:443: i/o timeout', 'network'],
      ['Put "https://x/v2/a/manifests/1": EOF', 'network'],
      ['unauthorized: authentication required', 'authentication'],
      ['error during connect: Get "http://%2F%2F.%2Fpipe%2Fdocker_engine/v1.24/version": open //./pipe/docker_engine: The system cannot find the file specified.', 'daemon-unreachable'],
      ['Error: unable to connect to Podman socket: failed to connect: dial tcp 127.0.0.1:55555: connect: connection refused', 'daemon-unreachable'],
      ['Error response from daemon: No such image: team-a/api:2', 'image-not-found'],
      ['something odd happened', 'unknown'],
    ];
    for (const [text, kind] of cases) {
      assert.equal(classifyCliFailure(text, 1, text.includes('Podman') ? 'podman' : 'docker').kind, kind, text);
    }
  });

  it('words an unknown failure with the program, the operation, the exit code and the last line', () => {
    assert.equal(classifyCliFailure('first\nsomething odd happened', 2, 'podman', 'tag').message, 'podman tag failed (exit code 2): something odd happened. See the log for its output.');
  });
});
