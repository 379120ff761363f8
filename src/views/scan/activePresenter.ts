// The one ScanPresenter of the running extension, for actions registered elsewhere (the
// explorer's Start Scan) that cannot be handed it: set by registerScanViews at activation.
import type { ScanPresenter } from './scanPresenter';

let active: ScanPresenter | undefined;

export function setActiveScanPresenter(presenter: ScanPresenter | undefined): void {
  active = presenter;
}

export function activeScanPresenter(): ScanPresenter | undefined {
  return active;
}
