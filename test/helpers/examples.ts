/** The example fact sheets under data/examples, one per report type. */
import { readdirSync, readFileSync } from 'node:fs';
import type { FactSheet } from '../../src/domain/fact-sheet.js';

const dir = new URL('../../data/examples/', import.meta.url);

export const examples: Array<{ name: string; facts: FactSheet }> = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ name: f.replace(/\.json$/, ''), facts: JSON.parse(readFileSync(new URL(f, dir), 'utf8')) }));
