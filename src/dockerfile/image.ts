// Image references as FROM, COPY --from and RUN --mount from= write them, and the ARG
// substitution FROM allows (`FROM node:${NODE_VERSION}-alpine`, `${VAR:-default}`).

export interface ImageRef {
  /** As written after substitution, e.g. `registry:5000/team/app:1.2@sha256:…`. */
  readonly text: string;
  /** Registry host when the first path part names one (has `.` or `:` or is `localhost`). */
  readonly registry: string | undefined;
  /** Repository path without registry, e.g. `library/node` is reported as `node`. */
  readonly path: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
  /** Offsets in `text`. */
  readonly tagStart: number;
  readonly nameEnd: number;
}

export function parseImageRef(text: string): ImageRef {
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const firstSlash = rest.indexOf('/');
  let registry: string | undefined;
  let pathStart = 0;
  if (firstSlash > 0) {
    const head = rest.slice(0, firstSlash);
    if (head.includes('.') || head.includes(':') || head === 'localhost') {
      registry = head.toLowerCase();
      pathStart = firstSlash + 1;
    }
  }
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', Math.max(lastSlash, pathStart));
  const tag = colon >= 0 ? rest.slice(colon + 1) : undefined;
  const nameEnd = colon >= 0 ? colon : rest.length;
  let path = rest.slice(pathStart, nameEnd);
  if ((registry === undefined || registry === 'docker.io' || registry === 'index.docker.io') && path.startsWith('library/')) {
    path = path.slice('library/'.length);
  }
  return { text, registry, path: path.toLowerCase(), tag, digest, tagStart: colon >= 0 ? colon + 1 : nameEnd, nameEnd };
}

/** The registry hadolint compares with trustedRegistries: Docker Hub when none is written. */
export function effectiveRegistry(ref: ImageRef): string {
  return ref.registry ?? 'docker.io';
}

/** The last path element: `node` for `docker.io/library/node`, `distroless/static` → `static`. */
export function shortName(ref: ImageRef): string {
  const slash = ref.path.lastIndexOf('/');
  return slash >= 0 ? ref.path.slice(slash + 1) : ref.path;
}

export type Lookup = (name: string) => string | undefined;

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Substitutes $VAR, ${VAR}, ${VAR:-default}, ${VAR:+alt} with `lookup`. Returns undefined when a
 * variable has no value (no default anywhere): the reference cannot be known before the build.
 */
export function substitute(text: string, lookup: Lookup): { value: string; unresolved: string[]; used: string[] } {
  const unresolved: string[] = [];
  const used: string[] = [];
  const value = text.replace(VARIABLE, (_match, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    used.push(name);
    const found = lookup(name);
    if (op === ':-' || op === '-') {
      return found !== undefined && (op === '-' || found !== '') ? found : (word ?? '');
    }
    if (op === ':+' || op === '+') {
      return found !== undefined && (op === '+' || found !== '') ? (word ?? '') : '';
    }
    if (found === undefined) {
      unresolved.push(name);
      return '';
    }
    return found;
  });
  return { value, unresolved, used };
}
