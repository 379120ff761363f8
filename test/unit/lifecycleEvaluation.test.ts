import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  evaluateLifecyclePolicy,
  parseLifecyclePolicy,
  type LifecycleImage,
  type LifecyclePolicy,
} from '../../src/ecr/lifecycle';

const NOW = new Date('2026-06-15T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

/** An image pushed `daysAgo` days before NOW. */
function image(name: string, tags: string[], daysAgo: number, extra: Partial<LifecycleImage> = {}): LifecycleImage {
  return { imageDigest: `sha256:${name}`, imageTags: tags, imagePushedAt: new Date(NOW.getTime() - daysAgo * DAY), ...extra };
}

/** Parses rules through the real validator, so every case is also a policy ECR would accept. */
function policy(rules: object[]): LifecyclePolicy {
  const text = JSON.stringify({ rules: rules.map((rule) => ({ action: { type: 'expire' }, ...rule })) }, null, 2).padEnd(100);
  const parsed = parseLifecyclePolicy(text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors.join('\n'));
  return parsed.policy;
}

interface Case {
  readonly name: string;
  readonly rules: object[];
  readonly images: LifecycleImage[];
  /** `digest-name@priority`, in the order the evaluator reports them. */
  readonly expired: string[];
}

const cases: Case[] = [
  {
    // The "filtering on multiple rules" example of the ECR user guide.
    name: 'an image selected by a higher-priority rule cannot be expired by a lower one',
    rules: [
      { rulePriority: 1, selection: { tagStatus: 'tagged', tagPrefixList: ['prod'], countType: 'imageCountMoreThan', countNumber: 1 } },
      { rulePriority: 2, selection: { tagStatus: 'tagged', tagPrefixList: ['beta'], countType: 'imageCountMoreThan', countNumber: 1 } },
    ],
    images: [image('A', ['beta-1', 'prod-1'], 10), image('B', ['beta-2', 'prod-2'], 9), image('C', ['beta-3'], 8)],
    expired: ['A@1'],
  },
  {
    name: 'lower rules still count images that higher rules selected',
    rules: [
      { rulePriority: 1, selection: { tagStatus: 'tagged', tagPrefixList: ['prod'], countType: 'imageCountMoreThan', countNumber: 5 } },
      { rulePriority: 2, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 2 } },
    ],
    // Newest two are prod images: rule 2 keeps them, so it marks every other image.
    images: [image('p1', ['prod-1'], 1), image('p2', ['prod-2'], 2), image('d3', ['dev-3'], 3), image('u4', [], 4)],
    expired: ['u4@2', 'd3@2'],
  },
  {
    name: 'untagged rules touch only untagged images, oldest first',
    rules: [{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 } }],
    images: [image('t1', ['v1'], 9), image('u1', [], 8), image('u2', [], 7), image('u3', [], 6), image('t2', ['v2'], 1)],
    expired: ['u1@1', 'u2@1'],
  },
  {
    name: 'every prefix of the list must match one of the tags',
    rules: [{ rulePriority: 1, selection: { tagStatus: 'tagged', tagPrefixList: ['prod', 'v1'], countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 } }],
    images: [image('both', ['prod-a', 'v1.2'], 5), image('prodOnly', ['prod-b'], 5), image('oneTagBoth', ['prodv1'], 5)],
    expired: ['both@1'],
  },
  {
    name: 'wildcard patterns match whole tags and all patterns must match',
    rules: [{ rulePriority: 1, selection: { tagStatus: 'tagged', tagPatternList: ['prod*release', '*-rc*'], countType: 'imageCountMoreThan', countNumber: 1 } }],
    images: [
      image('m1', ['prod-2024-release', '1.0-rc1'], 4),
      image('m2', ['prodrelease', 'x-rc'], 3),
      image('noRc', ['prod-release'], 2),
      image('suffix', ['prod-release-2', '1-rc2'], 1),
      image('newest', ['prod-9-release', '9-rc9'], 0),
    ],
    expired: ['m1@1', 'm2@1'],
  },
  {
    name: 'a pattern without a wildcard matches only that exact tag',
    rules: [{ rulePriority: 1, selection: { tagStatus: 'tagged', tagPatternList: ['latest'], countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 } }],
    images: [image('exact', ['latest'], 3), image('longer', ['latest2'], 3), image('prefixed', ['mylatest'], 3)],
    expired: ['exact@1'],
  },
  {
    name: 'sinceImagePushed expires strictly older images; exactly N days old stays',
    rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 } }],
    images: [image('exactly7', ['a'], 7), image('older', ['b'], 7 + 1 / DAY), image('newer', [], 6.9)],
    expired: ['older@1'],
  },
  {
    name: 'sinceImagePulled uses the last pull and falls back to the push time',
    rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'sinceImagePulled', countUnit: 'days', countNumber: 30 } }],
    images: [
      image('pulledRecently', ['a'], 90, { lastRecordedPullTime: new Date(NOW.getTime() - 2 * DAY) }),
      image('neverPulledOld', ['b'], 40),
      image('neverPulledNew', ['c'], 10),
      image('pulledLongAgo', ['d'], 100, { lastRecordedPullTime: new Date(NOW.getTime() - 31 * DAY) }),
    ],
    expired: ['pulledLongAgo@1', 'neverPulledOld@1'],
  },
  {
    name: 'rules apply by priority, not by their order in the text',
    rules: [
      { rulePriority: 10, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 } },
      { rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 } },
    ],
    // u2 is kept by rule 1 and, being selected by it, cannot be expired by rule 10 either.
    images: [image('u1', [], 3), image('u2', [], 2), image('t1', ['x'], 1), image('t0', ['y'], 5)],
    expired: ['u1@1', 't0@10'],
  },
  {
    name: 'equal push times are ordered by digest, whatever the input order',
    rules: [{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 } }],
    images: [image('b', ['x'], 1), image('c', ['y'], 1), image('a', ['z'], 1)],
    expired: ['c@1', 'b@1'],
  },
  {
    name: 'a count above the number of selected images expires nothing',
    rules: [{ rulePriority: 1, selection: { tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 3 } }],
    images: [image('v1', ['v1'], 3), image('v2', ['v2'], 2), image('w', ['w1'], 1)],
    expired: [],
  },
  {
    name: 'tagged rules never select untagged images, even with a catch-all pattern',
    rules: [{ rulePriority: 1, selection: { tagStatus: 'tagged', tagPatternList: ['*'], countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 } }],
    images: [image('untagged', [], 5), image('tagged', ['anything'], 5)],
    expired: ['tagged@1'],
  },
];

describe('evaluateLifecyclePolicy', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const result = evaluateLifecyclePolicy(policy(testCase.rules), testCase.images, NOW);
      const got = result.expired.map(({ image: expired, appliedRulePriority }) => `${expired.imageDigest.slice('sha256:'.length)}@${appliedRulePriority}`);
      assert.deepEqual(got, testCase.expired);
    });
  }

  it('adds up the bytes the expired images free', () => {
    const images = [image('a', [], 3, { imageSizeInBytes: 1000 }), image('b', [], 2, { imageSizeInBytes: 234 }), image('c', [], 1, { imageSizeInBytes: 5 })];
    const result = evaluateLifecyclePolicy(
      policy([{ rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 } }]),
      images,
      NOW,
    );
    assert.equal(result.bytesFreed, 1234);
  });

  it('never expires an image twice, and with one "any" count rule keeps exactly the newest N', () => {
    const arbitraryImages = fc.uniqueArray(
      fc.record({ id: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 4, maxLength: 8 }), age: fc.integer({ min: 0, max: 400 }), tagged: fc.boolean() }),
      { selector: (entry) => entry.id, maxLength: 40 },
    );
    fc.assert(
      fc.property(arbitraryImages, fc.integer({ min: 1, max: 50 }), (entries, keep) => {
        const images = entries.map((entry) => image(entry.id, entry.tagged ? [`t-${entry.id}`] : [], entry.age));
        const rules = [
          { rulePriority: 1, selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 30 } },
          { rulePriority: 2, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: keep } },
        ];
        const result = evaluateLifecyclePolicy(policy(rules), images, NOW);
        const digests = result.expired.map((entry) => entry.image.imageDigest);
        assert.equal(new Set(digests).size, digests.length);
        // Rule 1 selects every untagged image, so rule 2 can only expire tagged ones beyond the newest `keep`.
        const newest = new Set(
          [...images]
            .sort((a, b) => b.imagePushedAt.getTime() - a.imagePushedAt.getTime() || a.imageDigest.localeCompare(b.imageDigest))
            .slice(0, keep),
        );
        for (const candidate of images) {
          const isExpired = digests.includes(candidate.imageDigest);
          const oldUntagged = candidate.imageTags.length === 0 && NOW.getTime() - candidate.imagePushedAt.getTime() > 30 * DAY;
          const taggedBeyondKeep = candidate.imageTags.length > 0 && !newest.has(candidate);
          assert.equal(isExpired, oldUntagged || taggedBeyondKeep, candidate.imageDigest);
        }
      }),
    );
  });
});
