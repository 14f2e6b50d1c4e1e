/** The offline parser: org and period from free text, several fields at once, lists, facts, filler, figures kept. */
import { describe, expect, it } from 'vitest';
import { parseAnswerOffline, offlineParser } from '../../src/dialogue/offline-parser.js';
import { splitItems, stripNumbering } from '../../src/dialogue/answer-text.js';

const parse = (field: string, text: string) => parseAnswerOffline({ typeId: 'annual-summary', field, question: '', text });

describe('offline parser: org and period', () => {
  it('finds org and period in one free sentence', () => {
    expect(parse('org', '我们是某某区教育局，写2025年上半年的总结')).toEqual({ org: '某某区教育局', period: '2025年上半年' });
    expect(parse('org', '好的，以河口镇中心学校的名义写，2025年度的')).toEqual({ org: '河口镇中心学校', period: '2025年度' });
    expect(parse('org', '柳塘县教育和体育局')).toEqual({ org: '柳塘县教育和体育局' });
  });

  it('takes a plain short answer as the org when asked for it', () => {
    expect(parse('org', '青河区教研室')).toEqual({ org: '青河区教研室' });
    expect(parse('org', '区委教育工委办公室')).toEqual({ org: '区委教育工委办公室' });
  });

  it('keeps periods exactly as typed, full-width digits too', () => {
    expect(parse('period', '就写２０２５年度吧')).toEqual({ period: '２０２５年度' });
    expect(parse('period', '2025—2026学年第一学期')).toEqual({ period: '2025—2026学年第一学期' });
    expect(parse('period', '是2025年上半年')).toEqual({ period: '2025年上半年' });
  });

  it('does not read a full date as a period', () => {
    expect(parse('period', '2025年12月20日')).toBeNull();
    expect(parse('signature.date', '落款写2025年12月20日')).toEqual({ date: '2025年12月20日' });
  });

  it('returns null for filler, none, and answers that fit no field', () => {
    expect(parse('org', '嗯')).toBeNull();
    expect(parse('period', '还没想好')).toBeNull();
    expect(parse('problems', '没有')).toBeNull();
    expect(parse('sections[0].facts', '好的，就这些')).toBeNull();
  });
});

describe('offline parser: lists and facts', () => {
  it('splits work areas by line, 、 ； and numbering', () => {
    expect(parse('sections', '党建工作、教师队伍建设；基础设施建设\n4. 教育信息化')).toEqual({
      topics: ['党建工作', '教师队伍建设', '基础设施建设', '教育信息化'],
    });
    expect(parse('sections', '1.党建 2.教师队伍 3.学前教育')).toEqual({ topics: ['党建', '教师队伍', '学前教育'] });
    expect(parse('sections', '（一）招生入学（二）校园安全')).toEqual({ topics: ['招生入学', '校园安全'] });
  });

  it('takes a work area said with its facts (党建工作：…) as both, the facts kept with their commas and figures', () => {
    expect(parse('sections', '党建工作：开展主题党日12次，发展党员８名；教师队伍：培训教师300人次\n校园安全')).toEqual({
      topics: ['党建工作', '教师队伍', '校园安全'],
      topicFacts: [
        { topic: '党建工作', facts: ['开展主题党日12次，发展党员８名'] },
        { topic: '教师队伍', facts: ['培训教师300人次'] },
      ],
    });
    expect(parse('sections', '1.党建：主题党日12次 2.教学：赛课3场。送教下乡5次')).toEqual({
      topics: ['党建', '教学'],
      topicFacts: [
        { topic: '党建', facts: ['主题党日12次'] },
        { topic: '教学', facts: ['赛课3场', '送教下乡5次'] },
      ],
    });
    // A label for the whole answer is not a work area.
    expect(parse('sections', '工作领域：党建、教学')).toEqual({ topics: ['党建', '教学'] });
  });

  it('turns a multi-sentence answer into several facts, numbering stripped, figures kept exactly', () => {
    expect(parse('sections[1].facts', '一是招聘特岗教师135名，二是组织培训２０００人次，参训率97.1%。另外，发放补助2338.2万元。就这些')).toEqual({
      facts: ['招聘特岗教师135名', '组织培训２０００人次，参训率97.1%', '发放补助2338.2万元'],
    });
    expect(parse('sections[0].facts', '（一）新建学校3所\n（二）新增学位1500个\n①完成改造12所 ②投入1.86亿元')).toEqual({
      facts: ['新建学校3所', '新增学位1500个', '完成改造12所', '投入1.86亿元'],
    });
  });

  it('keeps words that look like filler or numbering when they are part of the fact', () => {
    expect(parse('goals', '学生体质健康达标率96%以上')).toEqual({ goals: ['学生体质健康达标率96%以上'] });
    expect(parse('sections[0].facts', '好评率达到98%；还有3所学校未达标；第3条公交专线开通')).toEqual({
      facts: ['好评率达到98%', '还有3所学校未达标', '第3条公交专线开通'],
    });
    expect(parse('sections[0].facts', '最后一公里接送覆盖1200名学生')).toEqual({ facts: ['最后一公里接送覆盖1200名学生'] });
  });

  it('takes labelled parts of an answer into their own fields', () => {
    expect(parse('problems', '1、城区学位紧张；2、音体美教师不足\n下一步：新建小学1所；推进集团化办学')).toEqual({
      problems: ['城区学位紧张', '音体美教师不足'],
      nextSteps: ['新建小学1所', '推进集团化办学'],
    });
  });

  it('splits guidance on 、 but not inside a document title', () => {
    expect(parse('guidance', '全国教育大会精神、《关于深化教育改革，全面推进素质教育的决定》')).toEqual({
      guidance: ['全国教育大会精神', '《关于深化教育改革，全面推进素质教育的决定》'],
    });
  });

  it('reads leadership without 在……的正确领导下', () => {
    expect(parse('leadership', '在区委、区政府的正确领导下')).toEqual({ leadership: '区委、区政府' });
  });

  it('is the AnswerParser contract: a promise of the same result', async () => {
    await expect(offlineParser({ typeId: 'annual-summary', field: 'period', question: '', text: '2025年' })).resolves.toEqual({ period: '2025年' });
  });
});

describe('answer text', () => {
  it('strips the numbering people type', () => {
    for (const item of ['1. 招生', '1、招生', '（1）招生', '(一)招生', '①招生', '一、招生', '一是招生', '第一，招生', '- 招生', '１．招生']) {
      expect(stripNumbering(item), item).toBe('招生');
    }
  });

  it('does not split decimals or take figures for numbering', () => {
    expect(splitItems('投入1.86亿元\n2.5万元用于培训', { sentences: true })).toEqual(['投入1.86亿元', '2.5万元用于培训']);
  });
});
