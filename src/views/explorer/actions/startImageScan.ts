// "Start Image Scan" (basic scanning) on an image or one platform of a manifest list; then it
// waits for the scan and shows its findings (the scan views' presenter), in one cancellable
// progress bounded by ecrExplorer.scanWaitSeconds.
import * as vscode from 'vscode';
import { describeAwsProblem } from '../../../ecr/awsProblems';
import { shortDigest } from '../../../ecr/format';
import { startImageScan as startInEcr } from '../../lazyEcr';
import { CANCELLED, type ActionResult, type ExplorerActionDeps } from './actionDeps';
import { errorName, failed, inform, notifyError, reportProblem, reportSuccess, withProgress } from './feedback';
import { asImageLike, digestOf, repositoryNode, type ImageLike } from './targets';
import { activeScanPresenter } from '../../scan/activePresenter';

/** Basic scanning allows one scan per image per 24 hours. */
const SCAN_QUOTA_MS = 24 * 60 * 60 * 1000;

export async function startImageScan(deps: ExplorerActionDeps, node: unknown): Promise<ActionResult> {
  const image = asImageLike(node);
  if (!image) {
    return CANCELLED;
  }
  if (image.kind === 'image' && image.image.isIndex) {
    return inform(deps, vscode.l10n.t('{0} is a multi-platform manifest list: expand it and start the scan on a platform image.', image.repository.name));
  }
  return scan(deps, image);
}

async function scan(deps: ExplorerActionDeps, image: ImageLike): Promise<ActionResult> {
  const { connection, repository } = image;
  const digest = digestOf(image);
  const name = `${repository.name}@${shortDigest(digest)}`;
  const outcome = await withProgress(vscode.l10n.t('Starting a scan of {0}…', name), async () =>
    startInEcr(await deps.ecr(connection), repository.name, digest),
  );
  if ('cancelled' in outcome) {
    return CANCELLED;
  }
  if (!outcome.ok) {
    if (errorName(outcome.error) === 'LimitExceededException') {
      const message = quotaMessage(image, name);
      notifyError(deps, message);
      return { outcome: 'failed', message, problem: describeAwsProblem(outcome.error, connection) };
    }
    return reportProblem(deps, outcome.error, connection, vscode.l10n.t('Could not start a scan of {0}', name), () => scan(deps, image));
  }
  deps.tree.refresh(repositoryNode(connection, repository));
  const presenter = await activeScanPresenter();
  if (!presenter) {
    return reportSuccess(deps, vscode.l10n.t('Scan of {0} started ({1})', name, outcome.value.status));
  }
  const tag = image.kind === 'image' ? image.image.tags[0] : image.index.tags[0];
  const presentation = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Scanning {0}', name), cancellable: true },
    (progress, token) => presenter.waitAndPresent({ connection, repositoryName: repository.name, imageDigest: digest, ...(tag ? { tag } : {}) }, progress, token),
  );
  deps.tree.refresh(repositoryNode(connection, repository));
  switch (presentation.outcome) {
    case 'complete':
    case 'cancelled':
    case 'timeout':
      return reportSuccess(deps, presentation.message);
    default:
      return failed(deps, presentation.message);
  }
}

/** Says when the next scan is allowed, from the last completed scan when the node knows it. */
function quotaMessage(image: ImageLike, name: string): string {
  const completedAt = image.kind === 'image' ? image.image.scan?.completedAt : image.platform.image?.scan?.completedAt;
  const next = completedAt ? new Date(completedAt.getTime() + SCAN_QUOTA_MS) : undefined;
  if (completedAt && next && next.getTime() > Date.now()) {
    return vscode.l10n.t(
      'ECR basic scanning scans an image at most once every 24 hours. {0} was last scanned at {1}; you can scan it again after {2}.',
      name,
      completedAt.toLocaleString(),
      next.toLocaleString(),
    );
  }
  return vscode.l10n.t(
    'ECR basic scanning scans an image at most once every 24 hours, and {0} was scanned within the last 24 hours. Try again 24 hours after its last scan (the scan time is in its tooltip).',
    name,
  );
}
