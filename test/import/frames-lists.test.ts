/** Frames and lists in imported text: our composer's frames and the genre's recognised; 一是/首先/（1）/① lists split into items. */
import { describe, expect, it } from 'vitest';
import { OUR_CLOSING_TEMPLATES, OUR_FRAME_SENTENCES, isClosing, isFrame, stripLeadingFrames, topicOfHeading } from '../../src/import/frames.js';
import { splitList } from '../../src/import/list-items.js';
import { guessReportType } from '../../src/import/report-type.js';
import { recoverOutline } from '../../src/import/outline.js';
import { scheduleRows, tableLines } from '../../src/import/schedule-table.js';
import { importReport } from '../../src/import/import-report.js';

describe('frames', () => {
  it('knows every sentence our composer writes around facts', () => {
    expect(OUR_FRAME_SENTENCES.length).toBeGreaterThan(50);
    for (const sentence of OUR_FRAME_SENTENCES) expect(isFrame(sentence), sentence).toBe(true);
    // Closings are templates: filled as the composer fills them, they are recognised; a fact is not.
    const filled = OUR_CLOSING_TEMPLATES.map((t) => t.replace(/\[([^\]]*)\]/g, '$1').replace(/\{\{org\}\}/g, '某县教育局').replace(/\{\{leadership\}\}/g, '县委、县政府').replace(/\{\{\w+\}\}/g, '坚持立德树人'));
    expect(filled.filter((c) => isClosing(c)).length).toBeGreaterThan(filled.length / 2);
    expect(isFrame('建立学校安全隐患台账管理制度，完善应急预案。')).toBe(false);
  });

  it('recognises the genre’s usual frames by shape, never a sentence with a figure', () => {
    for (const frame of ['在肯定成绩的同时，也要看到存在的不足：', '现将一年来的工作汇报如下：', '下一步，全局上下将重点做好以下几方面工作：', '主要表现在：', '工作中还存在一些问题和不足：', '特制定本方案。']) {
      expect(isFrame(frame), frame).toBe(true);
    }
    for (const fact of ['全年发展党员12名。', '现将12所学校的整改情况列举如下：', '推进集团化办学，组建教育集团4个。', '建立学校安全隐患台账管理制度。']) {
      expect(isFrame(fact), fact).toBe(false);
    }
    expect(stripLeadingFrames('下一步，我们将坚持问题导向，重点抓好以下工作：一是新建小学1所；二是招聘教师20名。')).toEqual({
      text: '一是新建小学1所；二是招聘教师20名。',
      frames: ['下一步，我们将坚持问题导向，重点抓好以下工作：'],
    });
    expect(isClosing('我们将以更加饱满的精神状态，奋力谱写教育高质量发展新篇章。')).toBe(true);
    expect(isClosing('各学校要在9月1日前完成校舍安全检查。')).toBe(false);
  });

  it('reads the topic back out of a heading we wrote, and a hand-written heading’s first clause', () => {
    expect(topicOfHeading('坚持人才强教，教师队伍建设取得新成效')).toBe('教师队伍建设');
    expect(topicOfHeading('坚持底线思维，扎实做好校园安全工作')).toBe('校园安全工作');
    expect(topicOfHeading('抓实校园安全，平安校园创建有序推进')).toBe('抓实校园安全');
    expect(topicOfHeading('德育工作')).toBe('德育工作');
  });
});

describe('lists in one paragraph', () => {
  it('splits 一是……二是……, 首先……其次……最后……, （1）（2）, ① ②, 1、2、 and 第一，第二，', () => {
    expect(splitList('一是城区学位紧张；二是教师缺口约60名；三是信息化应用不均衡。')?.items).toEqual(['城区学位紧张', '教师缺口约60名', '信息化应用不均衡']);
    expect(splitList('首先，招聘教师135名；其次，培训参训率97.1%；最后，评选骨干88名。')?.items).toEqual(['招聘教师135名', '培训参训率97.1%', '评选骨干88名']);
    expect(splitList('（1）新建教室12间；（2）改造食堂3个。')?.items).toEqual(['新建教室12间', '改造食堂3个']);
    expect(splitList('①完成评估；②建立台账。')?.items).toEqual(['完成评估', '建立台账']);
    expect(splitList('主要做法是：1、建立制度；2、每月督查1次。')).toEqual({ lead: '主要做法是', items: ['建立制度', '每月督查1次'] });
    expect(splitList('第一，压实责任；第二，强化考核。')?.items).toEqual(['压实责任', '强化考核']);
  });

  it('leaves a paragraph that only mentions numbers or one marker alone', () => {
    expect(splitList('投入资金1.5万元，新建2、3号教学楼。')).toBeNull();
    expect(splitList('唯一是指全县只有一所。')).toBeNull();
    expect(splitList('一是加强管理。')).toBeNull();
  });

  it('imports 一是……二是…… problems and next steps as separate items, each with its figures', () => {
    const result = importReport('某县教育局2024年工作总结\n一、抓党建\n全年开展活动12次。\n二、存在的问题\n一是大班额仍有15个；二是教师缺口30名。\n三、下一步打算\n首先，新建学校2所；其次，招聘教师40名。');
    expect(result.facts.problems).toEqual(['大班额仍有15个', '教师缺口30名']);
    expect(result.facts.nextSteps).toEqual(['新建学校2所', '招聘教师40名']);
  });
});

describe('schedule tables', () => {
  it('reads Markdown rows and tab rows (plain-text and Word exports) into schedule rows, header and separator aside', () => {
    const md = ['| 时间 | 工作内容 | 备注 |', '| --- | --- | --- |', '| 9月 | 开学检查；入学教育 | 基教股 |', '| 10月 | 教学视导 |   |'];
    const rows = [{ when: '9月', items: ['开学检查', '入学教育'], note: '基教股' }, { when: '10月', items: ['教学视导'] }];
    expect(scheduleRows(md).rows).toEqual(rows);
    const tabbed = tableLines('时间\t工作内容\t备注\n\n9月\t开学检查；入学教育\t基教股\n\n10月\t教学视导\t').split('\n').filter((l) => l.startsWith('|'));
    expect(scheduleRows(tabbed).rows).toEqual(rows);
  });

  it('finds the columns by the header, whatever their order', () => {
    expect(scheduleRows(['| 工作内容 | 时间 |', '| 家长会 | 11月 |']).rows).toEqual([{ when: '11月', items: ['家长会'] }]);
  });

  it('restores a work plan’s 工作安排 from the table shape a .docx gives (one row a line, cells between tabs)', () => {
    const text = ['某区教育局2025年工作计划', '一、主要工作和措施', '（一）抓招生', '1. 9月1日正常开学。', '二、工作安排', '具体工作安排如下：', '时间\t工作内容\t备注', '第1周\t开学检查；新生教育\t基教科', '第2周\t教师节表彰\t', '某区教育局', '2025年8月1日'].join('\n\n');
    const facts = importReport(text).facts;
    expect(facts.schedule).toEqual([{ when: '第1周', items: ['开学检查', '新生教育'], note: '基教科' }, { when: '第2周', items: ['教师节表彰'] }]);
    expect(facts.sections.map((s) => s.topic)).toEqual(['抓招生']);
  });
});

describe('report type from content', () => {
  const outline = (text: string) => recoverOutline(text);

  it('weighs content over the title and says how sure it is', () => {
    const half = guessReportType(outline('某局上半年安全工作总结\n上半年，我局扎实推进各项工作。\n一、德育工作\n开展活动12次。\n二、教学工作\n听课300节。\n三、存在的问题\n经费不足。\n四、下半年工作打算\n新建学校1所。'));
    expect(half.type).toBe('half-year-summary');
    expect(half.confidence).toBeGreaterThanOrEqual(0.5);
    const plan = guessReportType(outline('某局2025年工作\n一、指导思想\n以全会精神为指导。\n二、工作目标\n1. 巩固率99%。\n三、主要工作和措施\n（一）抓教学\n1. 每月检查1次。\n四、工作安排\n| 9月 | 开学检查 |'));
    expect(plan.type).toBe('work-plan');
    expect(plan.confidence).toBe(1);
  });

  it('is unsure when nothing tells the types apart, and the import says so', () => {
    const bare = importReport('某县教育局\n一、加强管理\n完成培训12期。');
    expect(bare.reportType.unsure).toBe(true);
    expect(bare.warnings.some((w) => w.code === 'unsure-type')).toBe(true);
  });
});

describe('shapes other writers use', () => {
  it('reads a summary’s 主要工作及成效 holding （一）（二）… as its areas, and a lead-in before a list as a frame', () => {
    const text = [
      '某区教育局2024年上半年工作总结',
      '一、主要工作及成效',
      '（一）基础教育提质扩容。新建小学1所，新增学位1080个。',
      '（二）教师队伍持续优化。招聘教师85名。',
      '二、存在的问题',
      '当前工作中还存在一些问题：1.城区学位紧张；2.乡村教师缺编约45人。',
    ].join('\n');
    const { facts, frames } = importReport(text);
    expect(facts.sections.map((s) => [s.topic, s.facts])).toEqual([
      ['基础教育提质扩容', ['新建小学1所，新增学位1080个。']],
      ['教师队伍持续优化', ['招聘教师85名。']],
    ]);
    expect(facts.problems).toEqual(['城区学位紧张', '乡村教师缺编约45人']);
    expect(frames).toEqual(['当前工作中还存在一些问题：']);
  });

  it('reads a schedule written as lines (9月：……) and goals after 主要目标是：', () => {
    const text = ['某中学2025年秋季学期德育工作计划', '一、工作目标', '本学期的主要目标是：1.达标率95%以上；2.创建文明班级10个。', '二、主要措施', '（一）养成教育', '每月开展1次班会评比。', '三、工作安排', '9月：开学典礼', '10月中旬：运动会；国庆主题教育', '第18周（1月5日—1月9日）：期末总结'].join('\n');
    const { facts } = importReport(text);
    expect(facts.goals).toEqual(['达标率95%以上', '创建文明班级10个']);
    expect(facts.schedule).toEqual([
      { when: '9月', items: ['开学典礼'] },
      { when: '10月中旬', items: ['运动会', '国庆主题教育'] },
      { when: '第18周（1月5日—1月9日）', items: ['期末总结'] },
    ]);
    expect(facts.sections.map((s) => s.topic)).toEqual(['养成教育']);
  });
});

describe('key points as other writers set them out', () => {
  it('takes 一是 lines as items without their 一是, and the theme without “总体思路是：”', () => {
    const text = ['某县教育体育局2025年工作要点', '2025年，全县教育工作的总体思路是：以办好人民满意的教育为目标，提升质量。', '一、提升办学质量', '一是推进课堂改革，公开课80节；', '二是加强质量监测，覆盖学生1.2万名。'].join('\n');
    const { facts } = importReport(text);
    expect(facts.theme).toBe('以办好人民满意的教育为目标，提升质量');
    expect(facts.sections[0].facts.map((f) => f.replace(/[；。]$/, ''))).toEqual(['推进课堂改革，公开课80节', '加强质量监测，覆盖学生1.2万名']);
    expect(facts.type).toBe('key-points');
  });
});

describe('the title among web lines', () => {
  it('does not take a title naming the unit and a year (……2023年工作要点) for a next-steps heading', () => {
    const { facts } = importReport(['某站 www.example-fanwen.com', '清水县教育局2023年工作要点', '一、加强党建引领', '1、开展活动4次。', '2、培育品牌学校8所。'].join('\n'));
    expect(facts.title).toBe('清水县教育局2023年工作要点');
    expect(facts.type).toBe('key-points');
    expect(facts.nextSteps).toBeUndefined();
    expect(facts.sections[0].facts).toEqual(['开展活动4次。', '培育品牌学校8所。']);
  });
});
