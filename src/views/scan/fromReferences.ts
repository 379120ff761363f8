// FROM lines that may name an ECR image: the image after ARG substitution (the linter's model),
// parsed the way ECR users write references (src/ecr/imageReference.ts), with the line and the
// range of the image word for a hover and a CodeLens.
import { parseImageReference, type ImageReference } from '../../ecr/imageReference';
import { buildModel } from '../../dockerfile/dockerfile';
import type { Range } from '../../dockerfile/types';

export interface FromReference {
  /** 0-based line of the FROM keyword. */
  readonly line: number;
  /** The image word as written (before substitution). */
  readonly range: Range;
  /** After substitution, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:1.2 */
  readonly text: string;
  readonly reference: ImageReference;
}

/**
 * Every FROM whose image names a registry host and parses as REGISTRY/REPOSITORY[:TAG|@DIGEST].
 * Stage references, Docker Hub short names and images with unresolved ARGs are left out; whether
 * a registry is one of the user's ECR registries is decided later (connectionMatch.ts).
 */
export function fromReferences(text: string): FromReference[] {
  const model = buildModel(text);
  const found: FromReference[] = [];
  for (const stage of model.stages) {
    const image = stage.image;
    const word = stage.imageWord;
    if (!image || !word || stage.parent || !image.registry || image.registry === 'docker.io' || image.registry === 'index.docker.io') {
      continue;
    }
    const parsed = parseImageReference(image.text);
    if (!parsed.ok) {
      continue;
    }
    found.push({ line: stage.from.startLine, range: stage.from.logical.range(word.start, word.end), text: image.text, reference: parsed.reference });
  }
  return found;
}
