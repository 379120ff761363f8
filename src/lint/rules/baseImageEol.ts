// base-image-eol: a base image whose OS or runtime release no longer gets security fixes (or
// stops getting them within eolWarningDays). Dates come from the shipped table in src/lint/eol.
import { daysUntil, eolMatches, supportedCycles, type EolMatch } from '../eol/lookup';
import { EOL_TABLE_CHECKED } from '../eol/table';
import type { Rule } from '../rule';
import { baseImages } from './baseImages';

function describe(match: EolMatch): string {
  const cycle = match.cycle;
  const names = cycle.codenames?.[0] ? ` (${cycle.codenames[0]})` : '';
  return `${match.product.title} ${cycle.cycle}${names}`;
}

export const rule: Rule = {
  meta: {
    id: 'base-image-eol',
    title: 'End-of-life base image',
    category: 'security',
    defaultSeverity: 'warning',
    aliases: [],
    summary: 'The base image\'s OS or runtime release is (nearly) out of support.',
  },
  check(context): void {
    const today = context.options.today;
    for (const base of baseImages(context.model.stages)) {
      const past: string[] = [];
      const soon: string[] = [];
      const upgrades: string[] = [];
      for (const match of eolMatches(base.image)) {
        const eol = match.cycle.eol;
        if (!eol) {
          continue;
        }
        const days = daysUntil(eol, today);
        const when = `${match.cycle.approximate ? 'about ' : ''}${eol}`;
        if (days <= 0) {
          past.push(`${describe(match)} reached end of life on ${when}`);
        } else if (days <= context.options.eolWarningDays) {
          soon.push(`${describe(match)} reaches end of life on ${when} (in ${days} day${days === 1 ? '' : 's'})`);
        } else {
          continue;
        }
        const next = supportedCycles(match.product, today).filter((cycle) => cycle.cycle !== match.cycle.cycle && (!cycle.eol || daysUntil(cycle.eol, today) > context.options.eolWarningDays))[0];
        if (next) {
          upgrades.push(`${match.product.title} ${next.cycle}`);
        }
      }
      if (past.length === 0 && soon.length === 0) {
        continue;
      }
      const facts = [...past, ...soon].join('; ');
      context.report({
        instruction: base.stage.from,
        range: base.range,
        severity: past.length > 0 ? undefined : 'info',
        message:
          `${facts}. After that date no security fixes are published, so new vulnerabilities in "${base.image.text}" stay open. ` +
          `Move to a supported release${upgrades.length > 0 ? ` such as ${upgrades.join(' / ')}` : ''}. (End-of-life table checked ${EOL_TABLE_CHECKED}; source: ${[...new Set(eolMatches(base.image).map((match) => match.product.source))].join(', ')}.)`,
      });
    }
  },
};
