import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { composeDraft } from '../../src/services/draft-pipeline.js';
import { offlineComposer } from '../../src/compose/offline-composer.js';
import { parseFactSheet, type FactSheet } from '../../src/domain/fact-sheet.js';
import { findFigures } from '../../src/domain/figures.js';
import { docxText } from '../../src/import/docx-text.js';
import { fileText } from '../../src/import/file-text.js';
import { importReport } from '../../src/import/import-report.js';
import { reportTypes } from '../helpers/app.js';
import { factFigures, figuresOf, fixture, numbersOf, withoutLines } from './fixtures.js';

/** The noise lines of annual-noisy.txt: none may reach the facts, nor may their figures (1523, 200元 …). */
const ANNUAL_NOISE = [
  '搜索', '返回首页', '当前位置：首页 > 范文大全 > 工作总结', '青禾范文网', '来源：网友投稿　　时间：2024-12-28 09:15:02　　点击：1523',
  '本文选自青禾范文网，转载请注明出处。', '查看更多工作总结范文，请点击这里', '上一篇：某中学2024年德育工作总结', '下一篇：某小学安全工作总结',
  '广告：教师资格证培训，加微信报名立减２００元',
];

const TRADITIONAL = /[臨縣統點黨導總體設學補職規範績獎嚴積責訂簽練經於會發個]/;

describe('importReport on a noisy annual summary', () => {
  const raw = fixture('annual-noisy.txt');
  const result = importReport(raw);

  it('takes the unit from a title shaped <单位><时间段>工作总结 even without a usual ending, and says it guessed', () => {
    const result = importReport('城关一小2026年上半年工作总结\n一、教师队伍建设\n组织教师培训120人次。');
    expect(result.facts.org).toBe('城关一小');
    expect(result.facts.period).toBe('2026年上半年');
    expect(result.warnings.some((w) => w.field === 'org' && w.code === 'guessed')).toBe(true);
    expect(importReport('2025年工作总结\n一、党建\n开展活动3次。').facts.org).toBeUndefined();
  });

  it('gives a schema-valid fact sheet with type, org, period, title and signature from the text', () => {
    expect(result.valid).toBe(true);
    expect(parseFactSheet(result.facts).ok).toBe(true);
    expect(result.facts).toMatchObject({
      type: 'annual-summary',
      title: '河西区教育局2024年工作总结',
      org: '河西区教育局',
      period: '2024年',
      leadership: '区委、区政府',
      signature: { org: '河西区教育局', date: '2024年12月20日' },
    });
  });

  it('maps the parts: areas to sections (headings kept), 存在的问题 to problems item by item, 2025年工作打算 to nextSteps', () => {
    const { facts } = result;
    expect(facts.sections.map((s) => s.heading)).toEqual(['坚持党建引领，干部队伍作风进一步转变', '坚持内涵发展，办学质量稳步提高', '坚持改善条件，办学保障进一步加强']);
    expect(facts.sections[0].facts[0]).toBe('全年开展主题党日活动48次，新发展党员12名。');
    // 一是……；二是…… in one paragraph: one problem each, the 一是 numbering off (the draft writes its own).
    expect(facts.problems).toEqual(['城区学位依然紧张，部分小学班额超过45人', '农村学校音体美专职教师缺口约60名', '信息化应用水平不均衡']);
    // The part's heading holds only the year the plans are for: not an item, and the warning says so.
    expect(facts.nextSteps).toEqual(['新建小学1所、幼儿园2所，新增学位2700个。', '推进集团化办学，组建教育集团4个。']);
    expect(result.warnings.find((w) => w.field === 'nextSteps')?.message).toContain('2025年工作打算');
    // 首先……其次……最后…… become three facts, 一是/二是 under 1、 two more after the sub-heading.
    expect(facts.sections[1].facts).toContain('公开招聘新教师135名，其中研究生21名');
    expect(facts.sections[1].facts).toContain('评选区级骨干教师88名');
    expect(facts.sections[0].facts).toContain('组织党组理论学习中心组集中学习16次');
  });

  it('loses no figure of the report and keeps none of the boilerplate', () => {
    const expected = figuresOf(withoutLines(raw, [...ANNUAL_NOISE, '五、２０２５年工作打算']));
    const kept = factFigures(result.facts);
    for (const figure of expected) expect(kept, figure).toContain(figure);
    const json = JSON.stringify(result.facts);
    for (const line of ANNUAL_NOISE) expect(json).not.toContain(line.slice(0, 8));
    for (const figure of ['1523', '200元', '09:15:02']) expect(json).not.toContain(figure);
    expect(json).not.toMatch(/nbsp|&|范文网|[０-９]/);
    expect(result.warnings.find((w) => w.code === 'removed')?.message).toContain('10 处');
  });

  it('can be drafted again, and the draft keeps every figure', async () => {
    const facts = result.facts as FactSheet;
    const draft = await composeDraft({ facts, type: reportTypes.get(facts.type)!, composer: offlineComposer });
    expect(draft.figures.missing).toEqual([]);
    expect(draft.figures.invented).toEqual([]);
    for (const figure of findFigures(withoutLines(raw, [...ANNUAL_NOISE, '五、２０２５年工作打算']).replace(/^\s*(?:\d{1,2}[、.．]|[（(]\d[）)])/gm, ''))) {
      expect(draft.markdown, figure).toContain(figure.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace('．', '.').replace('％', '%'));
    }
    expect(draft.markdown).toContain('## 一、坚持党建引领，干部队伍作风进一步转变');
  });
});

describe('importReport on a traditional-character collection with pinyin', () => {
  const raw = fixture('key-points-traditional.txt');

  it('offers the reports, imports the first by default and any by number, simplified and without pinyin', () => {
    const first = importReport(raw);
    expect(first.reports?.map((r) => [r.index, r.title, r.type])).toEqual([
      [1, '临江县教育局2023年党建工作要点', 'key-points'],
      [2, '临江县教育局2023年人事工作要点', 'key-points'],
      [3, '临江县教育局2023年安全工作要点', 'key-points'],
    ]);
    expect(first.facts).toMatchObject({ type: 'key-points', org: '临江县教育局', period: '2023年', title: '临江县教育局2023年党建工作要点' });
    expect(first.facts.sections.map((s) => s.topic)).toEqual(['加强思想建设', '夯实基层组织']);
    const third = importReport(raw, { report: 3 });
    expect(third.valid).toBe(true);
    expect(third.facts.guidance).toEqual(['坚持安全第一、预防为主，确保校园安全稳定。']);
    expect(third.facts.sections.map((s) => s.topic)).toEqual(['落实责任', '开展演练']);
    for (const result of [first, importReport(raw, { report: 2 }), third]) {
      const json = JSON.stringify(result.facts);
      expect(json).not.toMatch(TRADITIONAL);
      expect(json).not.toMatch(/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/);
    }
  });

  it('loses no figure of the chosen report', () => {
    const parts = raw.split(/\n(?=篇二|第三篇)/);
    [1, 2, 3].forEach((n) => {
      const body = withoutLines(parts[n - 1], ['臨江縣教育系統工作要點3篇', '發佈時間：2023-02-11 10:20:45', '導語：本站為您精選了臨江縣教育系統工作要點3篇，歡迎閱讀參考。']);
      const kept = numbersOf(JSON.stringify(importReport(raw, { report: n }).facts));
      for (const number of numbersOf(body)) expect(kept, `report ${n}: ${number}`).toContain(number);
    });
  });

  it('says so when the asked-for report does not exist', () => {
    const result = importReport(raw, { report: 9 });
    expect(result.facts.title).toBe('临江县教育局2023年党建工作要点');
    expect(result.warnings.map((w) => w.message).join()).toContain('没有第 9 篇');
  });
});

describe('importReport on a work plan', () => {
  const raw = fixture('work-plan-mixed.txt');
  const result = importReport(raw);

  it('recognises guidance, goals, measure groups and safeguards', () => {
    expect(result.valid).toBe(true);
    expect(result.facts).toMatchObject({ type: 'work-plan', org: '松山区教育局', period: '2025年春季学期' });
    expect(result.facts.guidance).toEqual(['以立德树人为根本任务，聚焦质量提升，办好人民满意的教育。']);
    expect(result.facts.goals).toEqual(['义务教育巩固率保持在99.5%以上。', '新增省级示范幼儿园2所。']);
    expect(result.facts.sections.map((s) => s.topic)).toEqual(['提升课堂质量', '加强队伍建设', '守牢安全底线', '组织保障']);
    for (const figure of figuresOf(raw)) expect(factFigures(result.facts), figure).toContain(figure);
  });
});

describe('importReport on thin text', () => {
  it('lists what it could not find, and still returns the text as facts', () => {
    const result = importReport('今年我们完成了很多工作，招聘教师30名。');
    expect(result.valid).toBe(false);
    expect(result.warnings.filter((w) => w.code === 'missing').map((w) => w.field)).toEqual(['org', 'period']);
    expect(result.facts.sections[0].facts).toEqual(['今年我们完成了很多工作，招聘教师30名。']);
  });

  it('guesses org and period from the opening when the title lacks them, and says it guessed', () => {
    const result = importReport('工作总结\n2024年，东湖区教育局认真落实各项部署。\n一、加强党建\n发展党员5名。\n二、存在的问题\n经费不足。');
    expect(result.facts).toMatchObject({ org: '东湖区教育局', period: '2024年', type: 'annual-summary' });
    expect(result.warnings.filter((w) => w.code === 'guessed').map((w) => w.field)).toEqual(expect.arrayContaining(['org', 'period']));
  });
});

describe('.docx import', () => {
  it('a .docx holding the text imports like the text', async () => {
    const raw = fixture('annual-noisy.txt');
    const doc = new Document({ sections: [{ children: raw.split('\n').map((line) => new Paragraph(line)) }] });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const text = await docxText(bytes);
    expect(importReport(text).facts).toEqual(importReport(raw).facts);
    expect(importReport(await fileText('去年总结.docx', bytes)).facts).toEqual(importReport(raw).facts);
  });

  it('refuses a file that is not a .docx with a clear message', async () => {
    await expect(fileText('旧版.docx', new TextEncoder().encode('not a zip'))).rejects.toThrow('不是 .docx 文件');
    await expect(fileText('损坏.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow('无法读取');
    await expect(fileText('报告.pdf', new Uint8Array([1]))).rejects.toThrow('不支持的文件类型');
  });

  it('reads GB18030 text files as well as UTF-8', async () => {
    // "教育局" in GB18030 bytes, as an older Windows editor saves it.
    const gb = new Uint8Array([0xbd, 0xcc, 0xd3, 0xfd, 0xbe, 0xd6]);
    expect(await fileText('a.txt', gb)).toBe('教育局');
  });
});
