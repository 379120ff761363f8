import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { countWildcards, matchesWildcard, parseLifecyclePolicy } from '../../src/ecr/lifecycle';

/** Policy text from rules, padded to ECR's 100-character minimum with trailing JSON whitespace. */
function text(rules: unknown): string {
  return JSON.stringify({ rules }, null, 1).padEnd(100);
}

const expire = { type: 'expire' };
const keepFive = { countType: 'imageCountMoreThan', countNumber: 5 };

describe('parseLifecyclePolicy', () => {
  it('accepts a valid policy and sorts its rules by priority', () => {
    const result = parseLifecyclePolicy(
      text([
        { rulePriority: 9, description: 'everything else', selection: { tagStatus: 'any', ...keepFive }, action: expire },
        { rulePriority: 2, selection: { tagStatus: 'tagged', tagPatternList: ['v*.*.*-rc*'], countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 }, action: expire },
        { rulePriority: 1, selection: { tagStatus: 'untagged', ...keepFive }, action: expire },
      ]),
    );
    assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
    assert.deepEqual(result.policy.rules.map((rule) => rule.rulePriority), [1, 2, 9]);
    assert.equal(result.policy.rules[2]?.description, 'everything else');
    assert.deepEqual(result.policy.rules[1]?.selection.tagPatternList, ['v*.*.*-rc*']);
  });

  const invalid: Array<[string, string, RegExp]> = [
    ['too short', '{"rules":[]}', /12 characters long; ECR accepts 100 to 30720/],
    ['too long', text([{ rulePriority: 1, description: 'x'.repeat(30720), selection: { tagStatus: 'any', ...keepFive }, action: expire }]), /ECR accepts 100 to 30720/],
    ['not JSON', '{"rules": ['.padEnd(100), /not valid JSON/],
    ['not an object', '[]'.padEnd(100), /must be a JSON object/],
    ['no rules', '{"rules": []}'.padEnd(100), /"rules" must be a non-empty array/],
    ['unknown top-level key', JSON.stringify({ rules: [{ rulePriority: 1, selection: { tagStatus: 'any', ...keepFive }, action: expire }], version: 2 }).padEnd(100), /unknown property "version"/],
    ['duplicate priority', text([
      { rulePriority: 1, selection: { tagStatus: 'untagged', ...keepFive }, action: expire },
      { rulePriority: 1, selection: { tagStatus: 'tagged', tagPrefixList: ['v'], ...keepFive }, action: expire },
    ]), /rules\[1\]\.rulePriority 1 is already used by rules\[0\]/],
    ['priority zero', text([{ rulePriority: 0, selection: { tagStatus: 'any', ...keepFive }, action: expire }]), /rulePriority must be an integer of at least 1, not 0/],
    ['priority not an integer', text([{ rulePriority: 1.5, selection: { tagStatus: 'any', ...keepFive }, action: expire }]), /rulePriority must be an integer/],
    ['tagged without lists', text([{ rulePriority: 1, selection: { tagStatus: 'tagged', ...keepFive }, action: expire }]), /tagStatus "tagged" needs a tagPrefixList or a tagPatternList/],
    ['tagged with both lists', text([{ rulePriority: 1, selection: { tagStatus: 'tagged', tagPrefixList: ['a'], tagPatternList: ['b*'], ...keepFive }, action: expire }]), /either tagPrefixList or tagPatternList, not both/],
    ['untagged with a prefix list', text([{ rulePriority: 1, selection: { tagStatus: 'untagged', tagPrefixList: ['a'], ...keepFive }, action: expire }]), /only allowed with tagStatus "tagged", not "untagged"/],
    ['any with a pattern list', text([{ rulePriority: 1, selection: { tagStatus: 'any', tagPatternList: ['a*'], ...keepFive }, action: expire }]), /only allowed with tagStatus "tagged", not "any"/],
    ['any not last', text([
      { rulePriority: 1, selection: { tagStatus: 'any', ...keepFive }, action: expire },
      { rulePriority: 2, selection: { tagStatus: 'untagged', ...keepFive }, action: expire },
    ]), /rules\[0\] selects tagStatus "any" and must have the highest rulePriority \(1 is lower than 2\)/],
    ['five wildcards', text([{ rulePriority: 1, selection: { tagStatus: 'tagged', tagPatternList: ['*a*b*c*d*'], ...keepFive }, action: expire }]), /has 5 wildcards; at most 4/],
    ['empty prefix list', text([{ rulePriority: 1, selection: { tagStatus: 'tagged', tagPrefixList: [], ...keepFive }, action: expire }]), /tagPrefixList must be a non-empty array/],
    ['empty prefix', text([{ rulePriority: 1, selection: { tagStatus: 'tagged', tagPrefixList: [''], ...keepFive }, action: expire }]), /tagPrefixList\[0\] must be a non-empty string/],
    ['bad tagStatus', text([{ rulePriority: 1, selection: { tagStatus: 'TAGGED', ...keepFive }, action: expire }]), /tagStatus must be one of "tagged", "untagged", "any", not "TAGGED"/],
    ['count unit with imageCountMoreThan', text([{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countUnit: 'days', countNumber: 3 }, action: expire }]), /countUnit is not allowed with countType "imageCountMoreThan"/],
    ['sinceImagePushed without unit', text([{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'sinceImagePushed', countNumber: 3 }, action: expire }]), /countUnit must be "days" with countType "sinceImagePushed", not undefined/],
    ['sinceImagePushed in hours', text([{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'sinceImagePushed', countUnit: 'hours', countNumber: 3 }, action: expire }]), /countUnit must be "days"/],
    ['unknown countType', text([{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountLessThan', countNumber: 3 }, action: expire }]), /countType must be one of/],
    ['zero countNumber', text([{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 0 }, action: expire }]), /countNumber must be an integer of at least 1, not 0/],
    ['countNumber as string', text([{ rulePriority: 1, selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: '5' }, action: expire }]), /countNumber must be an integer of at least 1, not "5"/],
    ['missing action', text([{ rulePriority: 1, selection: { tagStatus: 'any', ...keepFive } }]), /rules\[0\]\.action is required/],
    ['unknown action', text([{ rulePriority: 1, selection: { tagStatus: 'any', ...keepFive }, action: { type: 'delete' } }]), /action\.type must be "expire", not "delete"/],
    ['transition action', text([{ rulePriority: 1, selection: { tagStatus: 'any', ...keepFive }, action: { type: 'transition' } }]), /"transition" \(archive storage\) is not supported/],
    ['missing selection', text([{ rulePriority: 1, action: expire }]), /rules\[0\]\.selection is required/],
    ['misspelt selection key', text([{ rulePriority: 1, selection: { tagStatus: 'tagged', tagPrefixes: ['v'], ...keepFive }, action: expire }]), /unknown property "tagPrefixes"/],
  ];
  for (const [name, policyText, message] of invalid) {
    it(`refuses a policy with ${name}`, () => {
      const result = parseLifecyclePolicy(policyText);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.errors.some((error) => message.test(error)), `${message}\nnot in\n${result.ok ? '' : result.errors.join('\n')}`);
    });
  }

  it('reports every problem at once', () => {
    const result = parseLifecyclePolicy(
      text([
        { rulePriority: 1, selection: { tagStatus: 'tagged', ...keepFive }, action: expire },
        { rulePriority: 2, selection: { tagStatus: 'any', countType: 'sinceImagePushed', countNumber: 0 }, action: expire },
      ]),
    );
    assert.ok(!result.ok);
    assert.equal(result.errors.length, 3, result.errors.join('\n'));
  });
});

describe('matchesWildcard', () => {
  const table: Array<[string, string, boolean]> = [
    ['prod', 'prod', true],
    ['prod', 'prod1', false],
    ['prod*', 'prod', true],
    ['*', '', true],
    ['*prod', 'preprod', true],
    ['a*b*a', 'aba', true],
    ['a*b*a', 'ab', false],
    ['a*a', 'a', false],
    ['*.*.*', '1.2.3', true],
    ['*.*.*', '1.2', false],
    ['v?', 'v1', false],
    ['[ab]', 'a', false],
  ];
  for (const [pattern, tag, expected] of table) {
    it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(tag)}`, () => {
      assert.equal(matchesWildcard(pattern, tag), expected);
    });
  }

  it('agrees with a regular-expression reference on random patterns', () => {
    const alphabet = fc.constantFrom('a', 'b', '.', '-');
    const reference = (pattern: string, tag: string): boolean =>
      new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.-]/g, '\\$&')).join('.*')}$`).test(tag);
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(alphabet, fc.constant('*')), maxLength: 8 }), fc.string({ unit: alphabet, maxLength: 10 }), (pattern, tag) => {
        assert.equal(matchesWildcard(pattern, tag), reference(pattern, tag), `${pattern} vs ${tag}`);
      }),
    );
  });

  it('counts wildcards', () => {
    assert.equal(countWildcards('*a**b'), 3);
    assert.equal(countWildcards('plain'), 0);
  });
});
