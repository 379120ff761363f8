// A cancellable progress notification whose reports are also published to the integration tests
// (through the extension's API), with a cancel() that takes the same path as the notification's
// Cancel button. That is how a test cancels a push on its first report, without sleeps and
// without clicking the rendered page.
import * as vscode from 'vscode';

export type ProgressPhase = 'prepare' | 'build' | 'push' | 'scan';

export interface ProgressReport {
  readonly phase: ProgressPhase;
  readonly title: string;
  readonly message?: string;
  /** Cancels the work as the notification's Cancel button would. */
  cancel(): void;
}

export class ProgressTap implements vscode.Disposable {
  private readonly reported = new vscode.EventEmitter<ProgressReport>();
  /** Fires for every report of every push, build or scan wait. */
  readonly onDidReport = this.reported.event;

  fire(report: ProgressReport): void {
    this.reported.fire(report);
  }

  dispose(): void {
    this.reported.dispose();
  }
}

export interface ProgressControl {
  readonly report: (message: string, increment?: number) => void;
  readonly signal: AbortSignal;
  /** The same cancellation as a CancellationToken, for APIs that take one. */
  readonly token: vscode.CancellationToken;
  /** A progress object that reports through this one (for the scan presenter). */
  readonly progress: vscode.Progress<{ message?: string }>;
}

/** Runs `work` inside a cancellable notification titled `title`; cancelling aborts `signal`. */
export async function withCancellableProgress<T>(
  tap: ProgressTap,
  phase: ProgressPhase,
  title: string,
  work: (control: ProgressControl) => Promise<T>,
): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, buttonToken) => {
    const source = new vscode.CancellationTokenSource();
    const controller = new AbortController();
    const cancel = (): void => {
      source.cancel();
      controller.abort();
    };
    const fromButton = buttonToken.onCancellationRequested(cancel);
    const report = (message: string, increment?: number): void => {
      progress.report({ message, ...(increment !== undefined && increment > 0 ? { increment } : {}) });
      tap.fire({ phase, title, message, cancel });
    };
    try {
      tap.fire({ phase, title, cancel });
      return await work({ report, signal: controller.signal, token: source.token, progress: { report: (value) => report(value.message ?? '') } });
    } finally {
      fromButton.dispose();
      source.dispose();
    }
  });
}
