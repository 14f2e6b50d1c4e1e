/** Two writings of one figure are the same figure; a hedged or spelled-out one is not (figures.ts). */
import { describe, expect, it } from 'vitest';
import { figureKey, figuresMissingFrom, findFigureMarks } from '../../src/domain/figures.js';

describe('figure equivalence', () => {
  it('folds separators, full width and trailing decimal zeros, and nothing else', () => {
    expect(figureKey('1,260人')).toBe(figureKey('1260人'));
    expect(figureKey('12.0%')).toBe(figureKey('12%'));
    expect(figureKey('3.50万元')).toBe(figureKey('3.5万元'));
    expect(figureKey('１２６０人')).toBe(figureKey('1260人'));
    expect(figureKey('12.05%')).not.toBe(figureKey('12.5%'));
    expect(figureKey('120%')).not.toBe(figureKey('12%'));
    expect(figureKey('1260人')).not.toBe(figureKey('1260名'));
  });

  it('keeps hedge words in a figure’s identity, before and after it', () => {
    const ids = (text: string) => findFigureMarks(text).map((m) => m.identity);
    expect(ids('约1260人')).toEqual(['约1260人']);
    expect(ids('超过90%，近3年')).toEqual(['超过90%', '近3年']);
    expect(ids('1260余，95%以上')).toEqual(['1260余', '95%以上']);
    expect(ids('学生人数1200人')).toEqual(['1200人']);
  });

  it('lists the facts’ figures a text does not hold as the same figure', () => {
    const facts = ['覆盖党员1260人次', '参训率96.0%', '覆盖率达95%以上'];
    expect(figuresMissingFrom(facts, '覆盖党员1,260人次，参训率96%，覆盖率达95%以上。')).toEqual([]);
    expect(figuresMissingFrom(facts, '覆盖党员约1260人次，参训率96.0%，覆盖率达95%。')).toEqual(['1260人次', '95%']);
    expect(figuresMissingFrom(facts, '覆盖党员一千二百六十人次，参训率96%以上，覆盖率达95%以上。')).toEqual(['1260人次', '96.0%']);
  });
});
