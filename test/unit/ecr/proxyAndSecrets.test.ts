import * as assert from 'node:assert/strict';
import { bypassesProxy, createProxyAgents } from '../../../src/ecr/proxy';
import { redactSecrets } from '../../../src/ecr/redact';

describe('bypassesProxy (noProxy)', () => {
  const cases: Array<[string, number, string[], boolean]> = [
    ['api.ecr.eu-west-1.amazonaws.com', 443, [], false],
    ['api.ecr.eu-west-1.amazonaws.com', 443, ['amazonaws.com'], true],
    ['api.ecr.eu-west-1.amazonaws.com', 443, ['.amazonaws.com'], true],
    ['api.ecr.eu-west-1.amazonaws.com', 443, ['*.amazonaws.com'], true],
    ['notamazonaws.com', 443, ['amazonaws.com'], false],
    ['localhost', 80, ['LOCALHOST'], true],
    ['127.0.0.1', 4510, ['127.0.0.1:4510'], true],
    ['127.0.0.1', 4511, ['127.0.0.1:4510'], false],
    ['::1', 80, ['[::1]'], true],
    ['[::1]', 80, ['::1'], true],
    ['anything.example', 443, ['*'], true],
    ['example.com.', 443, [' example.com '], true],
    ['example.com', 443, ['', '  '], false],
  ];
  for (const [host, port, noProxy, expected] of cases) {
    it(`${host}:${port} with [${noProxy.join(', ')}] → ${expected ? 'direct' : 'proxy'}`, () => {
      assert.equal(bypassesProxy(host, port, noProxy), expected);
    });
  }
});

describe('createProxyAgents', () => {
  it('accepts a host:port without scheme as an http proxy', () => {
    const agents = createProxyAgents({ url: 'proxy.example.com:3128', strictSSL: false });
    agents.destroy();
  });
  it('refuses unusable settings without repeating a password', () => {
    assert.throws(() => createProxyAgents({ url: 'socks5://user:hunter22@proxy:1080', strictSSL: true }), (error: Error) => {
      assert.match(error.message, /only http:\/\/ and https:\/\/ proxies/);
      assert.ok(!error.message.includes('hunter22'));
      return true;
    });
    assert.throws(() => createProxyAgents({ url: 'http://user:hunter22@', strictSSL: true }), (error: Error) => {
      assert.match(error.message, /is not a URL/);
      assert.ok(!error.message.includes('hunter22'));
      return true;
    });
  });
});

describe('redactSecrets', () => {
  it('removes access keys, secret keys, session tokens, passwords in URLs and bearer tokens', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const text = [
      'key AKIAIOSFODNN7EXAMPLE and ASIAXYZXYZXYZXYZXYZ1',
      `secret ${secret}`,
      `SessionToken=${'Fwo'.repeat(60)}`,
      'proxy http://alice:s3cr3t@proxy:3128',
      'Authorization: Bearer abc.def.ghi',
      'password: "letmein"',
    ].join('\n');
    const redacted = redactSecrets(text);
    for (const leaked of ['AKIAIOSFODNN7EXAMPLE', 'ASIAXYZXYZXYZXYZXYZ1', secret, 'FwoFwoFwo', 's3cr3t', 'abc.def.ghi', 'letmein']) {
      assert.ok(!redacted.includes(leaked), `${leaked} in ${redacted}`);
    }
  });
  it('leaves what users need to read: names, ARNs, URIs, digests', () => {
    const text = [
      "The repository with name 'team-a/payments-api' does not exist in the registry with id '123456789012'",
      'arn:aws:ecr:eu-west-1:123456789012:repository/team-a/payments-api',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform/base-images/debian-12-slim-with-extra-tools:2024.01.15',
      `sha256:${'ab12'.repeat(16)}`,
    ].join('\n');
    assert.equal(redactSecrets(text), text);
  });
});
