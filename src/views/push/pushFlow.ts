// The push itself, shared by Push Image… and Build and Push…: refuse an immutable tag that
// exists, get a registry login from ECR, tag and push inside a cancellable progress that counts
// layers, say what went wrong with a way forward, then refresh and reveal the image in the ECR
// view and hand it to the scan presenter (failOnSeverity turns its findings into a failure).
import * as vscode from 'vscode';
import { notify } from '../notify';
import { describeAwsProblem } from '../../ecr/awsProblems';
import { SEVERITIES, type Severity } from '../../ecr/model';
import type { CliFailure } from '../../push/model';
import type { RepositoryNodeData } from '../explorer/nodeTypes';
import { withCancellableProgress } from './progress';
import { CANCELLED, type PushDeps, type PushReason, type PushResult } from './pushDeps';
import { failedThresholdMessage, LayerTally, pushedMessage } from './pushModel';
import type { PushDriver, ScannedImageRef } from './pushServices';
import { immutableTagProblem } from './tagPicker';
import { rememberTarget } from './targetPicker';

const STATUS_MESSAGE_MS = 8000;

export interface PushRequest {
  readonly driver: PushDriver;
  /** What to push: a local reference or image id. */
  readonly source: string;
  readonly target: RepositoryNodeData;
  readonly tag: string;
  /** Build and Push: the Dockerfile the image was built from, remembered as its source. */
  readonly dockerfile?: vscode.Uri;
  /** Runs the whole command again with another tag (the refusal's "Choose Another Tag"). */
  readonly chooseAnotherTag: () => Promise<unknown>;
  /** Runs the whole command again (Retry). */
  readonly retry: () => Promise<unknown>;
}

export async function pushToRepository(deps: PushDeps, request: PushRequest): Promise<PushResult> {
  const { target, tag } = request;
  const repositoryName = target.repository.name;
  const label = `${repositoryName}:${tag}`;
  const base = { repository: repositoryName, tag };

  let refusal: string | undefined;
  try {
    refusal = await immutableTagProblem(deps, target, tag);
  } catch (error) {
    return awsFailure(deps, error, target, vscode.l10n.t('Could not read repository {0}', repositoryName), request, base);
  }
  if (refusal) {
    deps.log.warn(refusal);
    notify(deps.log, 'error', refusal, [[vscode.l10n.t('Choose Another Tag'), request.chooseAnotherTag]]);
    return { ...base, outcome: 'failed', reason: 'tag-exists', message: refusal };
  }

  let login;
  try {
    login = await deps.services.registryLogin(await deps.ecr(target.connection));
  } catch (error) {
    return awsFailure(deps, error, target, vscode.l10n.t('Could not get a registry login for {0}', repositoryName), request, base);
  }
  const reference = `${login.registryHost}/${repositoryName}:${tag}`;

  const tally = new LayerTally();
  let pushed: Awaited<ReturnType<PushDriver['tagAndPush']>>;
  try {
    pushed = await withCancellableProgress(deps.tap, 'push', vscode.l10n.t('Pushing {0}', label), async ({ report, signal }) => {
      report(vscode.l10n.t('Logging in to {0}…', login.registryHost));
      let shown = 0;
      return request.driver.tagAndPush(
        login,
        request.source,
        reference,
        (event) => {
          if (tally.apply(event)) {
            const fraction = tally.fraction() * 100;
            report(tally.message(), fraction - shown);
            shown = Math.max(shown, fraction);
          }
        },
        { signal, onLoggedIn: () => report(tally.message()) },
      );
    });
  } catch (error) {
    const failure = deps.services.cliFailure(error);
    if (failure?.kind === 'cancelled') {
      deps.log.info(`Push of ${label} cancelled`);
      return { ...CANCELLED, ...base };
    }
    return cliFailure(deps, failure, error, request, base);
  }

  const layers = { total: pushed.layers.total, pushed: pushed.layers.pushed, existed: pushed.layers.existed + pushed.layers.mounted };
  const message = pushedMessage(repositoryName, tag, pushed.digest);
  deps.log.info(`${message}: ${layers.pushed} layer(s) uploaded, ${layers.existed} already in ECR`);
  await rememberTarget(deps, target);
  vscode.window.setStatusBarMessage(`$(check) ${message}`, STATUS_MESSAGE_MS);
  deps.tree.refresh(target);
  const revealed = await deps.revealImage(target.connection, repositoryName, pushed.digest).catch((error: unknown) => {
    deps.log.warn(`Could not reveal ${label} in the ECR view: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  });
  const done: PushResult = { ...base, outcome: 'done', message, digest: pushed.digest, layers, revealed };

  const image: ScannedImageRef = { connection: target.connection, repositoryName, imageDigest: pushed.digest, tag };
  return presentScan(deps, image, label, request.dockerfile, done);
}

/** Waits for the scan through the presenter; findings at or above failOnSeverity fail the command. */
async function presentScan(deps: PushDeps, image: ScannedImageRef, label: string, dockerfile: vscode.Uri | undefined, done: PushResult): Promise<PushResult> {
  const presenter = deps.presenter;
  if (!presenter) {
    return done;
  }
  if (dockerfile) {
    // Before waiting: the diagnostics of this scan (or of a later Start Scan) land on that Dockerfile.
    await presenter.rememberSource(image, dockerfile);
  }
  const scanning = await deps.services.repositoryScanning(await deps.ecr(image.connection), image.repositoryName).catch(() => undefined);
  if (scanning && !scanning.scansOnPush) {
    const message = vscode.l10n.t('{0} does not scan images on push: run Start Scan on the image to scan it.', image.repositoryName);
    deps.log.info(`Scan of ${label}: not scanned on push (${scanning.frequency})`);
    return { ...done, scan: { outcome: 'not-scanned', message } };
  }
  const scan = await withCancellableProgress(deps.tap, 'scan', vscode.l10n.t('Waiting for the scan of {0}…', label), ({ progress, token }) =>
    presenter.waitAndPresent(image, progress, token),
  );
  deps.log.info(`Scan of ${label}: ${scan.outcome}: ${scan.message}`);
  if (!scan.failedThreshold) {
    return { ...done, scan };
  }
  const threshold = failOnSeverity();
  const message = failedThresholdMessage(label, scan.result?.severityCounts ?? {}, threshold);
  deps.log.error(message);
  notify(deps.log, 'error', message, [[vscode.l10n.t('Show Findings'), () => vscode.commands.executeCommand('ecrExplorer.showScanFindings', image)]]);
  return { ...done, outcome: 'failed', reason: 'scan-threshold', message, scan };
}

function failOnSeverity(): Severity {
  const value = vscode.workspace.getConfiguration('ecrExplorer').get<string>('failOnSeverity', 'NONE');
  return (SEVERITIES as readonly string[]).includes(value) ? (value as Severity) : 'HIGH';
}

function awsFailure(deps: PushDeps, error: unknown, target: RepositoryNodeData, doing: string, request: PushRequest, base: Partial<PushResult>): PushResult {
  const problem = describeAwsProblem(error, target.connection);
  if (problem.kind === 'not-found') {
    return repositoryGone(deps, target, base);
  }
  const fix = problem.fixCommand ? ` (${vscode.l10n.t('fix: {0}', problem.fixCommand)})` : '';
  const message = `${doing}: ${problem.message}${fix}`;
  deps.log.error(`${message} [${problem.errorName ?? problem.kind}]`);
  notify(deps.log, 'error', message, problem.retryable || problem.kind === 'expired-credentials' || problem.kind === 'sso-login' ? [[vscode.l10n.t('Retry'), request.retry]] : []);
  return { ...base, outcome: 'failed', reason: 'aws', message };
}

function repositoryGone(deps: PushDeps, target: RepositoryNodeData, base: Partial<PushResult>): PushResult {
  const message = vscode.l10n.t(
    'The repository {0} does not exist in {1} (profile {2}); nothing was pushed. It may have been deleted: create it, or choose another repository.',
    target.repository.name,
    target.connection.region,
    target.connection.profile,
  );
  deps.log.error(message);
  notify(deps.log, 'error', message, [[vscode.l10n.t('Create Repository'), () => vscode.commands.executeCommand('ecrExplorer.createRepository', { kind: 'region', connection: target.connection })]]);
  return { ...base, outcome: 'failed', reason: 'repository-not-found', message };
}

function cliFailure(deps: PushDeps, failure: CliFailure | undefined, error: unknown, request: PushRequest, base: Partial<PushResult>): PushResult {
  if (!failure) {
    const message = vscode.l10n.t('The push of {0}:{1} failed: {2}', base.repository ?? '', base.tag ?? '', error instanceof Error ? error.message : String(error));
    deps.log.error(message);
    notify(deps.log, 'error', message, []);
    return { ...base, outcome: 'failed', reason: 'unknown', message };
  }
  if (failure.kind === 'repository-not-found') {
    return repositoryGone(deps, request.target, base);
  }
  deps.log.error(`${failure.message}${failure.detail ? ` [${failure.detail}]` : ''}`);
  const retry: [string, () => Promise<unknown>] = [vscode.l10n.t('Retry'), request.retry];
  const actions: Array<[string, () => Promise<unknown>]> =
    failure.kind === 'authentication' || failure.kind === 'network' || failure.kind === 'daemon-unreachable'
      ? [retry]
      : failure.kind === 'tag-immutable'
        ? [[vscode.l10n.t('Choose Another Tag'), request.chooseAnotherTag]]
        : [];
  notify(deps.log, 'error', failure.message, actions);
  const reason: PushReason = failure.kind === 'cancelled' ? 'unknown' : failure.kind;
  return { ...base, outcome: 'failed', reason, message: failure.message };
}
