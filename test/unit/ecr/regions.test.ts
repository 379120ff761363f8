import * as assert from 'node:assert/strict';
import { ECR_REGIONS } from '../../../src/ecr/regions';

describe('ECR_REGIONS', () => {
  it('has unique, well-formed codes and names', () => {
    const codes = ECR_REGIONS.map((region) => region.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const region of ECR_REGIONS) {
      assert.match(region.code, /^[a-z]{2}(-gov)?-[a-z]+-\d$/);
      assert.ok(region.name.length > 3, region.code);
    }
  });
  it('covers the big commercial regions, GovCloud and China', () => {
    const codes = new Set(ECR_REGIONS.map((region) => region.code));
    for (const code of ['us-east-1', 'eu-west-1', 'ap-northeast-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1']) {
      assert.ok(codes.has(code), code);
    }
  });
});
