// Problems from errors built the way the SDK builds them: service exceptions from
// @aws-sdk/client-ecr with $metadata, and the credential providers' CredentialsProviderError and
// TokenProviderError with the SDK's own messages.
import * as assert from 'node:assert/strict';
import {
  ECRServiceException,
  ImageNotFoundException,
  InvalidParameterException,
  RepositoryNotFoundException,
  ServerException,
} from '@aws-sdk/client-ecr';
import { CredentialsProviderError, TokenProviderError } from '@smithy/core/config';
import { describeAwsProblem } from '../../../src/ecr/awsProblems';
import { ENVIRONMENT_PROFILE, type Connection } from '../../../src/ecr/model';

const dev: Connection = { profile: 'dev', region: 'eu-west-1' };
const environment: Connection = { profile: ENVIRONMENT_PROFILE, region: 'us-east-1' };

function serviceError(name: string, message: string, status: number, attempts = 1, fault: 'client' | 'server' = 'client'): ECRServiceException {
  return new ECRServiceException({ name, $fault: fault, message, $metadata: { httpStatusCode: status, attempts, totalRetryDelay: 0 } });
}

describe('describeAwsProblem', () => {
  it('SSO token missing → sso-login with the login command', () => {
    const error = new TokenProviderError(
      "The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      false,
    );
    const problem = describeAwsProblem(error, dev);
    assert.equal(problem.kind, 'sso-login');
    assert.equal(problem.fixCommand, 'aws sso login --profile dev');
    assert.equal(problem.retryable, false);
    assert.match(problem.message, /profile "dev" in eu-west-1.*aws sso login --profile dev/);
  });

  it('SSO session expired (legacy sso_start_url profile) → sso-login', () => {
    const error = new CredentialsProviderError(
      'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
      false,
    );
    assert.equal(describeAwsProblem(error, dev).kind, 'sso-login');
  });

  it('quotes an unusual profile name in the fix command', () => {
    const error = new TokenProviderError("Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.", false);
    assert.equal(describeAwsProblem(error, { profile: "my team's", region: 'eu-west-1' }).fixCommand, "aws sso login --profile 'my team'\\''s'");
  });

  it('MFA code missing → mfa-required', () => {
    const error = new CredentialsProviderError('Profile admin requires multi-factor authentication, but no MFA code callback was provided.', false);
    const problem = describeAwsProblem(error, { profile: 'admin', region: 'eu-west-1' });
    assert.equal(problem.kind, 'mfa-required');
    assert.match(problem.message, /MFA code/);
  });

  it('ExpiredTokenException → expired-credentials, with the fix that suits the profile', () => {
    const error = serviceError('ExpiredTokenException', 'The security token included in the request is expired', 400);
    const plain = describeAwsProblem(error, dev);
    assert.equal(plain.kind, 'expired-credentials');
    assert.equal(plain.errorName, 'ExpiredTokenException');
    assert.equal(plain.fixCommand, 'aws configure --profile dev');
    assert.equal(describeAwsProblem(error, dev, 'sso').fixCommand, 'aws sso login --profile dev');
    const fromEnvironment = describeAwsProblem(error, environment);
    assert.equal(fromEnvironment.fixCommand, undefined);
    assert.match(fromEnvironment.message, /environment variables/);
  });

  it('RequestExpired and ExpiredToken are expired credentials too', () => {
    assert.equal(describeAwsProblem(serviceError('RequestExpired', 'Request has expired.', 400), dev).kind, 'expired-credentials');
    assert.equal(describeAwsProblem(serviceError('ExpiredToken', 'expired', 400), dev).kind, 'expired-credentials');
  });

  it('credential_process returning expired credentials → expired-credentials', () => {
    const error = new CredentialsProviderError('Profile dev credential_process returned expired credentials.', false);
    const problem = describeAwsProblem(error, dev);
    assert.equal(problem.kind, 'expired-credentials');
    assert.match(problem.message, /credential_process/);
  });

  it('no credentials → no-credentials with aws configure', () => {
    const error = new CredentialsProviderError('Could not load credentials from any providers', false);
    const problem = describeAwsProblem(error, dev);
    assert.equal(problem.kind, 'no-credentials');
    assert.equal(problem.fixCommand, 'aws configure --profile dev');
    const none = describeAwsProblem(new CredentialsProviderError('Unable to find environment variable credentials.', false), environment);
    assert.equal(none.kind, 'no-credentials');
    assert.match(none.message, /AWS_ACCESS_KEY_ID/);
  });

  for (const name of ['AccessDeniedException', 'UnrecognizedClientException', 'InvalidSignatureException']) {
    it(`${name} → access-denied`, () => {
      const problem = describeAwsProblem(serviceError(name, 'User: arn:aws:iam::123456789012:user/x is not authorized', 400), dev);
      assert.equal(problem.kind, 'access-denied');
      assert.equal(problem.retryable, false);
      assert.match(problem.message, /IAM policy/);
    });
  }

  for (const name of ['ThrottlingException', 'ThrottledException', 'TooManyRequestsException']) {
    it(`${name} → throttled, retryable, with the attempts made`, () => {
      const problem = describeAwsProblem(serviceError(name, 'Rate exceeded', 400, 5), dev);
      assert.equal(problem.kind, 'throttled');
      assert.equal(problem.retryable, true);
      assert.match(problem.message, /after 5 attempts/);
    });
  }

  it('connection refused → unreachable, naming the endpoint', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4510'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 4510, $metadata: {} });
    const problem = describeAwsProblem(error, dev);
    assert.equal(problem.kind, 'unreachable');
    assert.equal(problem.retryable, true);
    assert.match(problem.message, /at 127\.0\.0\.1:4510.*refused/);
  });

  it('DNS failure, time-out and socket hang up → unreachable', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND api.ecr.xx-nowhere-1.amazonaws.com'), { code: 'ENOTFOUND', hostname: 'api.ecr.xx-nowhere-1.amazonaws.com' });
    assert.match(describeAwsProblem(dns, dev).message, /api\.ecr\.xx-nowhere-1\.amazonaws\.com.*does not resolve/);
    const timeout = Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' });
    assert.match(describeAwsProblem(timeout, dev).message, /timed out/);
    const hangUp = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    assert.equal(describeAwsProblem(hangUp, dev).kind, 'unreachable');
    const aggregate = Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:80'), { code: 'ECONNREFUSED' })], ''), {});
    assert.equal(describeAwsProblem(aggregate, dev).kind, 'unreachable');
  });

  it('*NotFoundException → not-found', () => {
    const repository = new RepositoryNotFoundException({
      message: "The repository with name 'gone' does not exist in the registry with id '123456789012'",
      $metadata: { httpStatusCode: 400 },
    });
    const problem = describeAwsProblem(repository, dev);
    assert.equal(problem.kind, 'not-found');
    assert.match(problem.message, /'gone' does not exist.*refresh/);
    assert.equal(describeAwsProblem(new ImageNotFoundException({ message: 'Requested image not found', $metadata: {} }), dev).kind, 'not-found');
  });

  it('InvalidParameterException and ValidationException → invalid-input', () => {
    const invalid = new InvalidParameterException({ message: 'Invalid parameter at repositoryName', $metadata: { httpStatusCode: 400 } });
    assert.equal(describeAwsProblem(invalid, dev).kind, 'invalid-input');
    assert.equal(describeAwsProblem(serviceError('ValidationException', 'bad', 400), dev).kind, 'invalid-input');
  });

  it('ServerException → service, retryable; an unknown client error → service, not retryable', () => {
    const server = describeAwsProblem(new ServerException({ message: 'Internal error', $metadata: { httpStatusCode: 500 } }), dev);
    assert.equal(server.kind, 'service');
    assert.equal(server.retryable, true);
    const other = describeAwsProblem(serviceError('KmsException', 'The KMS key is disabled', 400), dev);
    assert.equal(other.kind, 'service');
    assert.equal(other.retryable, false);
    assert.match(other.message, /KmsException: The KMS key is disabled/);
  });

  it('anything thrown, even a string or undefined, gives a problem', () => {
    assert.equal(describeAwsProblem('boom', dev).kind, 'service');
    assert.equal(describeAwsProblem(undefined, dev).kind, 'service');
    assert.equal(describeAwsProblem(null, dev).kind, 'service');
  });

  it('never repeats a secret from the error message', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const token = `IQoJb3JpZ2luX2VjE${'A'.repeat(200)}`;
    const messages = [
      `credential_process printed {"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","SecretAccessKey":"${secret}","SessionToken":"${token}"}`,
      `aws_secret_access_key=${secret} aws_session_token=${token}`,
      `proxy http://user:p4ssw0rd@proxy.example.com:3128 refused`,
      `Authorization: Bearer ${token}`,
    ];
    for (const message of messages) {
      for (const error of [serviceError('SomeException', message, 400), new CredentialsProviderError(message, false)]) {
        const problem = describeAwsProblem(error, dev);
        for (const leaked of ['AKIAIOSFODNN7EXAMPLE', secret, token.slice(0, 60), 'p4ssw0rd']) {
          assert.ok(!problem.message.includes(leaked), `${problem.message} contains ${leaked}`);
          assert.ok(!(problem.fixCommand ?? '').includes(leaked));
        }
      }
    }
  });
});
