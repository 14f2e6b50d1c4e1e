import { describe, expect, it } from 'vitest';
import type { FactSheet } from '../../src/domain/fact-sheet.js';
import { guardFigures } from '../../src/domain/figure-guard.js';
import { findFigures, withoutListNumbering } from '../../src/domain/figures.js';

describe('findFigures', () => {
  it('takes digits with their units, dates whole, decimals and thousands separators', () => {
    expect(findFigures('招聘教师135名，补助2338.2万元，参训率97.1%，2025年9月1日开学，发放2,338.2万元')).toEqual([
      '135名',
      '2338.2万元',
      '97.1%',
      '2025年9月1日',
      '2,338.2万元',
    ]);
  });

  it('keeps full-width digits as typed and reads ranges as one figure', () => {
    expect(findFigures('轮训校长２３６名，2025—2026学年')).toEqual(['２３６名', '2025—2026学年']);
  });

  it('finds none in text without digits', () => {
    expect(findFigures('坚持立德树人，推进十四五规划')).toEqual([]);
  });

  it('ignores list numbering at line starts but not figures inside lines', () => {
    expect(findFigures(withoutListNumbering('1. 新建学校3所\n（2）改造12处\n第1周'))).toEqual(['3所', '12处', '1周']);
  });
});

const facts: FactSheet = {
  type: 'work-plan',
  org: '某区教育局',
  period: '2026年',
  sections: [{ topic: '学位建设', facts: ['新增学位1500个', '投入1.2亿元'] }],
};

describe('guardFigures', () => {
  it('reports a faithful draft as clean', () => {
    const { figures, warnings } = guardFigures(facts, '# 某区教育局2026年工作计划\n\n新增学位1500个，投入1.2亿元。');
    expect(figures).toEqual({ given: ['2026年', '1500个', '1.2亿元'], used: ['2026年', '1500个', '1.2亿元'], invented: [], missing: [], inventedAt: [] });
    expect(warnings).toEqual([]);
  });

  it('flags an invented figure with its sentence and lists a dropped one', () => {
    const { figures, warnings } = guardFigures(facts, '2026年，新增学位1600个。投入1.2亿元。');
    expect(figures.invented).toEqual(['1600个']);
    expect(figures.missing).toEqual(['1500个']);
    const invented = warnings.find((w) => w.code === 'figure-invented')!;
    expect(invented.figure).toBe('1600个');
    expect(invented.sentence).toBe('2026年，新增学位1600个。');
    expect(warnings.some((w) => w.code === 'figure-missing' && w.figure === '1500个')).toBe(true);
  });

  it('counts a figure written another way but equal as kept (１５００个, 1,500个), a changed one as not kept', () => {
    for (const same of ['2026年新增学位１５００个，投入1.2亿元', '2026年新增学位1,500个，投入1.20亿元']) {
      const { figures } = guardFigures(facts, same);
      expect(figures.invented).toEqual([]);
      expect(figures.missing).toEqual([]);
    }
    for (const [changed, written] of [['约1500个', '约1500个'], ['1500余个', '1500余个'], ['一千五百个', undefined]] as const) {
      const { figures } = guardFigures(facts, `2026年新增学位${changed}，投入1.2亿元`);
      expect(figures.missing).toEqual(['1500个']);
      expect(figures.invented).toEqual(written ? [written] : []);
    }
  });

  it('lists each 【待补充】 marker once as a warning', () => {
    const { warnings } = guardFigures(facts, '2026年1500个1.2亿元【待补充：工作目标】【待补充：工作目标】【待补充：成文日期】');
    expect(warnings.filter((w) => w.code === 'placeholder').map((w) => w.message)).toEqual(['待补充：工作目标', '待补充：成文日期']);
  });
});
