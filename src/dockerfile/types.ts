// Positions, ranges, edits and fixes in a Dockerfile: the shapes the Dockerfile layer, the linter,
// the scan mapper and the VS Code adapters all speak. 0-based lines and UTF-16 characters, as in
// dockerfile-ast and the LSP; the CLI adds 1 where it prints.

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A value a fix needs from the user before it can be applied (the adapter asks, then substitutes). */
export interface FixPrompt {
  readonly kind: 'tag' | 'digest' | 'user-name';
  /** What to ask, e.g. "Tag for node". */
  readonly prompt: string;
  /** Values to offer first (known tags, the digest of a pushed image, "app"). */
  readonly suggestions: readonly string[];
  /** Checks a typed value; returns a message when it is not acceptable. */
  readonly validate?: (value: string) => string | undefined;
}

export interface Fix {
  readonly title: string;
  /** Applied together. With a prompt, every `${value}` in newText is replaced by the answer. */
  readonly edits: readonly TextEdit[];
  readonly prompt?: FixPrompt;
  /** The fix a user most likely wants (VS Code's "preferred" quick fix, applied by auto-fix). */
  readonly isPreferred?: boolean;
}
