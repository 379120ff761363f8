// The FROM lines whose image comes from a registry (not scratch, not an earlier stage, not a
// variable without default): what the base-image rules look at.
import type { Stage } from '../../dockerfile/dockerfile';
import type { ImageRef } from '../../dockerfile/image';
import type { Range } from '../types';

export interface BaseImage {
  readonly stage: Stage;
  readonly image: ImageRef;
  readonly range: Range;
  /** The reference is written literally in FROM (no ARG substitution), so fixes can edit it. */
  readonly literal: boolean;
  /** Offset of the image word in the FROM's logical text. */
  readonly start: number;
}

export function baseImages(stages: readonly Stage[]): BaseImage[] {
  const images: BaseImage[] = [];
  for (const stage of stages) {
    const word = stage.imageWord;
    const image = stage.image;
    if (!word || !image || stage.parent || image.path === 'scratch') {
      continue;
    }
    images.push({
      stage,
      image,
      range: stage.from.rangeOf(word.start, word.end),
      literal: !stage.substituted && word.raw === word.value,
      start: word.start,
    });
  }
  return images;
}

export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;
