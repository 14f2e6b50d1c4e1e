import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consolidateReports, type SchoolReport } from '../../src/consolidate/consolidate.js';
import { checkDerived } from '../../src/domain/derived-figures.js';
import { factStrings, type FactSheet } from '../../src/domain/fact-sheet.js';
import { findFigures } from '../../src/domain/figures.js';
import { importReport } from '../../src/import/import-report.js';
import { composeDraft } from '../../src/services/draft-pipeline.js';
import { offlineComposer } from '../../src/compose/offline-composer.js';
import { loadReportTypes, phrasesOf } from '../../src/domain/report-types.js';
import { readPromptFiles } from '../../src/node/prompt-files.js';

const phrases = phrasesOf(loadReportTypes(readPromptFiles()));
const ROOT = new URL('../fixtures/consolidate/', import.meta.url);
const SETS = readdirSync(ROOT);

interface Expected {
  areas: Record<string, string[]>;
  sums: Array<{ value: string; of: string[] }>;
  sharedProblems: Array<[string, string[]]>;
}

function load(set: string): { reports: SchoolReport[]; expected: Expected } {
  const dir = new URL(`${set}/`, ROOT);
  const files = readdirSync(dir).filter((f) => f !== 'expected.json');
  return {
    reports: files.map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') })),
    expected: JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')),
  };
}

const sorted = (xs: readonly string[]) => [...xs].sort();

describe.each(SETS)('consolidating the %s set', (set) => {
  const { reports, expected } = load(set);
  const result = consolidateReports(reports, { phrases, org: '某某县教育局' });
  const facts = result.facts as FactSheet;

  it('is a valid fact sheet for the county, from 3 to 8 reports', () => {
    expect(reports.length).toBeGreaterThanOrEqual(3);
    expect(reports.length).toBeLessThanOrEqual(8);
    expect(result.valid).toBe(true);
    expect(facts.org).toBe('某某县教育局');
  });

  it('merges the areas each school names differently, and only those', () => {
    const got = Object.fromEntries(result.consolidation.areas.map((a) => [a.topic, sorted(a.members.map((m) => m.school))]));
    expect(got).toEqual(Object.fromEntries(Object.entries(expected.areas).map(([k, v]) => [k, sorted(v)])));
  });

  it('keeps every figure of every school, named, under the area the school put it in', () => {
    for (const report of reports) {
      const own = importReport(report.text).facts;
      for (const section of own.sections) {
        const area = result.consolidation.areas.find((a) => a.members.some((m) => m.school === own.org && m.topic === section.topic))!;
        const merged = facts.sections.find((s) => s.topic === area.topic)!;
        const mine = merged.facts.filter((f) => f.startsWith(`${own.org}：`)).join('');
        for (const figure of section.facts.flatMap(findFigures)) expect(mine, `${own.org} ${section.topic}`).toContain(figure);
      }
    }
  });

  it('offers the expected sums, each right by exact arithmetic from given figures', () => {
    const offered = facts.derived ?? [];
    const given = factStrings(facts).flatMap(findFigures);
    for (const d of offered) {
      expect(checkDerived(d, given).ok, `${d.label} ${d.value}`).toBe(true);
      expect(d.accepted).toBe(false);
      expect(d.sources).toHaveLength(d.of.length);
    }
    expect(offered.map((d) => `${d.value}=${sorted(d.of).join('+')}`).sort()).toEqual(
      expected.sums.map((s) => `${s.value}=${sorted(s.of).join('+')}`).sort(),
    );
  });

  it('says a problem several schools share once, with each school as its source', () => {
    for (const [words, schools] of expected.sharedProblems) {
      const hits = result.consolidation.problems.filter((p) => p.text.includes(words));
      expect(hits, words).toHaveLength(1);
      expect(sorted(hits[0].sources)).toEqual(sorted(schools));
      expect(facts.problems!.filter((p) => p.includes(words))).toHaveLength(1);
    }
  });
});

describe('consolidateReports', () => {
  const { reports } = load('half-year-primary');

  it('undoes a merge: a split area gives each school its own section, nothing lost', () => {
    const split = consolidateReports(reports, { phrases, org: '某某县教育局', split: ['topic:师资'] });
    const teacher = split.facts.sections.filter((s) => s.topic.includes('（'));
    expect(teacher).toHaveLength(4);
    expect(teacher.map((s) => s.topic)).toContain('抓实教师培训（城关第一小学）');
    const before = consolidateReports(reports, { phrases, org: '某某县教育局' });
    expect(factStrings(split.facts as FactSheet).flatMap(findFigures).sort()).toEqual(
      factStrings(before.facts as FactSheet).flatMap(findFigures).filter((f) => f !== '355人次').sort(),
    );
    expect(split.facts.derived?.some((d) => d.value === '355人次')).toBe(false);
  });

  it('merges areas the matching kept apart when asked', () => {
    const merged = consolidateReports(reports, { phrases, org: '某某县教育局', merge: [['topic:质量', 'topic:师资']] });
    const names = merged.consolidation.areas.map((a) => a.topic);
    expect(names).not.toContain('教师队伍建设');
    expect(merged.consolidation.areas.find((a) => a.topic === '教育教学质量')!.members).toHaveLength(5);
  });

  it('asks for the unit and tells two schools of one name apart', () => {
    const twice = consolidateReports([reports[0], { ...reports[0], name: '副本.txt' }, reports[1]], { phrases });
    expect(twice.valid).toBe(false);
    expect(twice.warnings.find((w) => w.field === 'org')?.message).toContain('汇总单位');
    expect(twice.consolidation.schools.map((s) => s.school)).toEqual(expect.arrayContaining(['东关小学（东关小学）', '东关小学（副本）']));
  });

  it('drafts offline with the accepted sums stated and the guard clean', async () => {
    const types = loadReportTypes(readPromptFiles());
    const result = consolidateReports(reports, { phrases, org: '某某县教育局' });
    const facts = { ...(result.facts as FactSheet), derived: result.facts.derived!.map((d) => ({ ...d, accepted: d.value === '355人次' })) };
    const draft = await composeDraft({ facts, type: types.get(facts.type)!, composer: offlineComposer });
    expect(draft.markdown).toContain('各单位培训教师合计355人次。');
    expect(draft.markdown).not.toContain('108节');
    expect(draft.figures.invented).toEqual([]);
    expect(draft.figures.missing).toEqual([]);
    expect(draft.figures.derived?.find((d) => d.value === '355人次')).toMatchObject({ ok: true, accepted: true });
  });
});
