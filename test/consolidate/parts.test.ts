import { describe, expect, it } from 'vitest';
import { areaOf } from '../../src/consolidate/area-match.js';
import { loadReportTypes, phrasesOf } from '../../src/domain/report-types.js';
import { readPromptFiles } from '../../src/node/prompt-files.js';

const phrases = phrasesOf(loadReportTypes(readPromptFiles()));
import { measuredFigures, offerSums } from '../../src/consolidate/measures.js';
import { mergeItems } from '../../src/consolidate/merge-items.js';
import { withTablesAsFacts } from '../../src/consolidate/table-rows.js';

const key = (topic: string, heading?: string, facts: string[] = ['开展工作']) => areaOf({ topic, heading, facts }, phrases).key;

describe('areaOf', () => {
  it('puts the three ways of naming teacher work under one area', () => {
    const keys = [key('师资队伍建设'), key('教师队伍建设'), key('抓实教师培训', '抓实教师培训，队伍素质不断提高')];
    expect(new Set(keys).size).toBe(1);
    expect(areaOf({ topic: '师资队伍建设', facts: ['x'] }, phrases).name).toBe('教师队伍建设');
  });

  it('keeps different fields apart', () => {
    expect(key('德育工作')).not.toBe(key('教师队伍建设'));
    expect(key('党建工作')).not.toBe(key('课堂教学'));
  });

  it('reads a title that names no field by its facts', () => {
    expect(key('重点工作', undefined, ['组织党员集中学习12次，发展党员2名'])).toBe(key('党的建设'));
  });

  it('keeps the parts of safety apart in a safety summary and together elsewhere', () => {
    const food = { topic: '加强食堂管理', facts: ['开展食品安全检查10次'] };
    expect(areaOf(food, phrases, { safety: true }).key).toBe(areaOf({ topic: '食品安全', facts: ['x'] }, phrases, { safety: true }).key);
    expect(areaOf({ topic: '消防安全', facts: ['x'] }, phrases).key).toBe(areaOf({ topic: '校园安全', facts: ['x'] }, phrases).key);
    expect(areaOf({ topic: '消防安全', facts: ['x'] }, phrases, { safety: true }).key).not.toBe(areaOf({ topic: '防溺水', facts: ['x'] }, phrases, { safety: true }).key);
  });

  it('matches unknown fields by their name only', () => {
    expect(key('加强图书馆工作', undefined, ['新增图书1200册'])).toBe(key('图书馆', undefined, ['借阅300人次']));
  });
});

describe('measures and sums', () => {
  it('finds what a figure measures, before or after it', () => {
    expect(measuredFigures('一小', ['组织教师参加各级培训120人次，开展校本研修18场']).map((m) => [m.figure, m.measure])).toEqual([
      ['120人次', '教师参加各级培训'],
      ['18场', '校本研修'],
    ]);
    expect(measuredFigures('二小', ['全年共有86名教师参加培训'])[0]).toMatchObject({ figure: '86名', measure: '教师参加培训' });
  });

  it('adds nothing that is not a count: percentages, years, ranks, approximations', () => {
    expect(measuredFigures('一小', ['合格率98.5%', '2025年获评先进', '获得第2名', '培训100余人次', '开展活动3次以上'])).toEqual([]);
    expect(measuredFigures('一小', ['培训教师95人次，其中省级培训5人次']).map((m) => m.figure)).toEqual(['95人次']);
  });

  it('offers one sum per measure and unit, one figure per school', () => {
    const { offers } = offerSums([
      ...measuredFigures('一小', ['培训教师120人次']),
      ...measuredFigures('二小', ['教师培训80人次', '接待家长80人次']),
      ...measuredFigures('三小', ['组织教师培训95人次']),
    ]);
    expect(offers).toEqual([{ value: '295人次', of: ['120人次', '80人次', '95人次'], op: 'sum', label: '培训教师', sources: ['一小', '二小', '三小'], accepted: false }]);
  });

  it('does not add different measures with a shared word', () => {
    expect(offerSums([...measuredFigures('一小', ['教师培训20人次']), ...measuredFigures('二小', ['家长培训30人次'])]).offers).toEqual([]);
    expect(offerSums([...measuredFigures('一小', ['开展研学实践活动3次']), ...measuredFigures('二小', ['开展“文明礼仪月”活动1次'])]).offers).toEqual([]);
  });

  it('matches wordings through any member, whatever the order of the reports', () => {
    const a = measuredFigures('一小', ['组织教师参加各级培训120人次']);
    const b = measuredFigures('二小', ['选派教师外出培训80人次']);
    const c = measuredFigures('三小', ['培训教师95人次']);
    for (const order of [[a, b, c], [c, b, a], [b, a, c]]) {
      expect(offerSums(order.flat()).offers.map((o) => o.value)).toEqual(['295人次']);
    }
  });

  it('leaves out, and names, a school that gives two different figures of one measure', () => {
    const { offers, leftOut } = offerSums([
      ...measuredFigures('一小', ['培训教师120人次', '另培训教师30人次']),
      ...measuredFigures('二小', ['培训教师80人次']),
      ...measuredFigures('三小', ['培训教师95人次']),
    ]);
    expect(offers.map((o) => [o.value, o.sources])).toEqual([['175人次', ['二小', '三小']]]);
    expect(leftOut).toEqual([{ school: '一小', label: '培训教师', figures: ['120人次', '30人次'] }]);
  });
});

describe('mergeItems', () => {
  it('says one point once with every source, and keeps the fuller wording', () => {
    expect(mergeItems([
      { school: '一小', items: ['校舍维修资金不足。'] },
      { school: '二小', items: ['一是校舍维修资金不足；二是部分教师信息技术应用能力不强'] },
      { school: '三小', items: ['部分学生安全意识较淡薄', '学生安全意识有待进一步提高'] },
    ])).toEqual([
      { text: '校舍维修资金不足。', sources: ['一小', '二小'] },
      { text: '部分教师信息技术应用能力不强', sources: ['二小'] },
      { text: '学生安全意识有待进一步提高', sources: ['三小'] },
    ]);
  });

  it('never folds a point with other figures into another', () => {
    expect(mergeItems([{ school: '一小', items: ['缺编教师5名'] }, { school: '二小', items: ['缺编教师3名'] }])).toHaveLength(2);
  });

  it('keeps apart points about different subjects', () => {
    expect(mergeItems([{ school: '一小', items: ['部分教师信息技术应用能力不强'] }, { school: '二小', items: ['部分教师课堂教学能力不强'] }])).toHaveLength(2);
  });
});

describe('withTablesAsFacts', () => {
  it('reads table rows as facts and drops the header', () => {
    expect(withTablesAsFacts({ topic: '队伍', facts: ['| 项目 | 完成情况 |', '| --- | --- |', '| 教师培训 | 210人次 |', '| 新入职教师 | 8名 | 均为本科 |'] }).facts).toEqual([
      '教师培训210人次',
      '新入职教师，8名，均为本科',
    ]);
  });
});
