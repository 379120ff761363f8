import * as assert from 'node:assert/strict';
import type { Repository } from '../../../src/ecr/model';
import type { PushEvent } from '../../../src/push/model';
import {
  buildStepMessage,
  countsAtOrAbove,
  describeLocalImage,
  failedThresholdMessage,
  isTagImmutable,
  LayerTally,
  newestLocalImagesFirst,
  pushedMessage,
  suggestedTags,
  tagOfReference,
  tagProblem,
} from '../../../src/views/push/pushModel';

type Mutability = Pick<Repository, 'tagMutability' | 'tagMutabilityExclusions'>;

describe('push model', () => {
  describe('tagProblem', () => {
    it('accepts what docker and ECR accept', () => {
      for (const tag of ['1.0.0', 'latest', 'a1b2c3d', '_x', 'v1_2-3.4', 'A'.repeat(128)]) {
        assert.equal(tagProblem(tag), undefined, tag);
      }
    });
    it('says why a tag is refused', () => {
      assert.match(tagProblem('') ?? '', /Type a tag/);
      assert.match(tagProblem('-x') ?? '', /cannot start with/);
      assert.match(tagProblem('.x') ?? '', /cannot start with/);
      assert.match(tagProblem('a/b') ?? '', /"\/" is not allowed/);
      assert.match(tagProblem('a:b') ?? '', /":" is not allowed/);
      assert.match(tagProblem('x'.repeat(129)) ?? '', /at most 128 characters \(this one has 129\)/);
    });
  });

  describe('isTagImmutable', () => {
    const repo = (tagMutability: Mutability['tagMutability'], filters: string[] = []): Mutability => ({ tagMutability, tagMutabilityExclusions: filters });
    it('follows the repository mode', () => {
      assert.equal(isTagImmutable(repo('MUTABLE'), '1'), false);
      assert.equal(isTagImmutable(repo('IMMUTABLE'), '1'), true);
    });
    it('lets the exclusion filters flip the rule for the tags they match', () => {
      const mostlyImmutable = repo('IMMUTABLE_WITH_EXCLUSION', ['latest', 'dev-*']);
      assert.equal(isTagImmutable(mostlyImmutable, 'latest'), false);
      assert.equal(isTagImmutable(mostlyImmutable, 'dev-42'), false);
      assert.equal(isTagImmutable(mostlyImmutable, '1.0.0'), true);
      const mostlyMutable = repo('MUTABLE_WITH_EXCLUSION', ['v*']);
      assert.equal(isTagImmutable(mostlyMutable, 'v1.2'), true);
      assert.equal(isTagImmutable(mostlyMutable, 'latest'), false);
    });
  });

  describe('tag suggestions', () => {
    it('offers the git short SHA first, then the image\'s own tags, each once', () => {
      const image = { references: ['api:1.0.0', '127.0.0.1:5000/team/api:1.0.0', 'api:latest', 'localhost:5000/noTag'] };
      assert.deepEqual(suggestedTags(image, 'abc1234'), ['abc1234', '1.0.0', 'latest']);
      assert.deepEqual(suggestedTags(undefined, undefined), []);
    });
    it('reads the tag of a reference, not a registry port', () => {
      assert.equal(tagOfReference('127.0.0.1:5000/api:2'), '2');
      assert.equal(tagOfReference('127.0.0.1:5000/api'), undefined);
      assert.equal(tagOfReference('api'), undefined);
    });
  });

  describe('local images', () => {
    const now = new Date('2024-05-01T12:00:00Z');
    it('describes a tagged image by reference, id, size and age, with its other references below', () => {
      const described = describeLocalImage(
        { id: `sha256:${'ab'.repeat(32)}`, references: ['api:1', 'api:latest'], sizeBytes: 12_500_000, createdAt: new Date('2024-05-01T10:00:00Z') },
        now,
      );
      assert.equal(described.label, 'api:1');
      assert.match(described.description, /^abababababab · 12(\.\d)? MB · created 2 hours ago$/);
      assert.equal(described.detail, 'api:latest');
    });
    it('names a dangling image by its short id', () => {
      const described = describeLocalImage({ id: `sha256:${'cd'.repeat(32)}`, references: [] }, now);
      assert.equal(described.label, 'cdcdcdcdcdcd');
      assert.equal(described.description, '<none> (dangling)');
      assert.equal(described.detail, undefined);
    });
    it('lists the newest first, undated last', () => {
      const order = newestLocalImagesFirst([
        { id: 'a', references: [] },
        { id: 'b', references: [], createdAt: new Date(1000) },
        { id: 'c', references: [], createdAt: new Date(2000) },
      ]).map((image) => image.id);
      assert.deepEqual(order, ['c', 'b', 'a']);
    });
  });

  describe('LayerTally', () => {
    const layer = (id: string, status: Extract<PushEvent, { kind: 'layer' }>['status']): PushEvent => ({ kind: 'layer', id, status });
    it('counts each layer once by its last state: "3 of 5 layers · 2 already in ECR"', () => {
      const tally = new LayerTally();
      assert.equal(tally.message(), 'Preparing…');
      for (const id of ['a', 'b', 'c', 'd', 'e']) {
        tally.apply(layer(id, 'preparing'));
      }
      assert.equal(tally.message(), '0 of 5 layers');
      tally.apply(layer('a', 'exists'));
      tally.apply(layer('b', 'mounted'));
      tally.apply(layer('c', 'pushing'));
      assert.equal(tally.apply(layer('c', 'pushed')), true);
      assert.equal(tally.message(), '3 of 5 layers · 2 already in ECR');
      assert.deepEqual(tally.counts(), { total: 5, pushed: 1, existed: 2 });
      assert.equal(tally.fraction(), 3 / 5);
    });
    it('keeps a finished layer finished when a late progress line arrives, and ignores other events', () => {
      const tally = new LayerTally();
      tally.apply(layer('a', 'pushed'));
      assert.equal(tally.apply(layer('a', 'pushing')), false);
      assert.equal(tally.apply({ kind: 'message', text: 'The push refers to repository […]' }), false);
      assert.equal(tally.message(), '1 of 1 layer');
    });
  });

  it('says a build step with its number, shortening a long instruction', () => {
    assert.equal(buildStepMessage({ kind: 'step', index: 2, total: 5, text: 'COPY status /var/lib/dpkg/status' }), 'Step 2/5: COPY status /var/lib/dpkg/status');
    assert.equal(buildStepMessage({ kind: 'step', index: 3, text: `RUN ${'x'.repeat(100)}` })?.length, 'Step 3: '.length + 80);
    assert.equal(buildStepMessage({ kind: 'built', imageId: 'sha256:1' }), undefined);
  });

  it('names the severities at or above failOnSeverity, worst first', () => {
    const counts = { LOW: 4, HIGH: 2, CRITICAL: 1, MEDIUM: 3 };
    assert.equal(countsAtOrAbove(counts, 'HIGH'), '1 CRITICAL, 2 HIGH');
    assert.equal(countsAtOrAbove(counts, 'CRITICAL'), '1 CRITICAL');
    assert.equal(
      failedThresholdMessage('team-a/api:1.0.0', counts, 'HIGH'),
      'team-a/api:1.0.0 was pushed, but its scan found 1 CRITICAL, 2 HIGH, at or above ecrExplorer.failOnSeverity (HIGH).',
    );
  });

  it('says what was pushed with a short digest', () => {
    assert.equal(pushedMessage('team-a/api', '1.0.0', `sha256:${'0123456789ab'.repeat(5)}abcd`), 'Pushed team-a/api:1.0.0 (sha256:0123456789ab…)');
  });
});
