import { describe, expect, it } from 'vitest';
import { isBoilerplate, normaliseText, splitReports } from '../../src/import/normalise.js';
import { fixture } from './fixtures.js';

describe('normaliseText', () => {
  it('converts traditional characters to simplified', () => {
    const { text, converted } = normaliseText(fixture('key-points-traditional.txt'));
    expect(converted).toBe(true);
    // Traditional forms the fixture uses; none may survive, and their simplified forms must be there.
    for (const ch of '臨縣統點黨導總體設學補職規範績獎嚴積責訂簽練經') expect(text).not.toContain(ch);
    for (const word of ['临江县', '教育系统', '工作要点', '党建', '指导思想', '签订', '演练']) expect(text).toContain(word);
  });

  it('leaves mainland simplified text as it is (no Taiwan variants: 显著 stays 显著)', () => {
    const input = '成效显著，着力提升；里程碑式的发展，干部作风转变。';
    expect(normaliseText(input)).toMatchObject({ text: input, converted: false });
  });

  it('removes tone-marked pinyin readings in half- and full-width parentheses, and only those', () => {
    const { text, pinyin } = normaliseText('建設(shè)队伍，補充（chōng）教师，指導(dǎo)思想（sī xiǎng）；办法(试行)，方案(A)，规划（2021-2025年）');
    expect(text).toBe('建设队伍，补充教师，指导思想；办法(试行)，方案(A)，规划（2021-2025年）');
    expect(pinyin).toBe(4);
  });

  it('turns &nbsp; remnants into nothing, even one broken across lines', () => {
    const { text } = normaliseText('组织送教下乡22场次，&nbs\np;受益教师960人次。\n示范课&nbsp;65节&amp;讲座nbsp;3场');
    expect(text).toBe('组织送教下乡22场次，受益教师960人次。\n示范课 65节&讲座 3场');
  });

  it('makes full-width digits half-width, keeping Chinese numerals', () => {
    const { text } = normaliseText('一、招聘教师１３５名，参训率９７．１％，投入２３３８.２万元，第二十届');
    expect(text).toBe('一、招聘教师135名，参训率97.1%，投入2338.2万元，第二十届');
  });

  it('drops web boilerplate lines but keeps report sentences that mention the same words', () => {
    const noise = [
      '搜索', '返回首页', '当前位置：首页 > 范文 > 总结', '青禾范文网', '来源：网友投稿　　时间：2024-12-28 09:15:02　　点击：1523',
      '本文选自青禾范文网，转载请注明出处。', '查看更多工作总结范文，请点击这里', '上一篇：某中学德育工作总结', '下一篇：某小学安全工作总结',
      '广告：教师资格证培训，加微信报名立减200元', '导语：本站为您精选了工作要点3篇，欢迎阅读参考。', 'www.example.com',
    ];
    for (const line of noise) expect(isBoilerplate(line), line).toBe(true);
    const kept = ['经费来源：区级财政全额保障，共计120万元，按学期拨付到校，专款专用并接受审计监督，确保资金使用规范高效，切实发挥效益。', '时间安排', '一、指导思想', '点击率不是我们追求的目标。'];
    const { text, removed } = normaliseText([...noise, ...kept].join('\n'));
    expect(removed).toHaveLength(noise.length);
    expect(text.split('\n')).toEqual(kept);
  });

  it('drops a menu of links between bars, with or without spaces, but not a row with figures', () => {
    for (const line of ['首页 | 范文大全 | 工作总结 | 工作计划 | 演讲稿', '首页｜学校概况｜新闻动态｜通知公告']) expect(isBoilerplate(line), line).toBe(true);
    for (const line of ['9月 | 开学检查 | 基教科', '| 第1周 | 开学工作检查 | 基教科牵头 |', '教师培训 | 210人次 | 已完成']) expect(isBoilerplate(line), line).toBe(false);
  });

  it('rejoins a paragraph broken after a comma and drops a title repeated at once', () => {
    const { text } = normaliseText('某区教育局工作总结\n某区教育局工作总结\n中小学生体质健康测试优良率达到56.3%，比上年提高2.4个百分点，\n全区新建标准化足球场3块。\n1、下一项');
    expect(text.split('\n')).toEqual(['某区教育局工作总结', '中小学生体质健康测试优良率达到56.3%，比上年提高2.4个百分点，全区新建标准化足球场3块。', '1、下一项']);
  });
});

describe('splitReports', () => {
  it('splits a collection at 篇一 / 篇二 / 第三篇 and drops the collection header', () => {
    const parts = splitReports(normaliseText(fixture('key-points-traditional.txt')).text);
    expect(parts.map((p) => p.title)).toEqual(['临江县教育局2023年党建工作要点', '临江县教育局2023年人事工作要点', '临江县教育局2023年安全工作要点']);
    expect(parts[0].text).not.toContain('3篇');
    expect(parts[1].text).toContain('计划招聘教师200名');
    expect(parts[2].text).toContain('每学期组织应急疏散演练不少于2次');
  });

  it('takes the unmarked text before 第二篇 as the first report', () => {
    const parts = splitReports('某县学校工作要点2篇\n某县中学2024年德育工作要点\n一、立德树人\n1.开展主题班会20次。\n第二篇：某县中学2024年教学工作要点\n一、课堂改革\n1.公开课40节。');
    expect(parts.map((p) => p.title)).toEqual(['某县中学2024年德育工作要点', '某县中学2024年教学工作要点']);
  });

  it('splits at a trailing 篇N mark (…工作计划篇1) and leaves a single report whole', () => {
    expect(splitReports('2024年工作计划篇1\n一、甲\n内容1项。\n2024年工作计划篇2\n一、乙\n内容2项。').length).toBe(2);
    const single = '某区教育局2024年工作总结\n一、甲\n内容。';
    expect(splitReports(single)).toEqual([{ title: '某区教育局2024年工作总结', text: single }]);
  });
});

describe('web pages around the report', () => {
  it('drops site headers, navigation bars by shape, date-and-source lines, slogans and recommendation lists', () => {
    for (const line of [
      '竞聘写作网山东一枝笔写作事务所主办 | 竞聘地图 把竞聘写作网设为首页 | 加入收藏',
      '返回首页 关于我们 竞聘动态 工作总结 联系我们',
      '首页 工作总结 工作计划 心得体会 演讲稿',
      '2012-08-13 来源:竞聘写作网 点击:',
      '2021/03/02 09:15',
      '演讲稿写作网，原创写作、专注精品。',
      '相关推荐：学校安全工作总结 | 幼儿园安全工作总结',
      '范文吧 www.fanwenba8.com',
    ]) {
      expect(isBoilerplate(line), line).toBe(true);
    }
    for (const line of ['2024年12月20日', '全区教育城域网实现万兆到校，覆盖学校86所。', '| 9月 | 开学检查 | 基教股 |', '加强党的建设 凝聚发展合力']) {
      expect(isBoilerplate(line), line).toBe(false);
    }
  });

  it('cuts a source line glued to a heading, keeping the heading, and says what it cut', () => {
    const { text, removed } = normaliseText('一、加强师资建设本文选自wwwp.jpyjg.com\n全年招聘教师120名。\n二、改善条件转载请注明出处\n新建教室8间。');
    expect(text).toBe('一、加强师资建设\n全年招聘教师120名。\n二、改善条件\n新建教室8间。');
    expect(removed).toEqual(['本文选自wwwp.jpyjg.com', '转载请注明出处']);
  });

  it('drops the header a page shows twice: the title and the first paragraph, and a listing title with 最新', () => {
    const page = ['最新某区教育局上半年工作总结篇五', '时间：2023-07-12 作者：admin', '某区教育局上半年工作总结篇五', '2023年上半年，某区教育局稳步推进各项工作，现将情况总结如下。', '2023年上半年，某区教育局稳步推进各项工作，现将情况总结如下。', '一、抓教学', '听课620节。'].join('\n');
    const { text } = normaliseText(page);
    expect(text.split('\n')).toEqual(['某区教育局上半年工作总结篇五', '2023年上半年，某区教育局稳步推进各项工作，现将情况总结如下。', '一、抓教学', '听课620节。']);
  });
});

describe('a page after the report and its buttons', () => {
  it('drops bracketed tool buttons, but never a 【待补充】 marker nor a bracketed heading of the report', () => {
    const { text, removed } = normaliseText('【字体：大 中 小】 【打印本页】 【关闭窗口】\n【待补充：存在的问题和不足】\n【经验做法】\n全年招聘教师158名。');
    expect(removed).toEqual(['【字体：大 中 小】 【打印本页】 【关闭窗口】']);
    expect(text).toBe('【待补充：存在的问题和不足】\n【经验做法】\n全年招聘教师158名。');
  });

  it('drops what follows the signature when none of it is prose (links, footer, registration numbers)', () => {
    const page = ['三、下一步打算', '推进集团化办学。', '某县教育局', '2026年1月6日', '【相关链接】 国务院 教育部 省教育厅 市教育局', '主办单位：某县人民政府办公室', '网站标识码：3311240001 浙ICP备05012345号-1', '联系电话：0578-8012345'].join('\n');
    const { text, removed } = normaliseText(page);
    expect(text.split('\n').at(-1)).toBe('2026年1月6日');
    expect(removed).toHaveLength(4);
  });

  it('keeps what follows a date when it is a second report or prose', () => {
    const two = ['甲校2025年工作总结', '全年开展活动12次。', '甲校', '2025年12月30日', '乙校2025年工作总结', '全年开展活动8次。'].join('\n');
    expect(normaliseText(two).text.split('\n')).toHaveLength(6);
  });

  it("drops a WeChat article's header and tail: 原创 line, 点击蓝字, END, 往期推荐 links, editors", () => {
    const page = ['原创 城关教育 城关教育发布 2026年01月09日 18:30 浙江', '点击蓝字 关注我们', '城关区教育局2025年度工作总结', '全年新增学位3150个。', 'END', '编辑：王晓丽', '审核：陈建国', '往期推荐', '▶ 寒假安全提醒，请家长查收！', '分享 收藏 点赞 在看'].join('\n');
    const { text } = normaliseText(page);
    expect(text).toBe('城关区教育局2025年度工作总结\n全年新增学位3150个。');
  });
});

describe('text copied out of a PDF', () => {
  it('joins lines the page wrapped, mid-figure and across a page break, and drops the page numbers', () => {
    const pdf = ['标题', '    一、主要工作', '    （一）办学条件不断改善。投入资金2.3亿元，新建学校3', '所，新增学位3600个。', '', '                              — 1 —', '', '    （二）招聘教师176名，组织培训', '58期。', '    二、存在的问题'].join('\n');
    const { text, removed } = normaliseText(pdf);
    expect(text.split('\n')).toEqual(['标题', '一、主要工作', '（一）办学条件不断改善。投入资金2.3亿元，新建学校3所，新增学位3600个。', '（二）招聘教师176名，组织培训58期。', '二、存在的问题']);
    expect(removed).toEqual(['— 1 —']);
  });

  it('never joins across a blank line that holds no page number (a title, then 各位领导：)', () => {
    const laidOut = ['关于2025年度教育工作的总结报告', '', '各位领导：', '    现将我县2025年度教育工作情况报告如下：', '    一、基本情况', '    全县共有学校126所。'].join('\n');
    expect(normaliseText(laidOut).text.split('\n').slice(0, 2)).toEqual(['关于2025年度教育工作的总结报告', '各位领导：']);
  });

  it('leaves a paste of one paragraph a line as it is, even with a few indented lines', () => {
    const paste = ['一、加强党建', '  全年发展党员12名，开展主题党日活动24次，覆盖全体党员', '二、教师队伍', '  招聘教师135名，组织全员培训4300人次，参训率达到97.1%', '三、安全工作', '  开展演练46场次，整改隐患213处'].join('\n');
    expect(normaliseText(paste).text.split('\n')).toHaveLength(6);
  });
});

describe('glued domains', () => {
  it('cuts a site domain glued to a heading, not an address a sentence cites', () => {
    expect(normaliseText('二、改善办学条件www.fanwen8.com\n学生可登录www.zxx.edu.cn学习。\n详见区教育局网站www.qhjy.gov.cn').text).toBe(
      '二、改善办学条件\n学生可登录www.zxx.edu.cn学习。\n详见区教育局网站www.qhjy.gov.cn',
    );
  });
});
