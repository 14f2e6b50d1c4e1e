import { describe, expect, it } from 'vitest';
import { normaliseText, splitReports } from '../../src/import/normalise.js';
import { flatten, partOf, recoverOutline, splitRunIn } from '../../src/import/outline.js';
import { fixture } from './fixtures.js';

const outlineOf = (name: string, report = 0) => recoverOutline(splitReports(normaliseText(fixture(name)).text)[report].text);
const headings = (name: string, report = 0) =>
  flatten(outlineOf(name, report).nodes)
    .filter((n) => n.style !== 'point')
    .map((n) => `${n.style}:${n.title}`);

describe('recoverOutline', () => {
  it('recovers the headings of a noisy annual summary in order, with mixed numbering (1、 1. 1．) at one level', () => {
    expect(headings('annual-noisy.txt')).toEqual([
      'cn:坚持党建引领，干部队伍作风进一步转变',
      'num:抓学习教育',
      'num:抓阵地建设',
      'cn:坚持内涵发展，办学质量稳步提高',
      'cn-paren:课堂教学改革',
      'cn-paren:教师队伍建设',
      'cn-paren:学生体质健康',
      'cn:坚持改善条件，办学保障进一步加强',
      // A numbered item of one sentence is its own heading, without the full stop.
      'num:完成11所学校校舍维修改造，投入资金2338.2万元',
      'num-paren:新建塑胶运动场4个，面积12600平方米',
      'num-paren:为农村学校配备多媒体教学设备320套',
      'cn:存在的问题',
      'cn:2025年工作打算',
      'num:新建小学1所、幼儿园2所，新增学位2700个',
      'num:推进集团化办学，组建教育集团4个',
    ]);
    const outline = outlineOf('annual-noisy.txt');
    expect(outline.title).toBe('河西区教育局2024年工作总结范文');
    expect(outline.signature).toEqual({ org: '河西区教育局', date: '2024年12月20日' });
    expect(outline.nodes.map((n) => n.part)).toEqual([undefined, undefined, undefined, 'problems', 'nextSteps']);
  });

  it('nests 一、 → （一） → 1、 → （1） by the official hierarchy and recognises the plan parts', () => {
    const outline = outlineOf('work-plan-mixed.txt');
    expect(outline.nodes.map((n) => [n.title, n.part])).toEqual([
      ['指导思想', 'guidance'],
      ['工作目标', 'goals'],
      ['主要措施', 'measures'],
      ['组织保障', 'safeguards'],
    ]);
    const measures = outline.nodes[2];
    expect(measures.children.map((c) => c.title)).toEqual(['提升课堂质量', '加强队伍建设', '守牢安全底线']);
    expect(measures.children[1].children.map((c) => [c.style, c.line])).toEqual([
      ['num-paren', '选派120名青年教师跟岗学习。'],
      ['num-paren', '举办校长读书会6期。'],
    ]);
    expect(measures.children[2].lead).toBe('每月开展一次校园安全隐患排查，整改率达到100%。');
  });

  it('recovers each report of a traditional-character collection', () => {
    expect(headings('key-points-traditional.txt', 2)).toEqual(['cn:指导思想', 'cn:主要措施', 'cn-paren:落实责任', 'cn-paren:开展演练']);
    expect(headings('key-points-traditional.txt', 1)).toEqual([
      'cn:做好教师补充',
      'num:计划招聘教师200名，其中特岗教师80名',
      'num:完成2023年度职称评审工作',
      'cn:深化绩效改革',
      'num:修订奖励性绩效工资分配办法，向一线教师倾斜',
    ]);
  });

  it('keeps 一是/二是 and 首先/其次 points as their own items under their heading, words included', () => {
    const outline = recoverOutline('某区教育局2024年工作总结\n一、加强队伍建设\n首先，招聘教师135名。\n其次，培训校长40名。\n二、存在的问题\n一是学位紧张；\n二是经费不足。');
    expect(outline.nodes[0].children.map((c) => [c.style, c.line])).toEqual([
      ['point', '首先，招聘教师135名。'],
      ['point', '其次，培训校长40名。'],
    ]);
    expect(outline.nodes[1].children.map((c) => c.line)).toEqual(['一是学位紧张；', '二是经费不足。']);
  });
});

describe('splitRunIn', () => {
  it('splits a heading run together with its paragraph at the heading end (stop, colon, or a paragraph opening)', () => {
    expect(splitRunIn('强化责任体系建设。层层签订责任书120份。')).toEqual({ title: '强化责任体系建设', lead: '层层签订责任书120份。' });
    expect(splitRunIn('守牢安全底线：每月排查一次。')).toEqual({ title: '守牢安全底线', lead: '每月排查一次。' });
    expect(splitRunIn('坚持党建引领，作风进一步转变全年开展主题党日活动48次。')).toEqual({ title: '坚持党建引领，作风进一步转变', lead: '全年开展主题党日活动48次。' });
    expect(splitRunIn('加强队伍建设，全面提升全区教师素质')).toEqual({ title: '加强队伍建设，全面提升全区教师素质' });
  });
});

describe('partOf', () => {
  it('names the genre parts by their headings', () => {
    const cases: Array<[string, string | undefined]> = [
      ['存在的问题', 'problems'], ['存在的问题和不足', 'problems'], ['问题与不足', 'problems'],
      ['下一步工作打算', 'nextSteps'], ['下半年工作打算', 'nextSteps'], ['明年工作要点', 'nextSteps'],
      ['指导思想', 'guidance'], ['工作目标', 'goals'], ['主要措施', 'measures'], ['工作要点', 'keyPoints'],
      ['组织保障', 'safeguards'], ['总体要求', 'theme'], ['坚持立德树人，德育实效进一步增强', undefined],
    ];
    for (const [title, part] of cases) expect(partOf(title), title).toBe(part);
  });
});
