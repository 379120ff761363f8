import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseResourceTags, validateExclusionFilter, validateRepositoryName } from '../../../src/ecr/repositoryNames';

// ECR's CreateRepository pattern, the reference the validator must agree with.
const ECR_PATTERN = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

describe('validateRepositoryName', () => {
  for (const name of ['ab', 'team/app', 'team-a/api/v2', 'a.b_c-d', 'x1/y2/z3', 'a'.repeat(256), 'my__app', 'a--b']) {
    it(`accepts "${name.length > 20 ? `${name.slice(0, 10)}…(${name.length})` : name}"`, () => {
      // "my__app" and "a--b": two separators are refused; see below. Only true matches pass.
      assert.equal(validateRepositoryName(name) === undefined, ECR_PATTERN.test(name) && name.length >= 2 && name.length <= 256);
    });
  }

  const refusals: Array<[string, RegExp]> = [
    ['', /Enter a repository name/],
    ['a', /at least 2 characters/],
    ['a'.repeat(257), /at most 256 characters; this one has 257/],
    ['Team/app', /lower case: "T" at position 1 must be "t"/],
    ['team/App', /"A" at position 6/],
    ['team app', /a space at position 5 is not allowed/],
    ['team:app', /":" at position 5 is not allowed/],
    ['/team', /cannot start with "\/"/],
    ['team/', /cannot end with "\/"/],
    ['team//app', /Position 6: two "\/" in a row/],
    ['-team', /"-" at position 1 must follow a letter or digit/],
    ['team/.app', /"\." at position 6 must follow a letter or digit/],
    ['team-', /"-" at position 5 must be followed by a letter or digit/],
    ['team_/app', /"_" at position 5 must be followed/],
    ['my__app', /"__" at position 3: separators/],
    ['a.-b', /"\.-" at position 2/],
    ['tëam', /"ë" at position 2 is not allowed/],
  ];
  for (const [name, message] of refusals) {
    it(`refuses "${name.length > 20 ? `${name.slice(0, 10)}…` : name}" saying what is wrong`, () => {
      assert.match(validateRepositoryName(name) ?? 'accepted', message);
    });
  }

  it('agrees with ECR\'s pattern on generated names', () => {
    const alphabet = fc.constantFrom(...'ab09._-/A '.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { minLength: 0, maxLength: 12 }).map((chars) => chars.join('')), (name) => {
        const valid = ECR_PATTERN.test(name) && name.length >= 2 && name.length <= 256;
        const message = validateRepositoryName(name);
        assert.equal(message === undefined, valid, `${JSON.stringify(name)}: ${message ?? 'accepted'}`);
      }),
      { numRuns: 3000, seed: 5 },
    );
  });
});

describe('validateExclusionFilter', () => {
  for (const filter of ['dev-*', 'latest', '*', 'release-v*.*', 'A_b.9-*', 'x'.repeat(128)]) {
    it(`accepts "${filter.slice(0, 20)}"`, () => {
      assert.equal(validateExclusionFilter(filter), undefined);
    });
  }
  it('refuses empty, too long and characters outside [0-9a-zA-Z._*-]', () => {
    assert.match(validateExclusionFilter('') ?? '', /Enter a tag filter/);
    assert.match(validateExclusionFilter('x'.repeat(129)) ?? '', /at most 128 characters; this one has 129/);
    assert.match(validateExclusionFilter('dev/*') ?? '', /"\/" at position 4 is not allowed/);
    assert.match(validateExclusionFilter('dev *') ?? '', /a space at position 4/);
    assert.match(validateExclusionFilter('v?') ?? '', /"\?" at position 2/);
  });
});

describe('parseResourceTags', () => {
  it('parses comma- or line-separated pairs and trims around keys and values', () => {
    assert.deepEqual(parseResourceTags('team=a, env=prod\nowner = j.doe@example.com, empty='), {
      tags: [
        { key: 'team', value: 'a' },
        { key: 'env', value: 'prod' },
        { key: 'owner', value: 'j.doe@example.com' },
        { key: 'empty', value: '' },
      ],
    });
  });
  it('keeps "=" inside a value', () => {
    assert.deepEqual(parseResourceTags('expr=a=b'), { tags: [{ key: 'expr', value: 'a=b' }] });
  });
  it('is empty for blank input', () => {
    assert.deepEqual(parseResourceTags('  ,\n '), { tags: [] });
  });
  const errors: Array<[string, RegExp]> = [
    ['team', /"team" needs a value: write key=value/],
    ['=a', /has no key before "="/],
    ['a=1, a=2', /"a" appears twice/],
    ['aws:owner=me', /starts with "aws:"/],
    [`${'k'.repeat(129)}=v`, /keys can have at most 128/],
    [`k=${'v'.repeat(257)}`, /values can have at most 256/],
    ['te#am=a', /contains "#"/],
    ['team=a;b', /value of tag "team" contains ";"/],
    [Array.from({ length: 51 }, (_, i) => `k${i}=v`).join(','), /51 tags given; a repository can have at most 50/],
  ];
  for (const [text, message] of errors) {
    it(`refuses "${text.slice(0, 24)}"`, () => {
      const result = parseResourceTags(text);
      assert.ok('error' in result, 'expected an error');
      assert.match(result.error, message);
    });
  }
});
