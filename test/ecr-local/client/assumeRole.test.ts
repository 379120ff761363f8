// An assume-role profile with mfa_serial through EcrClients: ecr-local's STS on the same
// endpoint, reached through the profile's own endpoint_url (the SDK alone would only read that of
// AWS_PROFILE), with the MFA code asked for once per profile, not once per region.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAwsProblem } from '../../../src/ecr/awsProblems';
import { EcrClients } from '../../../src/ecr/clients';
import type { AwsProblem, Connection } from '../../../src/ecr/model';
import { listRepositoriesPage } from '../../../src/ecr/repositories';
import { startTestEcrLocal, type TestEcrLocal } from '../testing/harness';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/explorer-readonly';
const MFA_SERIAL = 'arn:aws:iam::123456789012:mfa/alice';

describe('EcrClients with an assume-role profile and MFA', function () {
  this.timeout(30_000);
  let ecrLocal: TestEcrLocal;
  let folder: string;
  let env: NodeJS.ProcessEnv;
  let clients: EcrClients | undefined;
  const explorer: Connection = { profile: 'explorer', region: 'eu-west-1' };

  beforeEach(async () => {
    ecrLocal = await startTestEcrLocal();
    folder = await mkdtemp(join(tmpdir(), 'ecr-assume-role-'));
    await writeFile(
      join(folder, 'config'),
      `[profile base]\nregion = eu-west-1\n\n[profile explorer]\nrole_arn = ${ROLE_ARN}\nsource_profile = base\nmfa_serial = ${MFA_SERIAL}\nendpoint_url = ${ecrLocal.local.url}\n`,
    );
    await writeFile(join(folder, 'credentials'), '[base]\naws_access_key_id = AKIDBASEPROFILEKEY01\naws_secret_access_key = base-profile-secret\n');
    // AWS_PROFILE names a profile without overrides: only our own resolution can find ecr-local.
    env = { AWS_CONFIG_FILE: join(folder, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(folder, 'credentials'), AWS_PROFILE: 'base', HOME: folder };
  });
  afterEach(async () => {
    clients?.dispose();
    clients = undefined;
    await ecrLocal.stop();
    await rm(folder, { recursive: true, force: true });
  });

  async function problemOf(call: Promise<unknown>): Promise<AwsProblem> {
    try {
      await call;
    } catch (error) {
      return describeAwsProblem(error, explorer);
    }
    assert.fail('expected the call to fail');
  }

  it('assumes the role with the code from the prompt, once for all regions of the profile', async () => {
    const asked: Array<[string, string]> = [];
    clients = new EcrClients({
      env,
      mfaCodeProvider: (serial, profile) => {
        asked.push([serial, profile]);
        return Promise.resolve('123456');
      },
    });
    const pages = await Promise.all(
      ['eu-west-1', 'us-east-1'].map((region) => listRepositoriesPage((clients as EcrClients).ecr({ profile: 'explorer', region }), {})),
    );
    assert.deepEqual(pages.map((page) => page.items.length), [0, 0]);
    assert.deepEqual(asked, [[MFA_SERIAL, 'explorer']]);
    assert.equal(await clients.accountId(explorer), '123456789012');
  });

  it('reports a refused code as access denied, and asks again on the next try', async () => {
    const codes = ['000000', '654321'];
    clients = new EcrClients({ env, maxAttempts: 1, mfaCodeProvider: () => Promise.resolve(codes.shift() ?? '') });
    const problem = await problemOf(listRepositoriesPage(clients.ecr(explorer), {}));
    assert.equal(problem.kind, 'access-denied', problem.message);
    const page = await listRepositoriesPage(clients.ecr(explorer), {});
    assert.deepEqual(page.items, []);
    assert.deepEqual(codes, []);
  });

  it('says an MFA code is needed when there is no prompt', async () => {
    clients = new EcrClients({ env, maxAttempts: 1 });
    const problem = await problemOf(listRepositoriesPage(clients.ecr(explorer), {}));
    assert.equal(problem.kind, 'mfa-required', problem.message);
  });
});
