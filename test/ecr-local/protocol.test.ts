// The wire protocols as AWS speaks them: awsJson 1.1 for ECR (X-Amz-Target, content type,
// SerializationException, UnknownOperationException), REST-JSON for Inspector2, the SigV4
// credential scope choosing the region, and the routing of one endpoint to all three parts.
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { CreateRepositoryCommand, DescribeRepositoriesCommand, ECRServiceException } from '@aws-sdk/client-ecr';
import { FakeDataPlane } from './testing/fakeDataPlane';
import { expectAwsError, startTestEcrLocal, waitFor, type TestEcrLocal } from './testing/harness';

interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

const SCOPE = (region: string, service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260601/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`;

describe('ecr-local wire protocols', () => {
  let env: TestEcrLocal;
  let dataPlane: FakeDataPlane;

  before(async () => {
    dataPlane = new FakeDataPlane();
    env = await startTestEcrLocal({ startDataPlane: dataPlane.start });
  });
  after(async () => {
    await env.stop();
  });

  async function ecrCall(target: string | undefined, body: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
    const response = await fetch(`${env.local.url}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        ...(target !== undefined ? { 'x-amz-target': target } : {}),
        ...headers,
      },
      body,
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  }

  it('refuses unknown operations and a missing target the way AWS does', async () => {
    for (const target of ['AmazonEC2ContainerRegistry_V20150921.LaunchRocket', 'DynamoDB_20120810.ListTables', 'AmazonEC2ContainerRegistry_V20150921.toString']) {
      const answer = await ecrCall(target, '{}');
      assert.equal(answer.status, 400, target);
      assert.equal(answer.body['__type'], 'com.amazon.coral.service#UnknownOperationException');
      assert.match(String(answer.body['message']), new RegExp(`Unknown operation ${target.replace('.', '\\.')}`));
    }
    const missing = await ecrCall(undefined, '{}');
    assert.equal(missing.status, 400);
    assert.equal(missing.body['__type'], 'com.amazon.coral.service#UnknownOperationException');
    assert.match(String(missing.body['message']), /no X-Amz-Target header/);
    const wrongType = await ecrCall('AmazonEC2ContainerRegistry_V20150921.DescribeRepositories', '{}', { 'content-type': 'application/json' });
    assert.equal(wrongType.body['__type'], 'com.amazon.coral.service#UnknownOperationException');
    assert.match(String(wrongType.body['message']), /Content-Type application\/x-amz-json-1\.1/);
  });

  it('gives the SDK an UnknownOperationException it can name', async () => {
    // As if a client built for a newer ECR sent an operation ecr-local does not know: the real
    // SDK sends the request (its target rewritten) and parses the real answer.
    const ecr = env.ecr();
    ecr.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string> };
        request.headers['x-amz-target'] = 'AmazonEC2ContainerRegistry_V20150921.DescribeImageSigningStatus';
        return next(args);
      },
      { step: 'build', name: 'rewriteTarget' },
    );
    const error = await expectAwsError(ecr.send(new DescribeRepositoriesCommand({})), 'UnknownOperationException', 400);
    assert.ok(error instanceof ECRServiceException);
    assert.match(error.message, /Unknown operation AmazonEC2ContainerRegistry_V20150921\.DescribeImageSigningStatus/);
  });

  it('answers malformed JSON with SerializationException and wrong member types too', async () => {
    const target = 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories';
    const malformed = await ecrCall(target, '{"maxResults": ');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body['__type'], 'SerializationException');
    const notObject = await ecrCall(target, '[1, 2]');
    assert.equal(notObject.body['__type'], 'SerializationException');
    const wrongType = await ecrCall(target, '{"maxResults": "ten"}');
    assert.equal(wrongType.body['__type'], 'SerializationException');
    assert.match(String(wrongType.body['message']), /'maxResults' must be an integer, not a string/);
    const empty = await ecrCall(target, '');
    assert.equal(empty.status, 200, 'an empty body is an empty input');
  });

  it('takes the region from the SigV4 credential scope and keeps regions apart', async () => {
    const ecr = env.ecr('sa-east-1');
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'only-in-sao-paulo' }));
    const elsewhere = await env.ecr('ca-central-1').send(new DescribeRepositoriesCommand({}));
    assert.deepEqual(elsewhere.repositories, []);
    const here = await ecrCall('AmazonEC2ContainerRegistry_V20150921.DescribeRepositories', '{}', { authorization: SCOPE('sa-east-1', 'ecr') });
    assert.deepEqual(
      (here.body['repositories'] as Array<{ repositoryName: string; repositoryArn: string }>).map((repository) => repository.repositoryArn),
      ['arn:aws:ecr:sa-east-1:123456789012:repository/only-in-sao-paulo'],
    );
    const unsigned = await ecrCall('AmazonEC2ContainerRegistry_V20150921.DescribeRepositories', '{}');
    assert.equal(unsigned.status, 200, 'without Authorization, us-east-1');
  });

  it('refuses a credential scoped to another service or to no region', async () => {
    const target = 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories';
    const wrongService = await ecrCall(target, '{}', { authorization: SCOPE('us-east-1', 's3') });
    assert.equal(wrongService.body['__type'], 'InvalidSignatureException');
    assert.match(String(wrongService.body['message']), /scoped to correct service: 'ecr'/);
    const badRegion = await ecrCall(target, '{}', { authorization: SCOPE('mars-1', 'ecr') });
    assert.equal(badRegion.body['__type'], 'InvalidSignatureException');
    const incomplete = await ecrCall(target, '{}', { authorization: 'AWS4-HMAC-SHA256 Signature=00' });
    assert.equal(incomplete.body['__type'], 'IncompleteSignatureException');
    const inspector = await fetch(`${env.local.url}/findings/list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: SCOPE('us-east-1', 'ecr') },
      body: '{}',
    });
    assert.equal(inspector.status, 403);
    assert.equal(inspector.headers.get('x-amzn-errortype'), 'InvalidSignatureException');
  });

  it('answers Inspector2 errors with real statuses and x-amzn-ErrorType', async () => {
    const malformed = await fetch(`${env.local.url}/findings/list`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.headers.get('x-amzn-errortype'), 'ValidationException');
    assert.equal(((await malformed.json()) as { reason?: string }).reason, 'CANNOT_PARSE');
    const unknown = await fetch(`${env.local.url}/findings/aggregation/list`, { method: 'POST', body: '{}' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get('x-amzn-errortype'), 'UnknownOperationException');
  });

  it('routes /v2/ to the data plane and explains what lives where otherwise', async () => {
    const registry = await fetch(`${env.local.url}/v2/app/tags/list`);
    assert.equal(registry.status, 200);
    assert.deepEqual(dataPlane.handled, ['GET /v2/app/tags/list']);
    const root = await fetch(`${env.local.url}/`);
    assert.equal(root.status, 404);
    assert.match(((await root.json()) as { message: string }).message, /ECR API is POST \/ with X-Amz-Target/);
  });

  it('survives a client that hangs up in the middle of a request', async () => {
    const url = new URL(env.local.url);
    const outgoing = request({
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories',
        'content-length': '1000',
      },
    });
    outgoing.on('error', () => undefined);
    outgoing.write('{"maxRes', () => setImmediate(() => outgoing.destroy()));
    await waitFor('ecr-local to notice the hang-up', () => Promise.resolve(env.log.some((line) => /ECR request failed: .*aborted/.test(line)) || undefined));
    const after = await env.ecr().send(new DescribeRepositoriesCommand({}));
    assert.ok(Array.isArray(after.repositories));
  });
});
