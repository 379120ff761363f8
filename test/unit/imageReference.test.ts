import * as assert from 'node:assert/strict';
import {
  ecrRegistryHost,
  formatImageReference,
  isValidRepositoryName,
  parseImageReference,
} from '../../src/ecr/imageReference';

const DIGEST = `sha256:${'ab12'.repeat(16)}`;

describe('parseImageReference', () => {
  it('splits an ECR reference into account, region, repository and tag', () => {
    const result = parseImageReference('123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.2.3');
    assert.deepEqual(result, {
      ok: true,
      reference: {
        registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
        repository: 'team/app',
        tag: '1.2.3',
        accountId: '123456789012',
        region: 'eu-west-1',
        fips: false,
      },
    });
  });

  it('understands digests, FIPS hosts and the China partition', () => {
    const fips = parseImageReference(`123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app@${DIGEST}`);
    assert.ok(fips.ok);
    assert.equal(fips.reference.digest, DIGEST);
    assert.equal(fips.reference.region, 'us-gov-west-1');
    assert.equal(fips.reference.fips, true);
    assert.equal(fips.reference.tag, undefined);

    const china = parseImageReference('123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app:latest');
    assert.ok(china.ok);
    assert.equal(china.reference.region, 'cn-north-1');
  });

  it('accepts a non-ECR registry with a port, without account or region', () => {
    const result = parseImageReference('127.0.0.1:5000/demo/web:v1');
    assert.ok(result.ok);
    assert.equal(result.reference.registry, '127.0.0.1:5000');
    assert.equal(result.reference.repository, 'demo/web');
    assert.equal(result.reference.tag, 'v1');
    assert.equal(result.reference.accountId, undefined);
  });

  it('explains what is wrong with a bad reference', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['app:latest', /names no registry/],
      ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/App:1', /not a valid repository name/],
      ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:-bad', /not a valid tag/],
      ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:xyz', /not a sha256 digest/],
    ];
    for (const [input, message] of cases) {
      const result = parseImageReference(input);
      assert.equal(result.ok, false, input);
      assert.match(result.ok ? '' : result.error, message, input);
    }
  });

  it('formats back to the same text', () => {
    for (const text of [
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.2.3',
      `127.0.0.1:5000/app@${DIGEST}`,
      '127.0.0.1:5000/app',
    ]) {
      const result = parseImageReference(text);
      assert.ok(result.ok, text);
      assert.equal(formatImageReference(result.reference), text);
    }
  });
});

describe('isValidRepositoryName', () => {
  it('follows ECR rules for separators, case and length', () => {
    assert.equal(isValidRepositoryName('team/app-1.web_x'), true);
    assert.equal(isValidRepositoryName('a'), false, 'shorter than 2');
    assert.equal(isValidRepositoryName('a'.repeat(257)), false, 'longer than 256');
    assert.equal(isValidRepositoryName('team//app'), false);
    assert.equal(isValidRepositoryName('team/-app'), false);
    assert.equal(isValidRepositoryName('Team/app'), false);
  });
});

describe('ecrRegistryHost', () => {
  it('uses the partition suffix of the region', () => {
    assert.equal(ecrRegistryHost('123456789012', 'us-east-1'), '123456789012.dkr.ecr.us-east-1.amazonaws.com');
    assert.equal(ecrRegistryHost('123456789012', 'cn-northwest-1'), '123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn');
  });
});
