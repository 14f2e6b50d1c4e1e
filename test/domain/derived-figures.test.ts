import { describe, expect, it } from 'vitest';
import { checkDerived, parseQuantity, addDecimals, formatDecimal } from '../../src/domain/derived-figures.js';
import { parseFactSheet, type FactSheet } from '../../src/domain/fact-sheet.js';
import { guardFigures } from '../../src/domain/figure-guard.js';
import { derivedSentence } from '../../src/compose/derived-sentences.js';

describe('exact decimal arithmetic', () => {
  it('adds 1.2 and 0.1 to exactly 1.3 (floats give 1.3000000000000003)', () => {
    const sum = addDecimals(parseQuantity('1.2万元')!.amount, parseQuantity('0.1万元')!.amount);
    expect(formatDecimal(sum)).toBe('1.3');
    expect(checkDerived({ value: '1.3万元', of: ['1.2万元', '0.1万元'], op: 'sum' }, ['1.2万元', '0.1万元']).ok).toBe(true);
  });

  it('reads thousands separators and full-width digits', () => {
    expect(checkDerived({ value: '3,338.2万元', of: ['2,338.2万元', '１０００万元'], op: 'sum' }, ['2,338.2万元', '１０００万元']).ok).toBe(true);
  });
});

describe('checkDerived', () => {
  const given = ['120人次', '80人次', '95人次', '2000名', '2300名', '1,280名'];

  it('accepts a right sum and says how it was computed', () => {
    const check = checkDerived({ value: '295人次', of: ['120人次', '80人次', '95人次'], op: 'sum' }, given);
    expect(check).toMatchObject({ ok: true, computed: '295人次', formula: '120人次 + 80人次 + 95人次 = 295人次' });
  });

  it('refuses a wrong sum, naming the right one', () => {
    const check = checkDerived({ value: '300人次', of: ['120人次', '80人次', '95人次'], op: 'sum' }, given);
    expect(check.ok).toBe(false);
    expect(check.computed).toBe('295人次');
    expect(check.reason).toContain('295人次');
  });

  it('refuses an operand that is not a given figure', () => {
    const check = checkDerived({ value: '300人次', of: ['120人次', '180人次'], op: 'sum' }, given);
    expect(check.ok).toBe(false);
    expect(check.reason).toContain('180人次');
  });

  it('refuses mixed units and a value in another unit', () => {
    expect(checkDerived({ value: '2200', of: ['120人次', '2000名'], op: 'sum' }, given).ok).toBe(false);
    expect(checkDerived({ value: '295名', of: ['120人次', '80人次', '95人次'], op: 'sum' }, given).ok).toBe(false);
  });

  it('checks a difference exactly', () => {
    expect(checkDerived({ value: '300名', of: ['2300名', '2000名'], op: 'difference' }, given).ok).toBe(true);
    expect(checkDerived({ value: '310名', of: ['2300名', '2000名'], op: 'difference' }, given).ok).toBe(false);
  });

  it('checks 同比 to the decimals the value is written with', () => {
    // (2300 − 2000) ÷ 2000 = 15%
    expect(checkDerived({ value: '15%', of: ['2000名', '2300名'], op: 'percent-change' }, given).ok).toBe(true);
    expect(checkDerived({ value: '15.0%', of: ['2000名', '2300名'], op: 'percent-change' }, given).ok).toBe(true);
    expect(checkDerived({ value: '16%', of: ['2000名', '2300名'], op: 'percent-change' }, given).ok).toBe(false);
    // (1280 − 2000) ÷ 2000 = −36%: written as a fall, 下降36%
    expect(checkDerived({ value: '36%', of: ['2000名', '1,280名'], op: 'percent-change' }, given).ok).toBe(true);
  });

  it('checks a ratio rounded half up', () => {
    // 2000 ÷ 2300 = 86.956…% → 87.0%, 86.96%
    expect(checkDerived({ value: '86.96%', of: ['2000名', '2300名'], op: 'ratio' }, given).ok).toBe(true);
    expect(checkDerived({ value: '87.0%', of: ['2000名', '2300名'], op: 'ratio' }, given).ok).toBe(true);
    expect(checkDerived({ value: '86.9%', of: ['2000名', '2300名'], op: 'ratio' }, given).ok).toBe(false);
  });
});

const sheet: FactSheet = {
  type: 'half-year-summary',
  org: '某县教育局',
  period: '2025年上半年',
  sections: [{ topic: '教师队伍建设', facts: ['一小：培训教师120人次', '二小：培训教师80人次', '三小：培训教师95人次'] }],
};

describe('fact sheet with derived figures', () => {
  it('keeps v1 sheets valid and their figure report unchanged', () => {
    const parsed = parseFactSheet(sheet);
    expect(parsed.ok).toBe(true);
    expect(guardFigures(sheet, '培训教师120人次、80人次、95人次。').figures).not.toHaveProperty('derived');
  });

  it('validates the derived list and names the field', () => {
    const parsed = parseFactSheet({ ...sheet, derived: [{ value: '295人次', of: [], op: 'product' }] });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['derived[0].of', 'derived[0].op']));
  });

  it('lets a draft state an accepted, right sum, and lists how it was computed', () => {
    const facts: FactSheet = { ...sheet, derived: [{ value: '295人次', of: ['120人次', '80人次', '95人次'], op: 'sum', label: '培训教师', accepted: true }] };
    const { figures, warnings } = guardFigures(facts, '一小培训教师120人次，二小80人次，三小95人次；各单位培训教师合计295人次。');
    expect(figures.invented).toEqual([]);
    expect(figures.derived?.[0]).toMatchObject({ value: '295人次', ok: true, formula: '120人次 + 80人次 + 95人次 = 295人次' });
    expect(warnings.filter((w) => w.code !== 'figure-missing')).toEqual([]);
  });

  it('never lets a wrong or unaccepted sum into the draft unflagged', () => {
    const wrong: FactSheet = { ...sheet, derived: [{ value: '300人次', of: ['120人次', '80人次', '95人次'], op: 'sum', accepted: true }] };
    const a = guardFigures(wrong, '合计300人次。120人次、80人次、95人次');
    expect(a.figures.invented).toEqual(['300人次']);
    expect(a.warnings.some((w) => w.code === 'derived-invalid' && w.message.includes('295人次'))).toBe(true);
    const offered: FactSheet = { ...sheet, derived: [{ value: '295人次', of: ['120人次', '80人次', '95人次'], op: 'sum', accepted: false }] };
    expect(guardFigures(offered, '合计295人次。').figures.invented).toEqual(['295人次']);
  });
});

describe('derivedSentence', () => {
  it('states a sum plainly with its label', () => {
    expect(derivedSentence({ value: '295人次', op: 'sum', label: '培训教师' })).toBe('各单位培训教师合计295人次。');
    expect(derivedSentence({ value: '15%', op: 'percent-change', label: '在校学生' })).toBe('在校学生比上年增长15%。');
  });
});
