/**
 * Scores an imported fact sheet against the expected one (test/fixtures/import/corpus): type, areas in order,
 * items (facts, goals, problems, next steps, schedule rows) and figures, each counted out of the expected.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { FactSheet } from '../../src/domain/fact-sheet.js';
import { importReport, type ImportResult } from '../../src/import/import-report.js';
import { factFigures } from './fixtures.js';

export interface CorpusCase {
  name: string;
  text: string;
  /** Which report of a collection the expected sheet is. */
  report?: number;
  expected: FactSheet;
  heldOut: boolean;
}

const dir = new URL('../fixtures/import/corpus/', import.meta.url);

/** Every text with its expected sheet(s): `name.txt|md` with `name.json`, `name.N.json` (report N) or `name.facts.json` (our own export). */
export function corpusCases(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const [sub, heldOut] of [['', false], ['held-out/', true]] as const) {
    const files = readdirSync(new URL(sub, dir)).sort();
    for (const file of files.filter((f) => /\.(?:txt|md)$/.test(f))) {
      const base = file.replace(/\.(?:txt|md)$/, '');
      const text = readFileSync(new URL(sub + file, dir), 'utf8');
      for (const sheet of files.filter((f) => f.startsWith(`${base}.`) && f.endsWith('.json'))) {
        const report = /\.(\d+)\.json$/.exec(sheet)?.[1];
        cases.push({ name: `${base}${report ? `#${report}` : ''}`, text, ...(report ? { report: Number(report) } : {}), expected: JSON.parse(readFileSync(new URL(sub + sheet, dir), 'utf8')), heldOut });
      }
    }
  }
  return cases;
}

/** An item compared without its end punctuation and spaces (the drafts add 。 and ；). */
export const itemKey = (text: string) => text.replace(/\s+/g, '').replace(/[。；;，,：:！!]+$/, '');

export interface Score {
  type: boolean;
  org: boolean;
  period: boolean;
  headings: { got: number; of: number };
  items: { got: number; of: number; extra: number };
  figures: { got: number; of: number; extra: number };
  whole: boolean;
}

/** The area's name as compared: the heading the report wrote, else the topic. */
const areaName = (s: { topic: string; heading?: string }) => itemKey(s.heading ?? s.topic);

function areaMatches(actual: FactSheet['sections'][number] | undefined, expected: FactSheet['sections'][number]): boolean {
  if (!actual) return false;
  if (areaName(actual) === areaName(expected) || itemKey(actual.topic) === itemKey(expected.topic)) return true;
  // A fact sheet without headings (our own exports): the drafted heading must carry its topic.
  return !expected.heading && areaName(actual).includes(itemKey(expected.topic));
}

const scheduleKey = (row: NonNullable<FactSheet['schedule']>[number]) => [row.when, row.items.map(itemKey).join('；'), row.note ?? ''].map(itemKey).join('|');

/** The lists of items compared, each list with its items. */
function itemLists(sheet: Partial<FactSheet>, sections: number): string[][] {
  const lists: string[][] = [];
  for (let i = 0; i < sections; i++) lists.push((sheet.sections?.[i]?.facts ?? []).map(itemKey));
  for (const key of ['goals', 'problems', 'nextSteps'] as const) lists.push((sheet[key] ?? []).map(itemKey));
  lists.push((sheet.schedule ?? []).map(scheduleKey));
  return lists;
}

export function score(result: ImportResult, expected: FactSheet): Score {
  const actual = result.facts as FactSheet;
  const headingsGot = expected.sections.filter((s, i) => areaMatches(actual.sections[i], s)).length;
  const want = itemLists(expected, expected.sections.length);
  const have = itemLists(actual, Math.max(expected.sections.length, actual.sections.length));
  let got = 0;
  let of = 0;
  want.forEach((list, i) => {
    of += list.length;
    got += list.filter((item) => have[i]?.includes(item)).length;
  });
  const wantCount = want.reduce((n, l) => n + l.length, 0);
  const haveCount = have.reduce((n, l) => n + l.length, 0);
  const wantFigures = factFigures(expected);
  const haveFigures = factFigures(actual);
  const figuresGot = [...wantFigures].filter((f) => haveFigures.has(f)).length;
  const extraFigures = [...haveFigures].filter((f) => !wantFigures.has(f)).length;
  const s: Score = {
    type: actual.type === expected.type,
    org: actual.org === expected.org,
    period: actual.period === expected.period,
    headings: { got: headingsGot, of: expected.sections.length },
    items: { got, of, extra: Math.max(0, haveCount - got) },
    figures: { got: figuresGot, of: wantFigures.size, extra: extraFigures },
    whole: false,
  };
  s.whole =
    s.type && s.org && s.period && actual.sections.length === expected.sections.length && headingsGot === expected.sections.length &&
    got === of && haveCount === wantCount && figuresGot === wantFigures.size && extraFigures === 0;
  return s;
}

export function scoreCase(c: CorpusCase): Score {
  return score(importReport(c.text, { report: c.report }), c.expected);
}
