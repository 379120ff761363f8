// Shows what a scan found once it is there: waits for the scan (bounded by
// ecrExplorer.scanWaitSeconds, cancellable), reads every finding, puts the diagnostics on the
// Dockerfile remembered as the image's source and opens (or updates) the image's findings view.
// Start Scan, Push Image and Build and Push all end here, so they tell the user the same things.
// The parts that talk to ECR or draw are handed in (registerScanViews.ts builds the real ones),
// which keeps this class small and lets each part be replaced in tests.
import * as vscode from 'vscode';
import type { Connection } from '../../ecr/model';
import type { ImageScanResult } from '../../scan/model';
import { imageLabel, presentationMessage, type ScanWaitOutcome, type ThresholdCheck } from './presentationModel';

/** An image that was (or is being) scanned, as the commands know it. */
export interface ScannedImageRef {
  readonly connection: Connection;
  readonly repositoryName: string;
  readonly imageDigest: string;
  readonly tag?: string;
}

export type ScanOutcome = 'complete' | 'failed' | 'unsupported' | 'not-scanned' | 'timeout' | 'cancelled';

export interface ScanPresentation {
  readonly outcome: ScanOutcome;
  /** Every finding, when the scan completed. */
  readonly result?: ImageScanResult;
  /** One sentence for a notification: what happened and, when something is left to do, what. */
  readonly message: string;
  /** The findings reach ecrExplorer.failOnSeverity (never set for NONE). */
  readonly failedThreshold?: boolean;
}

/** Image → Dockerfile and back, kept between sessions (sourceStore.ts). */
export interface ScanSources {
  remember(image: ScannedImageRef, dockerfile: vscode.Uri): Promise<void>;
  dockerfileOf(image: ScannedImageRef): vscode.Uri | undefined;
}

/** What the presenter is built from. */
export interface PresenterParts {
  waitForScan(
    image: ScannedImageRef,
    options: { timeoutMs: number; signal: AbortSignal; onStatus: (status: string, elapsedMs: number) => void },
  ): Promise<ScanWaitOutcome>;
  readScanResult(image: ScannedImageRef, signal: AbortSignal): Promise<ImageScanResult>;
  readonly sources: ScanSources;
  /** Diagnostics on the Dockerfile; resolves to how many lines got one. */
  showOnDockerfile(image: ScannedImageRef, result: ImageScanResult, dockerfile: vscode.Uri): Promise<number>;
  /** Opens or updates the image's findings view. */
  showFindings(image: ScannedImageRef, result: ImageScanResult): void;
  /** ecrExplorer.scanWaitSeconds, in seconds. */
  waitSeconds(): number;
  /** ecrExplorer.failOnSeverity, checked against a scan's counts. */
  readonly threshold: ThresholdCheck;
  readonly log: vscode.LogOutputChannel;
}

export class ScanPresenter {
  constructor(private readonly parts: PresenterParts) {}

  /** Remembers the Dockerfile an image was built from, so later scans of it land on that file. */
  rememberSource(image: ScannedImageRef, dockerfile: vscode.Uri): Promise<void> {
    return this.parts.sources.remember(image, dockerfile);
  }

  /**
   * Waits for the image's scan inside the caller's progress (status and elapsed time as its
   * message), then presents the findings. Never throws: a failure to read ECR is a 'failed'
   * presentation whose message says why.
   */
  async waitAndPresent(
    image: ScannedImageRef,
    progress: vscode.Progress<{ message?: string }>,
    token: vscode.CancellationToken,
  ): Promise<ScanPresentation> {
    const { parts } = this;
    const label = imageLabel(image);
    const waitSeconds = parts.waitSeconds();
    const controller = new AbortController();
    const cancelling = token.onCancellationRequested(() => controller.abort());
    if (token.isCancellationRequested) {
      controller.abort();
    }
    try {
      progress.report({ message: vscode.l10n.t('waiting for the scan of {0}…', label) });
      const waited = await parts.waitForScan(image, {
        timeoutMs: waitSeconds * 1000,
        signal: controller.signal,
        onStatus: (status, elapsedMs) =>
          progress.report({ message: vscode.l10n.t('scan of {0}: {1} ({2} s)', label, status, Math.round(elapsedMs / 1000)) }),
      });
      if (waited.outcome !== 'complete') {
        const presentation: ScanPresentation = { outcome: waited.outcome, message: presentationMessage(image, waited, undefined, { waitSeconds }) };
        parts.log.info(presentation.message);
        return presentation;
      }
      progress.report({ message: vscode.l10n.t('reading the findings of {0}…', label) });
      const result = await parts.readScanResult(image, controller.signal);
      const dockerfile = parts.sources.dockerfileOf(image);
      const lines = dockerfile ? await parts.showOnDockerfile(image, result, dockerfile) : undefined;
      parts.showFindings(image, result);
      const failedThreshold = parts.threshold.reached(result.severityCounts);
      const message = presentationMessage(image, waited, result, {
        waitSeconds,
        ...(dockerfile && lines !== undefined ? { dockerfile: vscode.workspace.asRelativePath(dockerfile), lines } : {}),
        ...(failedThreshold ? { threshold: parts.threshold.setting } : {}),
      });
      parts.log.info(message);
      return { outcome: 'complete', result, message, ...(failedThreshold ? { failedThreshold } : {}) };
    } catch (error) {
      if (controller.signal.aborted) {
        return { outcome: 'cancelled', message: presentationMessage(image, { outcome: 'cancelled' }, undefined, { waitSeconds }) };
      }
      const reason = error instanceof Error ? error.message : String(error);
      const message = vscode.l10n.t('Could not read the scan findings of {0}: {1}', label, reason);
      parts.log.error(message);
      return { outcome: 'failed', message };
    } finally {
      cancelling.dispose();
    }
  }
}
