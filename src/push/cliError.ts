// The one error type the container-CLI driver rejects with: it carries a CliFailure (a kind the
// views can branch on and a message a user can act on), never a secret.
import type { CliFailure, CliFailureKind } from './model';

export class CliError extends Error {
  readonly failure: CliFailure;

  constructor(failure: CliFailure) {
    super(failure.message);
    this.name = 'CliError';
    this.failure = failure;
  }

  get kind(): CliFailureKind {
    return this.failure.kind;
  }
}

export function cancelled(what: string): CliError {
  return new CliError({ kind: 'cancelled', message: `${what} was cancelled.` });
}

/** Replaces every occurrence of each secret (a registry password, a build-arg value) with ***. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; nobody's token is that short.
    if (secret.length >= 4) {
      result = result.split(secret).join('***');
    }
  }
  return result;
}
