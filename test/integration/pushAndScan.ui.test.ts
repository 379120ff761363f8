// The whole flow of issue #6 in VS Code: a workspace Dockerfile (FROM scratch + COPY of a dpkg
// status file with vulnerable versions) built by the classic builder through "Build and Push…"
// into a scan-on-push repository of ecr-local, scanned there, and its findings shown as
// diagnostics on the Dockerfile line that brought the packages in; with failOnSeverity HIGH the
// command ends failed with an error notification. The Problems panel is screenshotted for the README.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteRepositoryCommand, DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { getRepository } from '../../src/ecr/repositories';
import type { PushResult } from '../../src/views/push/pushDeps';
import { closeAll } from './editors';
import { ourExtension } from './extensionInfo';
import { testDocker } from './testDocker';
import { pick, PushPrompts, typeTag } from './pushPrompts';
import { testEcr } from './testEcr';
import { VULNERABLE_DPKG_STATUS } from './vulnerablePackages';
import { inspectFrame, screenshot, waitForTexts } from './uiBridge';
import { waitUntil } from './waitFor';

const DOCKERFILE = ['# The scan finds the packages of the status file: their findings belong on line 3.', 'FROM scratch', 'COPY status /var/lib/dpkg/status', 'COPY hello.txt /hello.txt', 'LABEL org.opencontainers.image.title="scan demo"', ''].join('\n');

const env = testEcr();
const ecr = new ECRClient({ endpoint: env.endpoint, region: env.region, credentials: { accessKeyId: 'AKIATESTSCAN', secretAccessKey: 'test-scan-secret' } });
const REPOSITORY = `push-scan-${Date.now().toString(36)}/api`;

describe('Build and Push… then the scan findings on the Dockerfile', function () {
  this.timeout(240_000);
  let api: ExtensionApi;
  let dockerfile: vscode.Uri;

  before(async () => {
    testDocker();
    api = (await ourExtension().activate()) as ExtensionApi;
    const settings = vscode.workspace.getConfiguration('ecrExplorer');
    await settings.update('profiles', [env.profiles.healthy], vscode.ConfigurationTarget.Global);
    await settings.update('failOnSeverity', 'HIGH', vscode.ConfigurationTarget.Global);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    const service = join(folder.uri.fsPath, 'scan-demo');
    mkdirSync(service, { recursive: true });
    writeFileSync(join(service, 'status'), `${VULNERABLE_DPKG_STATUS}\n`);
    writeFileSync(join(service, 'hello.txt'), 'hello\n');
    writeFileSync(join(service, 'Dockerfile'), DOCKERFILE);
    dockerfile = vscode.Uri.file(join(service, 'Dockerfile'));
  });

  afterEach(async function () {
    api.explorer.replacePrompts(undefined);
    if (this.currentTest?.state === 'failed') {
      await screenshot(`failed-${this.currentTest.fullTitle()}`);
    }
  });

  after(async () => {
    api?.explorer.replacePrompts(undefined);
    const settings = vscode.workspace.getConfiguration('ecrExplorer');
    await settings.update('failOnSeverity', undefined, vscode.ConfigurationTarget.Global);
    await settings.update('profiles', undefined, vscode.ConfigurationTarget.Global);
    await ecr.send(new DeleteRepositoryCommand({ repositoryName: REPOSITORY, force: true })).catch(() => undefined);
    await vscode.commands.executeCommand('notifications.clearAll');
    await closeAll();
  });

  it('builds with the classic builder, pushes, waits for the scan and puts its findings on the COPY line; failOnSeverity HIGH fails the push', async () => {
    // Only this flow's notifications in the screenshot.
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(dockerfile));
    // "Create Repository…" in the target pick: one profile and region are chosen, so only the name is asked.
    const prompts = new PushPrompts([
      pick((_label, item) => item.action === 'create'),
      (question) => {
        assert.equal(question.kind, 'input');
        assert.match(question.text, /scan on push ON/);
        assert.ok(question.kind === 'input' && question.validate('Bad Name') !== undefined, 'the name is checked as it is typed');
        return REPOSITORY;
      },
      typeTag('1.0.0'),
      pick((_label, item) => item.folder === join(dockerfile.fsPath, '..')),
    ]);
    api.explorer.replacePrompts(prompts);
    const steps: string[] = [];
    const listening = api.push.onDidReportProgress((report) => {
      if (report.message && report.phase === 'build') {
        steps.push(report.message);
      }
    });
    let result: PushResult | undefined;
    try {
      result = await vscode.commands.executeCommand<PushResult>('ecrExplorer.buildAndPush', dockerfile);
    } finally {
      listening.dispose();
    }
    assert.ok(result);
    assert.equal(prompts.unanswered, 0);
    assert.ok(steps.some((step) => /^Step 2\/4: COPY status \/var\/lib\/dpkg\/status$/i.test(step)), `build steps reported: ${steps.join(' | ')}`);
    assert.match(result.imageId ?? '', /^sha256:[0-9a-f]{64}$/);

    assert.equal(result.outcome, 'failed', JSON.stringify(result));
    assert.equal(result.reason, 'scan-threshold');
    assert.equal(result.scan?.outcome, 'complete');
    assert.equal(result.message, `${REPOSITORY}:1.0.0 was pushed, but its scan found 2 CRITICAL, 1 HIGH, at or above ecrExplorer.failOnSeverity (HIGH).`);
    const described = await ecr.send(new DescribeImagesCommand({ repositoryName: REPOSITORY, imageIds: [{ imageTag: '1.0.0' }] }));
    assert.equal(described.imageDetails?.[0]?.imageDigest, result.digest, 'the image is in ECR even though the command failed');
    assert.equal((await getRepository(ecr, REPOSITORY)).scanOnPush, true, 'the repository created on the way scans on push');

    const diagnostics = await waitUntil(
      () => vscode.languages.getDiagnostics(dockerfile).filter((d) => d.source === 'ECR scan'),
      (found) => found.length > 0,
      'the scan diagnostics on the Dockerfile',
    );
    assert.deepEqual(
      diagnostics.map((d) => d.range.start.line),
      [2],
      'one diagnostic, on the COPY of the dpkg status file (0-based line 2)',
    );
    const [copy] = diagnostics;
    assert.equal(copy?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(copy?.message ?? '', /^2 CRITICAL, 1 HIGH, 2 MEDIUM, 1 LOW: /);
    for (const cve of ['CVE-2022-37434', 'CVE-2023-38545']) {
      assert.ok(copy?.message.includes(cve), `${cve} in: ${copy?.message}`);
    }

    await waitForTexts(
      '.notifications-toasts .notification-list-item-message',
      (texts) => texts.some((text) => text.includes('was pushed, but its scan found 2 CRITICAL, 1 HIGH')),
      'the failOnSeverity error notification',
    );
    // The screenshot shows the Problems panel and the rendered findings view, not the toasts.
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await waitForTexts('.markers-panel .monaco-list-row', (texts) => texts.some((text) => text.includes('2 CRITICAL, 1 HIGH')), 'the scan finding in the Problems panel');
    await waitUntil(
      () => inspectFrame('#rows'),
      (report) => report.texts.some((text) => text.includes('CVE-2022-37434')),
      'the findings view rendered its rows',
    );
    await screenshot('scan-problems');
  });
});
