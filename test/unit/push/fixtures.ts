// Reads the recorded CLI outputs (test/fixtures/cli-output/*.json, see record.ts there).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Recorded {
  readonly name: string;
  readonly argv: string[];
  readonly exitCode: number | null;
  readonly stdout: string[];
  readonly stderr: string[];
}

export const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'cli-output');

export function fixture(name: string): Recorded {
  return { name, ...(JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Omit<Recorded, 'name'>) };
}

export function allFixtures(): Recorded[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.json'))
    .map((file) => fixture(file.replace(/\.json$/, '')));
}

/** Every line, stdout first then stderr (the order does not matter to the parsers). */
export function lines(recorded: Recorded): string[] {
  return [...recorded.stdout, ...recorded.stderr];
}
