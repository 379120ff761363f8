// prefer-copy: ADD also unpacks archives and fetches URLs; for plain files COPY says what it does
// and cannot surprise (a .tar that suddenly gets extracted).
import type { Rule } from '../rule';
import { fix } from './util';

export const ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tar\.lzma|gz|bz2|xz)$/i;
const URL = /^(?:https?|ftp):\/\/|^git@/i;

export const rule: Rule = {
  meta: {
    id: 'prefer-copy',
    title: 'ADD used for local files',
    category: 'maintainability',
    defaultSeverity: 'error',
    aliases: ['DL3020', 'AVD-DS-0005', 'CKV_DOCKER_4'],
    summary: 'Use COPY instead of ADD for files and folders.',
  },
  check(context): void {
    for (const instruction of context.model.instructions) {
      if (instruction.keyword !== 'ADD' || instruction.heredocs.length > 0) {
        continue;
      }
      const json = instruction.json();
      const sources = json ? json.slice(0, -1) : instruction.operands().slice(0, -1).map((word) => word.value);
      if (sources.length === 0 || sources.some((source) => URL.test(source) || ARCHIVE.test(source) || source.includes('$'))) {
        continue;
      }
      const keyword = instruction.keywordText;
      const replacement = keyword === keyword.toLowerCase() ? 'copy' : 'COPY';
      context.report({
        instruction,
        range: instruction.keywordRange,
        message:
          'ADD copies these local files but would also unpack a tar archive or fetch a URL; COPY does only the copy, so the instruction cannot change meaning ' +
          'when a file name changes. Use COPY (keep ADD for archives you want extracted).',
        fixes: [fix('Replace ADD with COPY', [{ range: instruction.keywordRange, newText: replacement }], { isPreferred: true })],
      });
    }
  },
};
