// The words of every EXPOSE instruction, and the two halves of such a word, port (or range) and
// optional protocol, which the EXPOSE rules check separately.
import type { DockerfileModel, Instruction } from '../../dockerfile/dockerfile';
import type { Word } from '../../dockerfile/words';

export interface ExposeWord {
  readonly instruction: Instruction;
  readonly word: Word;
}

/** Every word of every EXPOSE instruction, in file order. */
export function exposeWords(model: DockerfileModel): ExposeWord[] {
  const words: ExposeWord[] = [];
  for (const instruction of model.instructions) {
    if (instruction.keyword !== 'EXPOSE') {
      continue;
    }
    for (const word of instruction.words()) {
      words.push({ instruction, word });
    }
  }
  return words;
}

export function portAndProtocol(value: string): { port: string; proto: string | undefined } {
  const slash = value.indexOf('/');
  return slash >= 0 ? { port: value.slice(0, slash), proto: value.slice(slash + 1) } : { port: value, proto: undefined };
}
