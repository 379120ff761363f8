// The ScanPresenter of the running extension, for actions registered elsewhere (the explorer's
// Start Scan) that cannot be handed it. The scan views load on first use, so this hands out a
// loader: set at activation by src/views/pushAndScanLazily.ts.
import type { ScanPresenter } from './scanPresenter';

let load: (() => Promise<ScanPresenter>) | undefined;

export function setScanPresenterLoader(loader: (() => Promise<ScanPresenter>) | undefined): void {
  load = loader;
}

/** The presenter, loading the scan views if need be; undefined when none was set (unit tests). */
export async function activeScanPresenter(): Promise<ScanPresenter | undefined> {
  return load?.();
}
