// Runs scans through the data plane's scanner and records their outcome on the image. A scan is
// IN_PROGRESS from the moment it starts; the outcome lands only if the image still exists (it may
// have been deleted, or its repository recreated, meanwhile).
import type { ImageScanner } from '../contracts';
import type { ImageRecord, ScanFrequency, ScanRecord, ScanType } from './model';

export interface ScanTarget {
  readonly region: string;
  readonly repositoryName: string;
  readonly image: ImageRecord;
  /** Whether `image` is still the stored image (not deleted, not replaced). */
  readonly stillStored: () => boolean;
}

export class ScanRunner {
  private scanner: ImageScanner | undefined;
  /** Once closed, outcomes are dropped: a scan cut short by shutdown stays IN_PROGRESS and restarts next time. */
  private closed = false;

  constructor(
    private readonly now: () => number,
    /** Called after a scan's outcome is recorded (persistence). */
    private readonly onChange: () => void,
    private readonly log: (line: string) => void,
  ) {}

  attach(scanner: ImageScanner | undefined): void {
    this.scanner = scanner;
  }

  start(target: ScanTarget, type: ScanType, frequency?: ScanFrequency): ScanRecord {
    const scan: ScanRecord = {
      type,
      ...(frequency ? { frequency } : {}),
      status: 'IN_PROGRESS',
      description: 'The scan is in progress.',
      startedAt: this.now(),
      vulnerabilities: [],
    };
    target.image.scan = scan;
    if (type === 'BASIC') {
      target.image.lastBasicScanAt = scan.startedAt;
    }
    // Runs in the background; run() records every outcome, failures included, so nothing is lost here.
    void this.run(target, scan);
    return scan;
  }

  close(): void {
    this.closed = true;
  }

  private async run(target: ScanTarget, scan: ScanRecord): Promise<void> {
    const scanner = this.scanner;
    const finish = (update: Partial<ScanRecord>) => {
      // A newer scan of the same image, or a deleted image, makes this outcome moot.
      if (this.closed || !target.stillStored() || target.image.scan !== scan) {
        return;
      }
      Object.assign(scan, update, { completedAt: this.now() });
      this.onChange();
    };
    if (!scanner) {
      finish({ status: 'FAILED', description: 'ecr-local runs without a data plane, so there is no scanner to read the image.' });
      return;
    }
    try {
      const outcome = await scanner.scan(target.region, target.repositoryName, target.image.digest);
      const succeeded = outcome.status === 'COMPLETE';
      const continuous = scan.type === 'ENHANCED' && scan.frequency === 'CONTINUOUS_SCAN';
      finish({
        status: succeeded && continuous ? 'ACTIVE' : outcome.status,
        description: succeeded && continuous ? 'Continuous scan is selected for image.' : outcome.description,
        vulnerabilities: succeeded ? [...outcome.vulnerabilities] : [],
        vulnerabilitySourceUpdatedAt: outcome.vulnerabilitySourceUpdatedAt.getTime(),
      });
    } catch (error) {
      this.log(`scan of ${target.repositoryName}@${target.image.digest} failed: ${(error as Error).stack ?? String(error)}`);
      finish({ status: 'FAILED', description: `The scanner failed: ${(error as Error).message}` });
    }
  }
}
