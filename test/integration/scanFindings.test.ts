// Scan findings in VS Code against ecr-local's demo seed: findings of a seeded image on a
// workspace Dockerfile (lines, messages, a pin quick fix), the FROM CodeLens and hover (found,
// and a tag that is not there), and the findings view's escaping of hostile scanner text planted
// through ecr-local's feed hook and found by a scan started through the Start Scan command.
import * as assert from 'node:assert/strict';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import * as vscode from 'vscode';
import type { Connection } from '../../src/ecr/model';
import type { ActionResult } from '../../src/views/explorer/actions/actionDeps';
import type { ScanCommandResult } from '../../src/views/scan/registerScanViews';
import { testEcr } from './testEcr';
import { inspectFrame } from './uiBridge';
import { waitUntil } from './waitFor';

const ACCOUNT = '123456789012';
const HOSTILE_ID = 'CVE-2099-0001';
const HOSTILE_TITLE = '<script>window.__pwned = 1</script>';
const HOSTILE_DESCRIPTION = '"><img src=x onerror="window.__pwned = 2"> </script><script>alert(3)</script>';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('ecrExplorer');
}

describe('scan findings', function () {
  this.timeout(120_000);
  const env = testEcr();
  const connection: Connection = { profile: env.profiles.healthy, region: env.region };
  const host = `${ACCOUNT}.dkr.ecr.${env.region}.amazonaws.com`;
  const ecr = new ECRClient({ endpoint: env.endpoint, region: env.region, credentials: { accessKeyId: 'AKIAECRLOCALEXPLORER', secretAccessKey: 'x' } });
  const created: vscode.Uri[] = [];

  async function digestOf(repositoryName: string, tag: string): Promise<string> {
    const answer = await ecr.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag: tag }] }));
    const digest = answer.imageDetails?.[0]?.imageDigest;
    assert.ok(digest, `${repositoryName}:${tag} is in the seed`);
    return digest;
  }

  async function dockerfile(name: string, lines: string[]): Promise<vscode.TextDocument> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    const uri = vscode.Uri.joinPath(folder.uri, 'scan-test', name);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`${lines.join('\n')}\n`));
    created.push(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    return document;
  }

  before(async () => {
    await config().update('profiles', [env.profiles.healthy], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('ecrExplorer.clearScanFindings');
    await fetch(`${env.endpoint}/ecr-local/feed`, { method: 'DELETE' });
    for (const uri of created) {
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
    await config().update('profiles', undefined, vscode.ConfigurationTarget.Global);
    ecr.destroy();
  });

  it('puts a seeded image\'s findings on the Dockerfile lines that brought them in, and follows them as the file is edited', async () => {
    const document = await dockerfile('Dockerfile', [
      `FROM ${host}/base/debian:bookworm-20240610`,
      'RUN apt-get update && apt-get install -y --no-install-recommends curl',
      'COPY app /app',
    ]);
    const image = { connection, repositoryName: 'base/debian', imageDigest: await digestOf('base/debian', 'bookworm-20240610'), tag: 'bookworm-20240610' };
    const result = await vscode.commands.executeCommand<ScanCommandResult>('ecrExplorer.showFindingsOnDockerfile', image, document.uri);
    assert.equal(result.outcome, 'done', JSON.stringify(result));
    const diagnostics = await waitUntil(
      () => vscode.languages.getDiagnostics(document.uri).filter((item) => item.source === 'ECR scan'),
      (items) => items.length >= 2,
      'scan diagnostics on the Dockerfile',
    );
    const byLine = new Map(diagnostics.map((item) => [item.range.start.line, item]));
    const run = byLine.get(1);
    const from = byLine.get(0);
    assert.ok(run, 'the RUN that installs curl has a diagnostic');
    assert.ok(from, 'the FROM carries what the base image brought');
    assert.match(run.message, /^\d+ (CRITICAL|HIGH|MEDIUM|LOW)\b.*curl/);
    assert.match(run.message, /\[base\/debian:bookworm-20240610 @sha256:[0-9a-f]{12}\]$/);
    assert.match(from.message, /libc-bin|libc6|libssl3|openssl|zlib1g|liblzma5/);
    assert.equal(byLine.has(2), false, 'nothing on the COPY of application files');
    const code = run.code as { value: string; target: vscode.Uri };
    assert.match(code.value, /^CVE-/);
    assert.equal(code.target.scheme, 'https');
    assert.equal(result.outcome === 'done' ? result.lines : undefined, diagnostics.length);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, run.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.some((action) => /^Show \d+ findings$/.test(action.title)), actions.map((action) => action.title).join(' | '));
    // Edits move the lines: a line added above the FROM moves every diagnostic down by one.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '# syntax=docker/dockerfile:1\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitUntil(
      () => vscode.languages.getDiagnostics(document.uri).filter((item) => item.source === 'ECR scan').map((item) => item.range.start.line).sort(),
      (lines) => lines.join() === '1,2',
      'diagnostics on the moved lines',
    );

    // The seed's base/debian has a newer, patched bookworm whose completed scan lacks some of the FROM's findings.
    const fromNow = vscode.languages.getDiagnostics(document.uri).find((item) => item.source === 'ECR scan' && item.range.start.line === 1);
    assert.ok(fromNow, 'the FROM (now line 1) still has its diagnostic');
    const fromActions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, fromNow.range, vscode.CodeActionKind.QuickFix.value);
    const move = fromActions.find((action) => action.title.startsWith('Move to base tag'));
    assert.ok(move?.edit, fromActions.map((action) => action.title).join(' | '));
    const moved = /^Move to base tag (bookworm-20240701|bookworm) \(removes (\d+) of (\d+) findings\)$/.exec(move.title);
    assert.ok(moved, move.title);
    assert.ok(Number(moved[2]) > 0 && Number(moved[2]) <= Number(moved[3]), move.title);
    assert.ok(await vscode.workspace.applyEdit(move.edit));
    assert.equal(document.lineAt(1).text, `FROM ${host}/base/debian:${moved[1]}`);

    const cleared = await vscode.commands.executeCommand<ScanCommandResult>('ecrExplorer.clearScanFindings');
    assert.equal(cleared.outcome, 'done', JSON.stringify(cleared));
    assert.deepEqual(
      vscode.languages.getDiagnostics(document.uri).filter((item) => item.source === 'ECR scan'),
      [],
      'Clear Scan Findings removes the scan diagnostics',
    );
  });

  it('shows a CodeLens and hover on a FROM naming a seeded image, and says plainly when the tag is missing', async () => {
    const pinned = await digestOf('team-a/api', 'v1.5.0');
    const document = await dockerfile('Dockerfile.lens', [
      `FROM ${host}/team-a/api:v1.5.0 AS app`,
      `FROM ${host}/team-a/api:no-such-tag`,
      `FROM ${host}/team-a/api@${pinned}`,
    ]);
    const lenses = await waitUntil(
      async () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri),
      (items) => items.filter((lens) => lens.command?.title.startsWith('$(')).length >= 3,
      'the FROM CodeLenses',
      30_000,
    );
    const titles = new Map(lenses.map((lens) => [lens.range.start.line, lens.command?.title ?? '']));
    assert.match(titles.get(0) ?? '', /^\$\(shield\) (\d+ (CRITICAL|HIGH|MEDIUM|LOW|INFORMATIONAL)(, )?)+|no findings · pushed (2 days ago|\d+ (hours|days) ago)$/);
    assert.match(titles.get(0) ?? '', /· pushed /);
    assert.equal(titles.get(1), `$(warning) api:no-such-tag is not in repository team-a/api (profile ${env.profiles.healthy}, ${env.region})`);
    // The same image named by digest gets the same summary as by its tag.
    assert.equal(titles.get(2), titles.get(0), 'a FROM pinned by digest finds the image too');
    const found = lenses.find((lens) => lens.range.start.line === 0);
    assert.equal(found?.command?.command, 'ecrExplorer.showScanFindings');

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 10));
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /\*\*team-a\/api\*\*/);
    assert.match(text, /Pushed: \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.match(text, /Scan: /);

    await config().update('scanCodeLens', false, vscode.ConfigurationTarget.Global);
    try {
      const off = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      assert.equal(off.filter((lens) => lens.command?.title.startsWith('$(')).length, 0);
    } finally {
      await config().update('scanCodeLens', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('escapes hostile scanner text in the findings view of an image scanned through Start Scan', async () => {
    const planted = await fetch(`${env.endpoint}/ecr-local/feed`, {
      method: 'PUT',
      body: JSON.stringify({
        vulnerabilities: [
          {
            id: HOSTILE_ID,
            title: HOSTILE_TITLE,
            description: HOSTILE_DESCRIPTION,
            severity: 'HIGH',
            score: 8.1,
            exploitAvailable: false,
            affected: [{ ecosystem: 'debian', package: 'coreutils', ranges: [{ fixed: '9.1-2' }] }],
          },
        ],
      }),
    });
    assert.equal(planted.status, 204, await planted.text());
    // tools/ci-runner is seeded without scan on push: its first scan is allowed.
    const digest = await digestOf('tools/ci-runner', '2024.06');
    const described = await ecr.send(new DescribeImagesCommand({ repositoryName: 'tools/ci-runner', imageIds: [{ imageDigest: digest }] }));
    const detail = described.imageDetails?.[0];
    assert.ok(detail);
    const node = {
      kind: 'image',
      connection,
      repository: { name: 'tools/ci-runner', uri: `${host}/tools/ci-runner`, arn: '', registryId: ACCOUNT, tagMutability: 'MUTABLE', tagMutabilityExclusions: [], scanOnPush: false, encryption: { type: 'AES256' } },
      image: { repositoryName: 'tools/ci-runner', digest, tags: detail.imageTags ?? [], isIndex: false },
    };
    const started = await vscode.commands.executeCommand<ActionResult>('ecrExplorer.startImageScan', node);
    assert.equal(started.outcome, 'done', JSON.stringify(started));
    assert.match(started.outcome === 'done' ? started.message : '', /Scan of tools\/ci-runner:2024\.06 @sha256:[0-9a-f]{12} \(BASIC\): .*HIGH/);

    const shown = await vscode.commands.executeCommand<ScanCommandResult>('ecrExplorer.showScanFindings', node);
    assert.equal(shown.outcome, 'done', JSON.stringify(shown));
    const html = shown.outcome === 'done' ? (shown.html ?? '') : '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(html.replace(/&#39;/g, "'"))?.[1];
    assert.ok(nonce, 'the CSP names a nonce');
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.filter((tag) => tag.includes('nonce=')).length, 1, scripts.join(' '));
    assert.equal(scripts.length, 2, 'the nonce\'d script and the JSON data block, nothing else');
    assert.ok(html.includes(HOSTILE_ID), 'the planted finding is in the view');
    assert.equal(html.includes(HOSTILE_TITLE), false, 'the title only appears escaped');
    assert.equal(html.includes('<img'), false);
    assert.equal(html.includes(HOSTILE_DESCRIPTION), false, 'the description only appears escaped');
    assert.ok(html.includes('\\u003cimg src=x onerror=\\"window.__pwned = 2\\"\\u003e'), 'the description as escaped JSON');
    assert.equal(html.match(/<\/script>/g)?.length, 2, 'no hostile </script> closes a block');

    // As rendered in the webview's frame: the hostile text shows literally, nothing was injected, nothing ran.
    // (Basic findings carry no title, only the description; VS Code adds a script of its own to the frame.)
    const rendered = await waitUntil(
      () => inspectFrame('#rows', ['img', '#rows script', '#rows [onerror]'], '__pwned'),
      (report) => report.texts.some((text) => text.includes(HOSTILE_ID)),
      'the findings view renders the planted finding',
    );
    const table = rendered.texts.join('\n');
    assert.ok(table.includes(HOSTILE_DESCRIPTION.trim()), `the description reads as text, markup and all: ${table}`);
    assert.match(table, /CVE-2099-0001\tcoreutils\t9\.1-1\t—/, 'a basic finding shows no fixed version rather than "no fix"');
    assert.deepEqual(rendered.counts, { img: 0, '#rows script': 0, '#rows [onerror]': 0 });
    assert.equal(rendered.globalType, 'undefined', 'no planted script or handler ran');
  });
});
