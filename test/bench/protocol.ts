/** The line the activation probe reports and the benchmark reads. */
export const ACTIVATION_LINE = /^activation-ms: (\d+(?:\.\d+)?)$/m;

export function activationLine(milliseconds: number): string {
  return `activation-ms: ${milliseconds.toFixed(2)}\n`;
}

/** What one run of the explorer probe measures (milliseconds and MiB of the extension host). */
export interface ExplorerSample {
  readonly firstPageMs: number;
  readonly firstPageCount: number;
  readonly filterAllMs: number;
  /** Under the filter "service-042" (a fresh region index): time to the first matching repository node. */
  readonly filterFirstMatchesMs?: number;
  readonly filterLoadMoreClicks: number;
  readonly heapMiB: { readonly baseline: number; readonly firstPage: number; readonly filterAll: number };
  /** After a full garbage collection: what the extension keeps. */
  readonly settledHeapMiB?: { readonly baseline: number; readonly firstPage: number; readonly filterAll: number };
  readonly rssMiB: { readonly baseline: number; readonly firstPage: number; readonly filterAll: number };
}

export const EXPLORER_LINE = /^explorer-sample: (\{.*\})$/m;

export function explorerLine(sample: ExplorerSample): string {
  return `explorer-sample: ${JSON.stringify(sample)}\n`;
}
