/** The line the activation probe reports and the benchmark reads. */
export const ACTIVATION_LINE = /^activation-ms: (\d+(?:\.\d+)?)$/m;

export function activationLine(milliseconds: number): string {
  return `activation-ms: ${milliseconds.toFixed(2)}\n`;
}
