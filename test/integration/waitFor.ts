/**
 * Polls `read` until `done` holds for what it returned, or fails after `timeoutMs` with the
 * last value read, so that a failure says what was there instead.
 */
export async function waitUntil<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  description: string,
  timeoutMs = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) {
      return value;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}; last seen: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls a condition of the extension host's own state until it holds or the time is up. */
export async function waitFor(condition: () => boolean, description: string, timeoutMs = 20_000): Promise<void> {
  await waitUntil(condition, (value) => value, description, timeoutMs);
}
