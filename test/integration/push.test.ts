// "ECR: Push Image…" inside VS Code with everything real: the private dockerd the harness
// started (DOCKER_HOST), the docker CLI, ecr-local's registry and API. Questions are answered by a
// script; what the command did is checked in ECR, in the ECR view, in the process table and in
// the user's DOCKER_CONFIG.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeImagesCommand,
  ECRClient,
  GetRegistryScanningConfigurationCommand,
  PutRegistryScanningConfigurationCommand,
} from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ImageNodeData } from '../../src/views/explorer/nodeTypes';
import type { PushResult } from '../../src/views/push/pushDeps';
import type { ScanCommandResult } from '../../src/views/scan/registerScanViews';
import { ourExtension } from './extensionInfo';
import { pick, PushPrompts, typeTag, type Answer } from './pushPrompts';
import { setEcrFaults, testEcr } from './testEcr';
import { docker, testDocker } from './testDocker';
import { VULNERABLE_DPKG_STATUS } from './vulnerablePackages';
import { waitUntil } from './waitFor';

const env = testEcr();
const connection = { profile: env.profiles.healthy, region: env.region };
const ecr = new ECRClient({ endpoint: env.endpoint, region: env.region, credentials: { accessKeyId: 'AKIATESTPUSH', secretAccessKey: 'test-push-secret' } });
const PREFIX = `push-test-${Date.now().toString(36)}`;

const contexts: string[] = [];

/** FROM scratch + COPY of `files`, built by the classic builder and tagged `reference`. */
export async function buildLocal(reference: string, files: Record<string, string | Buffer>): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'ecrx-push-context-'));
  contexts.push(folder);
  const lines = ['FROM scratch'];
  Object.entries(files).forEach(([target, content], index) => {
    writeFileSync(join(folder, `file${index}`), content);
    lines.push(`COPY file${index} /${target}`);
  });
  writeFileSync(join(folder, 'Dockerfile'), `${lines.join('\n')}\n`);
  await docker(['build', '-q', '-t', reference, folder]);
  return (await docker(['image', 'inspect', '--format', '{{.Id}}', reference])).trim();
}

async function imagesOf(repositoryName: string): Promise<Array<{ digest: string; tags: string[] }>> {
  const answer = await ecr.send(new DescribeImagesCommand({ repositoryName }));
  return (answer.imageDetails ?? []).map((image) => ({ digest: image.imageDigest ?? '', tags: image.imageTags ?? [] }));
}

interface PushProcess {
  readonly args: string;
  /** The DOCKER_CONFIG the process was started with. */
  readonly dockerConfig: string | undefined;
}

/** Running `docker push` processes (of `reference` when given), with the config folder each uses. */
function dockerPushes(reference?: string): PushProcess[] {
  const found: PushProcess[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (args.length > 1 && /(^|\/)docker$/.test(args[0] ?? '') && args.includes('push') && (reference === undefined || args.includes(reference))) {
        const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
        const dockerConfig = environ.find((entry) => entry.startsWith('DOCKER_CONFIG='))?.slice('DOCKER_CONFIG='.length);
        found.push({ args: args.join(' '), dockerConfig });
      }
    } catch {
      // The process ended while the table was read.
    }
  }
  return found;
}

/**
 * Records, at the push's first layer report (the docker push process is running then), the
 * DOCKER_CONFIG that process was given; with `cancel`, cancels the push right there.
 */
function watchPush(repositoryName: string, options: { cancel?: boolean } = {}): { readonly configs: string[]; readonly reported: string[]; dispose(): void } {
  const configs: string[] = [];
  const reported: string[] = [];
  const listening = api.push.onDidReportProgress((report) => {
    if (report.phase !== 'push' || !/layer/.test(report.message ?? '') || reported.length > 0) {
      return;
    }
    reported.push(report.message ?? '');
    configs.push(...dockerPushes().filter((process) => process.args.includes(`/${repositoryName}:`)).map((process) => process.dockerConfig ?? '(none)'));
    if (options.cancel) {
      report.cancel();
    }
  });
  return {
    configs,
    reported,
    dispose: () => {
      listening.dispose();
    },
  };
}

/** The push ran with a temporary config of its own (not the user's), removed since. */
function assertTemporaryConfigGone(configs: readonly string[]): void {
  const { configDir, configText } = testDocker();
  assert.equal(configs.length, 1, `one docker push process was seen: ${configs.join(', ')}`);
  const used = configs[0]!;
  assert.notEqual(used, configDir, 'the push did not use the user\'s DOCKER_CONFIG');
  assert.ok(!existsSync(used), `the temporary login config ${used} is gone`);
  assert.equal(readFileSync(join(configDir, 'config.json'), 'utf8'), configText, 'the user\'s config.json is byte-for-byte unchanged');
}

let api: ExtensionApi;

function answer(script: readonly Answer[]): PushPrompts {
  const prompts = new PushPrompts(script);
  api.explorer.replacePrompts(prompts);
  return prompts;
}

async function run(command: 'pushImage' | 'buildAndPush', ...args: unknown[]): Promise<PushResult> {
  const result = await vscode.commands.executeCommand<PushResult | undefined>(`ecrExplorer.${command}`, ...args);
  assert.ok(result, `${command} resolves to what it did`);
  return result;
}

async function repositoryNode(name: string, input: { imageTagMutability?: 'IMMUTABLE' | 'MUTABLE'; scanOnPush?: boolean } = {}) {
  const created = await ecr.send(
    new CreateRepositoryCommand({
      repositoryName: name,
      imageTagMutability: input.imageTagMutability ?? 'MUTABLE',
      imageScanningConfiguration: { scanOnPush: input.scanOnPush ?? false },
    }),
  );
  const { getRepository } = await import('../../src/ecr/repositories');
  assert.ok(created.repository);
  return { kind: 'repository' as const, connection, repository: await getRepository(ecr, name) };
}

/** The local image listed with `reference` (the label is its first reference, the others are in the detail). */
const localImage = (reference: string): Answer =>
  pick((label, item) => label === reference || String(item.detail ?? '').split(', ').includes(reference));

describe('Push Image… with a real docker engine', function () {
  this.timeout(180_000);
  const created: string[] = [];

  before(async () => {
    testDocker();
    api = (await ourExtension().activate()) as ExtensionApi;
    await vscode.workspace.getConfiguration('ecrExplorer').update('profiles', [env.profiles.healthy], vscode.ConfigurationTarget.Global);
  });

  afterEach(() => api.explorer.replacePrompts(undefined));

  after(async () => {
    api?.explorer.replacePrompts(undefined);
    for (const name of created) {
      await ecr.send(new DeleteRepositoryCommand({ repositoryName: name, force: true })).catch(() => undefined);
    }
    for (const folder of contexts) {
      rmSync(folder, { recursive: true, force: true });
    }
    await vscode.workspace.getConfiguration('ecrExplorer').update('profiles', undefined, vscode.ConfigurationTarget.Global);
  });

  it('pushes a local image, counts its layers, reveals it in the ECR view and leaves the user\'s docker config as it was', async () => {
    const name = `${PREFIX}/app`;
    created.push(name);
    const target = await repositoryNode(name);
    await buildLocal('push-test-app:1', { 'etc/app.txt': `app ${PREFIX}\n`, 'etc/more.txt': 'more\n' });
    const prompts = answer([localImage('push-test-app:1'), typeTag('1.0.0')]);
    const result = await run('pushImage', target);

    assert.equal(result.outcome, 'done', JSON.stringify(result));
    assert.equal(prompts.unanswered, 0);
    const pickQuestion = prompts.asked[0];
    assert.ok(pickQuestion?.kind === 'pick');
    const item = pickQuestion.items.find((candidate) => candidate.label === 'push-test-app:1');
    assert.match(String(item?.description), /^[0-9a-f]{12} · .+ · created (just now|\d+ (seconds?|minutes?) ago)$/);
    const tagQuestion = prompts.asked[1];
    assert.ok(tagQuestion?.kind === 'pickOrType');
    assert.ok(tagQuestion.items.some((candidate) => candidate.label === '1'), 'the image\'s own tag is offered');
    assert.match(tagQuestion.validate('-bad') ?? '', /cannot start with/);

    const [pushed] = await imagesOf(name);
    assert.deepEqual(pushed, { digest: result.digest, tags: ['1.0.0'] });
    assert.equal(result.message, `Pushed ${name}:1.0.0 (sha256:${result.digest?.slice(7, 19)}…)`);
    assert.equal(result.layers?.total, 2);
    assert.equal(result.layers?.pushed, 2);
    assert.equal(result.layers?.existed, 0);
    // The repository does not scan on push: the command says so instead of waiting for a scan.
    assert.equal(result.scan?.outcome, 'not-scanned');
    assert.match(result.scan?.message ?? '', /does not scan images on push: run Start Scan/);

    assert.equal(result.revealed, true);
    const selected = api.explorer.treeView.selection[0] as Partial<ImageNodeData> | undefined;
    assert.equal(selected?.kind, 'image');
    assert.equal(selected?.image?.digest, result.digest);

    // Which temporary config the push used is checked on the slow push below (this one may end before it is seen).
    const { configDir, configText } = testDocker();
    assert.equal(readFileSync(join(configDir, 'config.json'), 'utf8'), configText, 'the user\'s config.json is byte-for-byte unchanged');
  });

  it('pushes the same image again to the last repository used: every layer is counted as already in ECR', async () => {
    const name = `${PREFIX}/app`;
    const prompts = answer([localImage('push-test-app:1'), pick((label) => label === `$(history) ${name}`), typeTag('1.0.1')]);
    const result = await run('pushImage');
    assert.equal(result.outcome, 'done', JSON.stringify(result));
    assert.equal(prompts.unanswered, 0);
    assert.deepEqual(result.layers, { total: 2, pushed: 0, existed: 2 });
    const images = await imagesOf(name);
    assert.equal(images.length, 1, 'one image, now with two tags');
    assert.deepEqual(images[0]?.tags.slice().sort(), ['1.0.0', '1.0.1']);
  });

  it('refuses, before pushing, a tag that already names an image in an immutable repository', async () => {
    const name = `${PREFIX}/locked`;
    created.push(name);
    const target = await repositoryNode(name, { imageTagMutability: 'IMMUTABLE' });
    await buildLocal('push-test-locked:first', { 'etc/version': 'first\n' });
    answer([localImage('push-test-locked:first'), typeTag('v1')]);
    assert.equal((await run('pushImage', target)).outcome, 'done');

    await buildLocal('push-test-locked:second', { 'etc/version': 'second\n' });
    const phases: string[] = [];
    const listening = api.push.onDidReportProgress((report) => phases.push(report.phase));
    try {
      answer([localImage('push-test-locked:second'), typeTag('v1')]);
      const refused = await run('pushImage', target);
      assert.equal(refused.outcome, 'failed');
      assert.equal(refused.reason, 'tag-exists');
      assert.match(refused.message ?? '', /The tag "v1" already names an image in .*locked .*tags are immutable: nothing was pushed\. Choose another tag\./);
    } finally {
      listening.dispose();
    }
    assert.deepEqual(phases, [], 'no push started');
    assert.equal((await imagesOf(name)).length, 1, 'ECR still has the first image only');
  });

  it('says so clearly when the repository was deleted after it was picked', async () => {
    const name = `${PREFIX}/gone`;
    const target = await repositoryNode(name);
    answer([
      localImage('push-test-app:1'),
      typeTag('1', async () => {
        await ecr.send(new DeleteRepositoryCommand({ repositoryName: name, force: true }));
      }),
    ]);
    const result = await run('pushImage', target);
    assert.equal(result.outcome, 'failed');
    assert.equal(result.reason, 'repository-not-found');
    assert.match(result.message ?? '', new RegExp(`The repository ${name} does not exist in ${env.region} \\(profile ${env.profiles.healthy}\\); nothing was pushed`));
  });

  it('cancels a push on its first layer report: the docker push process is stopped and nothing is left behind', async () => {
    const name = `${PREFIX}/slow`;
    created.push(name);
    const target = await repositoryNode(name);
    // 48 MiB of random bytes: compressing and uploading takes docker far longer than a cancel.
    await buildLocal('push-test-slow:1', { 'data/random.bin': randomBytes(48 * 1024 * 1024) });
    const watch = watchPush(name, { cancel: true });
    answer([localImage('push-test-slow:1'), typeTag('1')]);
    const result = await run('pushImage', target).finally(() => watch.dispose());
    assert.equal(result.outcome, 'cancelled', JSON.stringify(result));
    assert.equal(watch.reported.length, 1, 'a layer report came, and the push was cancelled there');
    await waitUntil(() => dockerPushes().map((process) => process.args), (left) => !left.some((args) => args.includes(`/${name}:`)), 'no docker push process left', 10_000);
    assert.deepEqual(await imagesOf(name), [], 'nothing reached ECR');
    assertTemporaryConfigGone(watch.configs);
  });

  it('Build and Push of a Dockerfile whose build fails names the failing step, and pushes nothing', async () => {
    const name = `${PREFIX}/broken`;
    created.push(name);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    const service = vscode.Uri.joinPath(folder.uri, 'broken-build');
    const dockerfileUri = vscode.Uri.joinPath(service, 'Dockerfile');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(service, 'present.txt'), Buffer.from('here\n'));
    await vscode.workspace.fs.writeFile(dockerfileUri, Buffer.from('FROM scratch\nCOPY present.txt /present.txt\nCOPY missing.txt /missing.txt\n'));
    try {
      // Target (a repository created on the way), tag, then the build context.
      answer([pick((_label, item) => item.action === 'create'), () => name, typeTag('1'), pick((_label, item) => item.folder === service.fsPath)]);
      const result = await run('buildAndPush', dockerfileUri);
      assert.equal(result.outcome, 'failed', JSON.stringify(result));
      assert.equal(result.reason, 'build-failed');
      assert.match(result.message ?? '', /^The build failed at step 3\/3 \(COPY missing\.txt \/missing\.txt\): COPY failed: file not found in build context/);
      assert.deepEqual(await imagesOf(name), [], 'nothing reached ECR');
    } finally {
      await vscode.workspace.fs.delete(service, { recursive: true }).then(undefined, () => undefined);
    }
  });

  it('says what to do when the AWS credentials have expired, and pushes nothing', async () => {
    const name = `${PREFIX}/expired`;
    created.push(name);
    const target = await repositoryNode(name);
    await buildLocal('push-test-expired:1', { 'etc/expired.txt': `expired ${PREFIX}\n` });
    answer([localImage('push-test-expired:1'), typeTag('1')]);
    await setEcrFaults('expired-token');
    let result: PushResult;
    try {
      result = await run('pushImage', target);
    } finally {
      await setEcrFaults('');
    }
    assert.equal(result.outcome, 'failed', JSON.stringify(result));
    assert.equal(result.reason, 'aws');
    assert.match(result.message ?? '', /credentials of profile .+ have expired/i);
    assert.match(result.message ?? '', /then retry/i);
    assert.deepEqual(await imagesOf(name), [], 'nothing reached ECR');
  });

  it('under enhanced scanning waits for Inspector\'s findings, whose fixed versions a RUN can be pinned to by quick fix', async () => {
    const name = `${PREFIX}/enhanced`;
    created.push(name);
    const target = await repositoryNode(name);
    const saved = (await ecr.send(new GetRegistryScanningConfigurationCommand({}))).scanningConfiguration;
    await ecr.send(
      new PutRegistryScanningConfigurationCommand({
        scanType: 'ENHANCED',
        rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: name, filterType: 'WILDCARD' }] }],
      }),
    );
    let result: PushResult;
    try {
      await buildLocal('push-test-enhanced:1', { 'var/lib/dpkg/status': VULNERABLE_DPKG_STATUS });
      answer([localImage('push-test-enhanced:1'), typeTag('1.0.0')]);
      result = await run('pushImage', target);
    } finally {
      await ecr.send(new PutRegistryScanningConfigurationCommand({ scanType: saved?.scanType ?? 'BASIC', rules: saved?.rules ?? [] }));
    }
    assert.equal(result.outcome, 'done', JSON.stringify(result));
    assert.equal(result.scan?.outcome, 'complete', JSON.stringify(result.scan));
    assert.equal(result.scan?.result?.scanType, 'ENHANCED');
    assert.ok(result.digest);

    // The image was built in CI from a Dockerfile that installs these packages: its findings go on that RUN.
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    const uri = vscode.Uri.joinPath(folder.uri, 'enhanced-scan', 'Dockerfile');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl libssl3 zlib1g\n'));
    try {
      const image = { connection, repositoryName: name, imageDigest: result.digest, tag: '1.0.0' };
      const shown = await vscode.commands.executeCommand<ScanCommandResult>('ecrExplorer.showFindingsOnDockerfile', image, uri);
      assert.equal(shown.outcome, 'done', JSON.stringify(shown));
      const [diagnostic] = await waitUntil(
        () => vscode.languages.getDiagnostics(uri).filter((item) => item.source === 'Amazon Inspector'),
        (items) => items.length > 0,
        'Inspector diagnostics on the Dockerfile',
      );
      assert.equal(diagnostic?.range.start.line, 1, 'on the RUN that installs the packages');
      assert.match(diagnostic?.message ?? '', /^2 CRITICAL, 1 HIGH, 2 MEDIUM, 1 LOW: /);
      assert.match(diagnostic?.message ?? '', /curl 7\.88\.1-10\+deb12u3 → 7\.88\.1-10\+deb12u4 \(CVE-2023-38545, CVE-2023-38546\)/);

      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const titles = actions.map((action) => action.title);
      const pinAll = actions.find((action) => /^Pin all fixed versions/.test(action.title));
      assert.ok(pinAll?.edit, titles.join(' | '));
      assert.ok(await vscode.workspace.applyEdit(pinAll.edit));
      const document = await vscode.workspace.openTextDocument(uri);
      assert.equal(
        document.lineAt(1).text,
        'RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u4 libssl3=3.0.13-1~deb12u1 zlib1g=1:1.2.11.dfsg-2+deb11u2',
      );
    } finally {
      await vscode.commands.executeCommand('ecrExplorer.clearScanFindings');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder.uri, 'enhanced-scan'), { recursive: true }).then(undefined, () => undefined);
    }
  });
});
