// Maps an image reference to the release cycles in the end-of-life table: the image's own
// product (node:18 → Node.js 18) and the OS its tag names (node:18-alpine3.17 → Alpine 3.17,
// python:3.8-slim-bookworm → Debian 12). Floating tags (lts, current, alpine, slim) match nothing.
import { shortName, type ImageRef } from '../../dockerfile/image';
import { EOL_PRODUCTS, type EolCycle, type EolProduct } from './table';

export interface EolMatch {
  readonly product: EolProduct;
  readonly cycle: EolCycle;
}

const byImage = new Map<string, EolProduct>();
for (const product of EOL_PRODUCTS) {
  for (const image of product.images) {
    byImage.set(image, product);
  }
}
const productById = new Map(EOL_PRODUCTS.map((product) => [product.product, product]));

/** The table's product for an official image (Docker Hub, public ECR mirror, pull-through cache). */
export function productForImage(image: ImageRef): EolProduct | undefined {
  const name = shortName(image);
  const product = byImage.get(name);
  if (!product) {
    return undefined;
  }
  const path = image.path;
  const official =
    path === name ||
    path.endsWith(`/library/${name}`) ||
    path === `${name}/${name}` ||
    path === `docker/library/${name}` ||
    path === `eclipse/${name}` ||
    path === `adoptopenjdk/${name}`;
  return official ? product : undefined;
}

/** The cycle a version names: the longest cycle equal to it or followed by `.`, `_`, `u` or `-`. */
export function cycleForVersion(product: EolProduct, version: string): EolCycle | undefined {
  const lower = version.toLowerCase();
  let best: EolCycle | undefined;
  for (const cycle of product.cycles) {
    if (cycle.codenames?.includes(lower)) {
      return cycle;
    }
    const c = cycle.cycle;
    if (lower === c || (lower.startsWith(c) && /[._u]/.test(lower[c.length] ?? '') && /\d/.test(lower[c.length + 1] ?? ''))) {
      if (!best || c.length > best.cycle.length) {
        best = cycle;
      }
    }
  }
  return best;
}

const DEBIAN = productById.get('debian');
const UBUNTU = productById.get('ubuntu');
const ALPINE = productById.get('alpine-linux');

/** The OS cycle a tag's variant part names (`alpine3.19`, `bookworm`, `jammy`), if any. */
function osFromVariant(token: string): EolMatch | undefined {
  const alpine = /^alpine(\d+\.\d+)$/.exec(token);
  if (alpine && ALPINE) {
    const cycle = cycleForVersion(ALPINE, alpine[1] ?? '');
    return cycle ? { product: ALPINE, cycle } : undefined;
  }
  for (const product of [DEBIAN, UBUNTU]) {
    const cycle = product?.cycles.find((candidate) => candidate.codenames?.includes(token));
    if (product && cycle) {
      return { product, cycle };
    }
  }
  return undefined;
}

export function eolMatches(image: ImageRef): EolMatch[] {
  const product = productForImage(image);
  const tag = (image.tag ?? '').toLowerCase();
  if (!product || tag === '') {
    return [];
  }
  const matches: EolMatch[] = [];
  const tokens = tag.split('-');
  const head = tokens[0] ?? '';
  let cycle: EolCycle | undefined;
  switch (product.product) {
    case 'centos':
      cycle = cycleForVersion(product, head.replace(/^centos/, ''));
      break;
    case 'eclipse-temurin':
      cycle = cycleForVersion(product, /^(\d+)/.exec(head)?.[1] ?? '');
      break;
    case 'debian':
    case 'ubuntu':
      // `bookworm-20240101`, `focal`, `12.5-slim`, `22.04`.
      cycle = cycleForVersion(product, head);
      break;
    default:
      cycle = cycleForVersion(product, head);
  }
  if (cycle) {
    matches.push({ product, cycle });
  }
  if (!product.os) {
    for (const token of tokens.slice(1)) {
      const os = osFromVariant(token);
      if (os) {
        matches.push(os);
        break;
      }
    }
  }
  return matches;
}

/** Cycles still supported on `today` (newest first), for tag suggestions. */
export function supportedCycles(product: EolProduct, today: Date): EolCycle[] {
  return product.cycles.filter((cycle) => cycle.eol === undefined || Date.parse(cycle.eol) > today.getTime());
}

/** Whole days from `today` until `date` (negative when past). */
export function daysUntil(date: string, today: Date): number {
  const target = Date.parse(date + 'T00:00:00Z');
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((target - start) / 86_400_000);
}
