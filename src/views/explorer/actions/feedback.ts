// How actions tell the user what happened: progress notifications for network work, a short
// status bar message on success, and an error notification (with "Show Log", and "Retry" when
// trying again may help) for every failure. Notifications are never awaited: a command finishes
// when its work does, not when someone dismisses a message.
import * as vscode from 'vscode';
import { describeAwsProblem } from '../../../ecr/awsProblems';
import type { Connection } from '../../../ecr/model';
import { notify } from '../../notify';
import type { ActionResult, ExplorerActionDeps } from './actionDeps';

const STATUS_MESSAGE_MS = 5000;

export function reportSuccess(deps: ExplorerActionDeps, message: string): ActionResult {
  deps.log.info(message);
  vscode.window.setStatusBarMessage(`$(check) ${message}`, STATUS_MESSAGE_MS);
  return { outcome: 'done', message };
}

/** An error notification with "Show Log" (and "Retry" when given); also written to the log. */
export function notifyError(deps: ExplorerActionDeps, message: string, retry?: () => Promise<unknown>): void {
  deps.log.error(message);
  showError(deps, message, retry);
}

/**
 * An AWS failure said the way describeAwsProblem says it, after what we were doing ("Could not
 * delete team-a/api: …"). Retry is offered only when the problem says trying again may help.
 */
export function reportProblem(
  deps: ExplorerActionDeps,
  error: unknown,
  connection: Connection,
  doing: string,
  retry?: () => Promise<unknown>,
): ActionResult {
  const problem = describeAwsProblem(error, connection);
  const message = `${doing}: ${problem.message}`;
  const fix = problem.fixCommand ? ` (${vscode.l10n.t('fix: {0}', problem.fixCommand)})` : '';
  deps.log.error(`${message}${fix} [${problem.errorName ?? problem.kind}; ${connection.profile}/${connection.region}]`);
  showError(deps, `${message}${fix}`, problem.retryable ? retry : undefined);
  return { outcome: 'failed', message, problem };
}

function showError(deps: ExplorerActionDeps, message: string, retry?: () => Promise<unknown>): void {
  notify(deps.log, 'error', message, retry ? [[vscode.l10n.t('Retry'), retry]] : []);
}

export function failed(deps: ExplorerActionDeps, message: string, retry?: () => Promise<unknown>): ActionResult {
  notifyError(deps, message, retry);
  return { outcome: 'failed', message };
}

/** A message that is neither success nor failure (e.g. "choose a platform"), not awaited. */
export function inform(deps: ExplorerActionDeps, message: string): ActionResult {
  deps.log.info(message);
  void vscode.window.showInformationMessage(message);
  return { outcome: 'failed', message };
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown } | { readonly cancelled: true };

/**
 * Network work in a progress notification. With `cancellable`, the Cancel button aborts the
 * requests through the signal and the outcome is `cancelled`.
 */
export async function withProgress<T>(
  title: string,
  work: (signal: AbortSignal) => Promise<T>,
  options: { cancellable?: boolean } = {},
): Promise<Outcome<T>> {
  const controller = new AbortController();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: options.cancellable ?? false },
    async (_progress, token): Promise<Outcome<T>> => {
      const cancelling = token.onCancellationRequested(() => controller.abort());
      try {
        return { ok: true, value: await work(controller.signal) };
      } catch (error) {
        return controller.signal.aborted ? { cancelled: true } : { ok: false, error };
      } finally {
        cancelling.dispose();
      }
    },
  );
}

export function errorName(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}
