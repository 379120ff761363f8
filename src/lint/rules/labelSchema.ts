// label-schema: hadolint's label-schema and strict-labels configuration: required labels, their
// formats, no others. Each finding carries the hadolint code of its own case.
import type { Instruction } from '../../dockerfile/dockerfile';
import type { Rule } from '../rule';
import type { LabelFormat } from '../types';

const FORMAT_ALIAS: Record<LabelFormat, string | undefined> = {
  text: undefined,
  url: 'DL3052',
  rfc3339: 'DL3053',
  spdx: 'DL3054',
  hash: 'DL3055',
  semver: 'DL3056',
  email: 'DL3058',
};

const SPDX = /^(?:\(?\s*[A-Za-z0-9.+-]+(?:\s+WITH\s+[A-Za-z0-9.+-]+)?\s*\)?)(?:\s+(?:AND|OR)\s+\(?\s*[A-Za-z0-9.+-]+(?:\s+WITH\s+[A-Za-z0-9.+-]+)?\s*\)?)*$/;

function valid(format: LabelFormat, value: string): boolean {
  switch (format) {
    case 'url':
      return /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value);
    case 'rfc3339':
      return /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/.test(value);
    case 'spdx':
      return SPDX.test(value);
    case 'hash':
      return /^[0-9a-f]{7,40}$|^[0-9a-f]{64}$/.test(value);
    case 'semver':
      return /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(value);
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
    default:
      return true;
  }
}

export const rule: Rule = {
  meta: {
    id: 'label-schema',
    title: 'Label does not follow the label schema',
    category: 'maintainability',
    defaultSeverity: 'warning',
    aliases: ['DL3049', 'DL3050', 'DL3051', 'DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058'],
    summary: 'With a label-schema configured: required labels present, well-formed, and (strict) no others.',
  },
  check(context): void {
    const schema = context.options.labelSchema;
    const required = Object.keys(schema);
    if (required.length === 0) {
      return;
    }
    for (const stage of context.model.stages) {
      const seen = new Set<string>();
      const labels: Instruction[] = stage.instructions.filter((instruction) => instruction.keyword === 'LABEL');
      for (const instruction of labels) {
        for (const pair of instruction.keyValues(true)) {
          seen.add(pair.key);
          const format = schema[pair.key];
          const range = instruction.rangeOf(pair.keyStart, pair.valueEnd);
          if (!format) {
            if (context.options.strictLabels) {
              context.report({ instruction, range, aliases: ['DL3050'], severity: 'info', message: `Label "${pair.key}" is not in the label schema, and strict labels are on. Remove it or add it to label-schema.` });
            }
            continue;
          }
          const value = pair.value ?? '';
          if (value.trim() === '') {
            context.report({ instruction, range, aliases: ['DL3051'], message: `Label "${pair.key}" is empty. Give it a value or remove it.` });
          } else if (!valid(format, value)) {
            context.report({ instruction, range, aliases: FORMAT_ALIAS[format] ? [FORMAT_ALIAS[format]] : [], message: `Label "${pair.key}" should be a valid ${format} value, not "${value}".` });
          }
        }
      }
      if (stage.isFinal) {
        for (const name of required.filter((key) => !seen.has(key))) {
          context.report({ instruction: stage.from, range: stage.from.headRange, aliases: ['DL3049'], severity: 'info', message: `The label schema requires label "${name}", which this image does not set. Add LABEL ${name}=….` });
        }
      }
    }
  },
};
