/** The import corpus (test/fixtures/import/corpus): every text scored against its expected fact sheet; figures are never lost nor added. */
import { describe, expect, it } from 'vitest';
import { importReport } from '../../src/import/import-report.js';
import { corpusCases, scoreCase } from './corpus-score.js';

const cases = corpusCases();

describe('import corpus', () => {
  it('has at least 10 texts, two held out, in the shapes the issue names', () => {
    expect(cases.filter((c) => !c.heldOut).length).toBeGreaterThanOrEqual(10);
    expect(cases.filter((c) => c.heldOut).length).toBeGreaterThanOrEqual(2);
  });

  for (const c of cases) {
    it(`${c.heldOut ? '[held out] ' : ''}${c.name}: type, unit, period, areas, items and figures come back`, () => {
      const s = scoreCase(c);
      expect(s.type, 'type').toBe(true);
      expect(s.org, 'org').toBe(true);
      expect(s.period, 'period').toBe(true);
      expect(s.headings.got, 'areas').toBe(s.headings.of);
      expect(s.items.got, 'items').toBe(s.items.of);
      expect(s.items.extra, 'items that are not facts (frames, web text)').toBe(0);
      expect(s.figures.got, 'figures kept').toBe(s.figures.of);
      expect(s.figures.extra, 'figures added (web page dates, click counts)').toBe(0);
      expect(s.whole).toBe(true);
    });
  }

  it('offers each report of a collection with its type, areas and facts, and imports each', () => {
    const collection = cases.find((c) => c.name.startsWith('04-collection'))!;
    const result = importReport(collection.text);
    expect(result.reports?.map((r) => [r.index, r.type, r.areas, r.facts])).toEqual([
      [1, 'key-points', 3, 6],
      [2, 'work-plan', 2, 3],
    ]);
    expect(importReport(collection.text, { report: 2 }).facts.type).toBe('work-plan');
  });

  it('types the listicle page by its content, not its title (…半年安全工作总结篇五 about every field)', () => {
    const listicle = cases.find((c) => c.name === '02-listicle-halfyear')!;
    const result = importReport(listicle.text);
    expect(result.facts.title).toContain('安全工作总结');
    expect(result.facts.type).toBe('half-year-summary');
    expect(result.reportType.alternative).toBeDefined();
  });
});
