import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../../../src/push/cliError';
import { resolveContainerCli } from '../../../src/push/resolveCli';

describe('resolveContainerCli', () => {
  let folder: string;
  const program = (dir: string, name: string, version: string): string => {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\necho "${version}"\n`);
    chmodSync(path, 0o755);
    return path;
  };
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'ecrx-resolve-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const failure = async (setting: string, env: NodeJS.ProcessEnv): Promise<CliError> => {
    try {
      await resolveContainerCli(setting, env);
    } catch (error) {
      assert.ok(error instanceof CliError);
      return error;
    }
    assert.fail('expected a CliError');
  };

  it('takes docker from PATH when the setting is empty, else podman', async () => {
    const docker = program(join(folder, 'a'), 'docker', 'Docker version 28.2.2, build e6534b4');
    const podman = program(join(folder, 'b'), 'podman', 'podman version 4.3.1');
    assert.deepEqual(await resolveContainerCli('', { PATH: `${join(folder, 'b')}:${join(folder, 'a')}` }), { engine: 'docker', path: docker });
    assert.deepEqual(await resolveContainerCli('  ', { PATH: join(folder, 'b') }), { engine: 'podman', path: podman });
  });

  it('reads the engine from --version: podman-docker\'s docker is podman', async () => {
    const shim = program(join(folder, 'shim'), 'docker', 'podman version 4.9.3');
    assert.deepEqual(await resolveContainerCli('', { PATH: join(folder, 'shim') }), { engine: 'podman', path: shim });
  });

  it('takes a bare name from PATH and an absolute path as it is', async () => {
    const nerd = program(join(folder, 'c'), 'my-podman', 'something else');
    assert.deepEqual(await resolveContainerCli('my-podman', { PATH: join(folder, 'c') }), { engine: 'podman', path: nerd });
    const absolute = program(join(folder, 'd'), 'docker-28', 'Docker version 28.0.0, build x');
    assert.deepEqual(await resolveContainerCli(absolute, { PATH: '' }), { engine: 'docker', path: absolute });
  });

  it('says what is missing and names the setting', async () => {
    const none = await failure('', { PATH: join(folder, 'empty') });
    assert.equal(none.failure.kind, 'cli-missing');
    assert.match(none.message, /Neither docker nor podman was found on PATH.*ecrExplorer\.containerCli/);
    assert.match((await failure('nerdctl', { PATH: folder })).message, /ecrExplorer\.containerCli is 'nerdctl', which was not found on PATH/);
    assert.match((await failure(join(folder, 'nope'), {})).message, /is not an executable file/);
    assert.match((await failure('bin/docker', {})).message, /program name found on PATH .* or an absolute path/);
    const notExecutable = join(folder, 'plain');
    writeFileSync(notExecutable, 'x');
    assert.equal((await failure(notExecutable, {})).failure.kind, 'cli-missing');
  });
});
