/**
 * How the offline interview reads answers typed the way staff talk: frames and lead-ins, one area per line,
 * joiners, relative periods (from the date the server passes), corrections, figures in every field; what it
 * says back when it had to interpret (对吗？, once); additions at any point; 未归类 kept, placed or dropped.
 */
import { describe, expect, it } from 'vitest';
import { beginTurn, finishTurn, startInterview, type InterviewState } from '../../src/dialogue/interview.js';
import { parseAnswerOffline } from '../../src/dialogue/offline-parser.js';
import { relativePeriod } from '../../src/dialogue/relative-period.js';
import { readTopics } from '../../src/dialogue/topic-list.js';
import { applyCorrections } from '../../src/dialogue/answer-text.js';
import { detectControl } from '../../src/dialogue/controls.js';
import { reportTypes } from '../helpers/app.js';

const annual = reportTypes.get('annual-summary')!;

function turn(state: InterviewState, text: string, today: string, type = annual) {
  const step = beginTurn(state, type, text);
  if (step.kind === 'reply') return step;
  const result = finishTurn(state, type, text, parseAnswerOffline({ ...step.input, today }));
  return result.again ? finishTurn(result.again.state, type, text, parseAnswerOffline({ ...result.again.input, today }), result.again.lead) : result;
}

function run(texts: string[], today = '2025-12-15', type = annual) {
  let { state, reply } = startInterview(type);
  for (const text of texts) ({ state, reply } = turn(state, text, today, type));
  return { state, reply };
}

const topics = (state: InterviewState) => state.facts.sections.map((s) => s.topic);

describe('answers that belong elsewhere, kept', () => {
  const parse = (field: string, text: string, question = '', topic?: string) =>
    parseAnswerOffline({ typeId: 'safety-summary', field, question, text, today: '2026-12-02', ...(topic ? { topic } : {}) });

  it('doubts a 总体思路 that reads like problems or plans; a corrected doubt keeps the doubted words as 未归类', () => {
    expect(parse('theme', '有的：个别学校安全管理还有漏洞，应急演练流于形式')).toMatchObject({ doubt: true });
    expect(parse('theme', '下一步要健全安全管理长效机制')).toMatchObject({ doubt: true });
    expect(parse('theme', '坚持安全第一、预防为主')?.doubt).toBeUndefined();
    const safety = reportTypes.get('safety-summary')!;
    let { state, reply } = run(['县教育局', '2026年', '消防安全', '演练12次', '跳过', '跳过'], '2026-12-02', safety);
    expect(reply.field).toBe('theme');
    ({ state, reply } = turn(state, '个别学校安全管理还有漏洞', '2026-12-02', safety));
    expect(reply.text).toContain('像是存在的问题');
    ({ state, reply } = turn(state, '不对，是坚持安全第一、预防为主', '2026-12-02', safety));
    expect(state.facts.theme).toBe('坚持安全第一、预防为主');
    expect(state.facts.unplaced).toEqual(['个别学校安全管理还有漏洞']);
  });

  it("files no bare date as a problem or a plan, and drops the area's own name said as a label", () => {
    expect(parse('problems', '12月25日')).toBeNull();
    expect(parse('nextSteps', '2026年12月25日')).toBeNull();
    expect(parse('sections[3].facts', '防溺水：发放告知书5.6万份', '关于“防溺水”，具体做了哪些工作？', '防溺水')?.facts).toEqual(['发放告知书5.6万份']);
    // Another name before a colon is the facts' own (农村学校：…), kept.
    expect(parse('sections[3].facts', '农村学校：新建宿舍3栋', '关于“防溺水”，具体做了哪些工作？', '防溺水')?.facts).toEqual(['农村学校：新建宿舍3栋']);
  });

  it('reads the spoken forms a new interview showed: 咱们是…, 三件事儿：一是…, 没有特别的, 问题的话，…', () => {
    expect(parse('org', '咱们是东湖区教育体育局')?.org).toBe('东湖区教育体育局');
    expect(parse('sections', '上半年主要干了三件事儿：一是抓党建，二是抓质量，三是抓安全')?.topics).toEqual(['抓党建', '抓质量', '抓安全']);
    expect(parse('guidance', '没有特别的')).toBeNull();
    expect(parse('problems', '问题的话，学位还是紧张，再一个就是教师编制不够')?.problems).toEqual(['学位还是紧张', '教师编制不够']);
  });

  it('doubts guidance said for the areas and figures said for the guidance; a date must look like one; 先这样吧 ends the questions', () => {
    expect(parse('sections', '以习近平新时代中国特色社会主义思想为指导，全面贯彻党的教育方针')).toMatchObject({ doubt: true });
    expect(parse('sections', '思想政治工作、教师队伍建设')?.doubt).toBeUndefined();
    expect(parse('guidance', '新增普惠性学位1200个')).toMatchObject({ doubt: true });
    expect(parse('guidance', '《教育强国建设规划纲要（2024—2035年）》')?.doubt).toBeUndefined();
    expect(parse('signature.date', '好了，先这样吧')).toBeNull();
    expect(parse('signature.date', '十二月二十日')).toMatchObject({ date: '十二月二十日' });
    expect(detectControl('好了，先这样吧')).toEqual({ kind: 'finish', draftNow: false });
    expect(detectControl('好的，跳过')).toEqual({ kind: 'skip' });
    expect(detectControl('好了')).toEqual({ kind: 'finish', draftNow: false });
  });

  it("points to the import when the areas are said to be last year's (按照去年的几个方面写就行)", () => {
    expect(parse('sections', '按照去年的几个方面写就行')).toBeNull();
    const { state, reply } = run(['区教育局', '2026年', '按照去年的几个方面写就行'], '2026-12-02');
    expect(reply.text).toContain('用去年的报告开始');
    expect(reply.field).toBe('sections');
    expect(state.facts.sections).toEqual([]);
  });

  it('splits guidance at whole titles only: 二十届二中、三中全会精神 and 全国、全省教育大会精神 stay one each', () => {
    expect(parse('guidance', '党的二十大和二十届二中、三中全会精神，全国、全省教育大会精神')?.guidance).toEqual(['党的二十大和二十届二中、三中全会精神', '全国、全省教育大会精神']);
    expect(parse('guidance', '全国教育大会精神、《教育强国建设规划纲要（2024—2035年）》')?.guidance).toEqual(['全国教育大会精神', '《教育强国建设规划纲要（2024—2035年）》']);
  });

  it('keeps an aside that the figures are to be checked out of the facts, and says the figures back once', () => {
    const q = '关于“教师队伍建设”，今年具体做了哪些事、取得了哪些成效？';
    const said = parse('sections[1].facts', '嗯……招了135个吧，具体数字我再核实一下', q);
    expect(said?.facts).toEqual(['招了135个吧']);
    expect(said?.check).toContain('数字还要核实');
    expect(parse('sections[1].facts', '培训2000人次（待核实）', q)?.facts).toEqual(['培训2000人次']);
    // Without such an aside nothing is asked.
    expect(parse('sections[1].facts', '招聘教师135名，其中研究生18名', q)?.check).toBeUndefined();
  });

  it('reads a whole request at the first question: 帮我写一份城关镇中心小学2026年上学期的工作总结, 今年暑期', () => {
    expect(parse('org', '帮我写一份城关镇中心小学2026年上学期的工作总结')).toMatchObject({ org: '城关镇中心小学', period: '2026年上学期' });
    expect(parse('org', '区教育局，今年暑期安全工作')).toMatchObject({ org: '区教育局', period: '2026年暑期' });
    expect(parse('org', '城关镇中心学校')?.org).toBe('城关镇中心学校');
  });

  it("takes the unit's name without the speaker's 我们 (以我们县教育局名义)", () => {
    expect(parse('org', '安全工作总结是以我们县教育局名义，时间是今年一整年')?.org).toBe('县教育局');
  });
});

describe('an area with nothing to say yet', () => {
  it("takes 暂时没有 for an area's facts: the area stays for 【待补充】, the questions go on, and 删除后勤 drops it in the review", () => {
    let { state, reply } = run(['青山镇中心学校', '2025年', '党建、教学、后勤', '发展党员3名', '开展教研52次', '暂时没有'], '2026-12-02');
    expect(reply.text).toContain('“后勤”暂不填写，稿中会标注【待补充】');
    expect(reply.field).toBe('leadership');
    expect(topics(state)).toEqual(['党建', '教学', '后勤']);
    ({ state, reply } = turn(state, '完成', '2026-12-02'));
    ({ state, reply } = turn(state, '删除后勤', '2026-12-02'));
    expect(topics(state)).toEqual(['党建', '教学']);
    expect(reply.text).toContain('已删除第3部分“后勤”');
    // A name the outline does not hold is not understood, and nothing changes.
    ({ state, reply } = turn(state, '删除信息化', '2026-12-02'));
    expect(reply.text).toContain('没有看懂');
    expect(topics(state)).toEqual(['党建', '教学']);
  });
});

describe('lists said in one breath, and the date as 今天', () => {
  const parse = (field: string, text: string) => parseAnswerOffline({ typeId: 'annual-summary', field, question: '', text, today: '2026-12-02' });

  it('splits 一个是……，另一个是…… and …，另外…… into items, without the count before them', () => {
    expect(parse('problems', '主要是两个问题：一个是学位紧张，另一个是教师老龄化')?.problems).toEqual(['学位紧张', '教师老龄化']);
    expect(parse('nextSteps', '新建学校2所，另外推进集团化办学')?.nextSteps).toEqual(['新建学校2所', '推进集团化办学']);
    expect(parse('goals', '有三个目标：巩固率99%以上；优秀率提高3个百分点；新增学位900个')?.goals).toEqual(['巩固率99%以上', '优秀率提高3个百分点', '新增学位900个']);
    // A document's title may hold 同时: guidance is not split at joiners.
    expect(parse('guidance', '《关于深化教育改革，同时加强管理的意见》')?.guidance).toEqual(['《关于深化教育改革，同时加强管理的意见》']);
  });

  it("reads 今天 / 明天 as the date from the server's day, said back once", () => {
    expect(parse('signature.date', '今天')).toMatchObject({ date: '2026年12月2日' });
    expect(parse('signature.date', '就写明天吧')).toMatchObject({ date: '2026年12月3日' });
    expect(parse('signature.date', '今天')?.check).toContain('推算为“2026年12月2日”');
    let { state, reply } = run(['区教育局', '2026年', '党建工作', '发展党员12名', '跳过', '跳过', '跳过', '跳过', '跳过'], '2026-12-02');
    expect(reply.field).toBe('signature.date');
    ({ state, reply } = turn(state, '今天', '2026-12-02'));
    expect(reply.text).toContain('我理解为：落款日期“2026年12月2日”。对吗？');
    ({ state } = turn(state, '对', '2026-12-02'));
    expect(state.facts.signature?.date).toBe('2026年12月2日');
  });
});

describe('a check (对吗？) answered by going on', () => {
  it('files the check and reads the words as the next answer: the period from 今年, then the areas', () => {
    let { state, reply } = run(['城关区教育局', '今年'], '2026-12-02');
    expect(reply.text).toContain('我理解为：时间段“2026年”。对吗？');
    ({ state, reply } = turn(state, '党建工作、教师队伍建设、校园安全', '2026-12-02'));
    expect(state.facts.period).toBe('2026年');
    expect(topics(state)).toEqual(['党建工作', '教师队伍建设', '校园安全']);
    expect(state.facts.unplaced).toBeUndefined();
    expect(reply.text).toMatch(/^已记下：时间段“2026年”。已记下：工作领域 3 个/);
    expect(reply.field).toBe('sections[0].facts');
    // One turn in the transcript: the words once, and the one reply.
    expect(state.transcript.filter((e) => e.role === 'user' && e.text.startsWith('党建工作')).length).toBe(1);
  });

  it('says the next answer back when it too had to be interpreted (主要是三块：…), after filing the first', () => {
    let { state, reply } = run(['城关区教育局', '今年'], '2026-12-02');
    ({ state, reply } = turn(state, '主要是三块：党建工作、教师队伍建设、校园安全', '2026-12-02'));
    expect(state.facts.period).toBe('2026年');
    expect(reply.text).toContain('已记下：时间段“2026年”。');
    expect(reply.text).toContain('我理解为：3 个工作领域：党建工作、教师队伍建设、校园安全。对吗？');
    ({ state } = turn(state, '对', '2026-12-02'));
    expect(topics(state)).toEqual(['党建工作', '教师队伍建设', '校园安全']);
  });

  it('still takes a bare correction as a correction (2025年 to a check of 今年)', () => {
    let { state, reply } = run(['城关区教育局', '今年'], '2026-12-02');
    ({ state, reply } = turn(state, '2025年', '2026-12-02'));
    expect(state.facts.period).toBe('2025年');
    expect(reply.field).toBe('sections');
  });

  it('does not take an unanswered doubt as yes: a plan said as 领导机关 waits in 未归类, and the next words answer the next question', () => {
    const areas = ['县教育局', '2026年上半年', '校舍安全、消防安全', '排查校舍128栋', '开展疏散演练186场次'];
    let { state, reply } = run(areas, '2026-07-01', reportTypes.get('safety-summary')!);
    expect(reply.field).toBe('leadership');
    ({ state, reply } = turn(state, '下学期完成监控升级改造', '2026-07-01', reportTypes.get('safety-summary')!));
    expect(reply.text).toContain('这段话不像是领导机关');
    expect(state.facts.leadership).toBeUndefined();
    ({ state, reply } = turn(state, '《中小学幼儿园安全管理办法》', '2026-07-01', reportTypes.get('safety-summary')!));
    expect(state.facts.leadership).toBeUndefined();
    expect(state.facts.unplaced).toEqual(['下学期完成监控升级改造']);
    expect(state.facts.guidance).toEqual(['《中小学幼儿园安全管理办法》']);
    expect(reply.text).toMatch(/^刚才那段话没有记作领导机关，先放在“未归类”里/);
  });

  it('takes the names of authorities as they are said, with no doubt raised', () => {
    const said = ['区委、区政府', '县委县政府', '在市委、市政府的坚强领导下', '区委、区政府和区安委会', '上级主管部门', '省教育厅', '县委教育工委', '区教育和体育局', '镇党委政府', '在县委、县政府的统一领导下'];
    for (const text of said) {
      const parsed = parseAnswerOffline({ typeId: 'annual-summary', field: 'leadership', question: '', text })!;
      expect(parsed.check, text).toBeUndefined();
      expect(parsed.leadership, text).toMatch(/(?:委|府|厅|局|部门|会)$/);
    }
    for (const text of ['下学期完成监控升级改造', '部分农村学校监控设备老化', '围绕立德树人根本任务']) {
      expect(parseAnswerOffline({ typeId: 'annual-summary', field: 'leadership', question: '', text })?.check, text).toContain('不像是领导机关');
    }
  });

  it("takes an area's facts said instead of 对 to the check of the areas as yes, and files them under the first area", () => {
    let { state, reply } = run(['区教育局', '2026年度', '党建、队伍、安全、还有教育信息化四个方面'], '2026-12-02');
    expect(reply.text).toContain('我理解为：4 个工作领域');
    ({ state, reply } = turn(state, '全年共召开党组会12次，理论学习中心组学习10次', '2026-12-02'));
    expect(topics(state)).toEqual(['党建', '队伍', '安全', '教育信息化']);
    expect(state.facts.sections[0].facts).toEqual(['全年共召开党组会12次，理论学习中心组学习10次']);
    expect(state.facts.unplaced).toBeUndefined();
    expect(reply.field).toBe('sections[1].facts');
  });

  it('loses nothing for a caller that does not read the words again: the check filed, the words as 未归类', () => {
    const { state } = run(['城关区教育局', '今年'], '2026-12-02');
    const text = '党建工作、教师队伍建设';
    const step = beginTurn(state, annual, text);
    expect(step.kind).toBe('parse');
    const result = finishTurn(state, annual, text, parseAnswerOffline({ ...(step as { input: Parameters<typeof parseAnswerOffline>[0] }).input, today: '2026-12-02' }));
    expect(result.again?.input.field).toBe('sections');
    expect(result.state.facts.period).toBe('2026年');
    expect(result.state.facts.unplaced).toEqual([text]);
  });

  it('上一步 after going on takes back the next answer, and keeps the check as filed', () => {
    let { state } = run(['城关区教育局', '今年', '党建工作、教师队伍建设'], '2026-12-02');
    expect(topics(state)).toEqual(['党建工作', '教师队伍建设']);
    ({ state } = turn(state, '上一步', '2026-12-02'));
    expect(topics(state)).toEqual([]);
    expect(state.facts.period).toBe('2026年');
  });
});

describe('work areas as people list them', () => {
  it('reads 主要是三块：… as three areas, says so once, then asks each area (not 领导机关)', () => {
    let { state, reply } = run(['青河区教育局', '2025年', '主要是三块：校舍建设、教师培训、校园安全']);
    expect(reply.text).toContain('我理解为：3 个工作领域：校舍建设、教师培训、校园安全。对吗？');
    expect(reply.field).toBe('sections');
    expect(state.facts.sections).toEqual([]);
    ({ state, reply } = turn(state, '对', '2025-12-15'));
    expect(topics(state)).toEqual(['校舍建设', '教师培训', '校园安全']);
    expect(reply.field).toBe('sections[0].facts');
    for (const answer of ['新建学校6所', '培训教师4200人次', '排查隐患317处']) ({ state, reply } = turn(state, answer, '2025-12-15'));
    expect(state.facts.sections.map((s) => s.facts)).toEqual([['新建学校6所'], ['培训教师4200人次'], ['排查隐患317处']]);
    expect(state.facts.leadership).toBeUndefined();
    expect(state.facts.guidance).toBeUndefined();
    expect(reply.field).toBe('leadership');
  });

  it('drops the lead-in sentence before 一是……四是……', () => {
    const read = readTopics('今年重点做了这么几项工作，一是党建引领，二是立德树人，三是队伍建设，四是教育信息化建设');
    expect(read.topics).toEqual(['党建引领', '立德树人', '队伍建设', '教育信息化建设']);
    expect(read.interpreted).toBe(true);
  });

  it('takes 嗯，对 as yes, 对，还有… as yes-and-more, and 完成 files what was waiting', async () => {
    let { state } = run(['青河区教育局', '2025年', '主要是三块：校舍建设、教师培训、校园安全']);
    expect(topics(turn(state, '嗯，对的', '2025-12-15').state)).toEqual(['校舍建设', '教师培训', '校园安全']);
    expect(topics(turn(state, '对，还有教育信息化', '2025-12-15').state)).toEqual(['校舍建设', '教师培训', '校园安全', '教育信息化']);
    const finished = turn(state, '完成', '2025-12-15');
    expect(topics(finished.state)).toEqual(['校舍建设', '教师培训', '校园安全']);
    expect(finished.state.state).toBe('confirming');
    // 跳过 is not an answer: the areas are required, so it is refused and the check still waits.
    ({ state } = turn(state, '跳过', '2025-12-15'));
    expect(state.facts.sections).toEqual([]);
    expect(state.pending?.field).toBe('sections');
  });

  it('keeps one area per line whole, commas and all, and asks nothing back', () => {
    const { state, reply } = run(['青河区教育局', '2025年', '加强领导，完善制度，健全安全工作机制\n深化课堂改革，提升教学质量']);
    expect(topics(state)).toEqual(['加强领导，完善制度，健全安全工作机制', '深化课堂改革，提升教学质量']);
    expect(reply.text).not.toContain('对吗？');
  });

  it('reads 一个是……再一个是…… and 首先……其次……最后…… as lists', () => {
    expect(readTopics('一个是控辍保学，再一个是课后服务，还有一个是营养餐').topics).toEqual(['控辍保学', '课后服务', '营养餐']);
    expect(readTopics('首先是思政教育，其次是体育美育，最后是家校共育').topics).toEqual(['思政教育', '体育美育', '家校共育']);
    expect(readTopics('包括教师队伍、课程改革、智慧教育这几块').topics).toEqual(['教师队伍', '课程改革', '智慧教育']);
  });

  it.each([
    ['大概就是党建、教学这两块', ['党建', '教学']],
    ['有三块，一块是党建，一块是教学，一块是安全', ['党建', '教学', '安全']],
    ['这个嘛，主要有两个，一个是安全，一个是招生', ['安全', '招生']],
    ['教师队伍建设。校园安全。教育信息化。', ['教师队伍建设', '校园安全', '教育信息化']],
    ['一、党建工作\n二、教学工作\n就这两块', ['党建工作', '教学工作']],
    ['分成：党建、德育、后勤三块', ['党建', '德育', '后勤']],
    ['德育和教学两个方面', ['德育', '教学']],
    ['今年就是抓了控辍保学', ['控辍保学']],
    ['安全方面的工作', ['安全']],
    ['党建/教学/安全', ['党建', '教学', '安全']],
    ['A. 党建  B. 教学  C. 安全', ['党建', '教学', '安全']],
  ])('reads %s as its areas', (answer, expected) => {
    expect(readTopics(answer).topics).toEqual(expected);
  });

  it('takes facts said in brackets or after 方面 as that area’s', () => {
    expect(readTopics('学校建设（新建学校3所）、教师培训').topicFacts).toEqual([{ topic: '学校建设', facts: ['新建学校3所'] }]);
    expect(readTopics('党建方面发展党员5名，教学方面中考优秀率提升3个百分点').topicFacts).toEqual([
      { topic: '党建', facts: ['发展党员5名'] },
      { topic: '教学', facts: ['中考优秀率提升3个百分点'] },
    ]);
  });

  it('never makes 还有校园安全 an area name; a plain correction fixes what it said back, without asking again', () => {
    let { state, reply } = run(['青河区教育局', '2025年', '校舍建设和教师培训，还有校园安全']);
    expect(reply.text).toContain('2 个工作领域：校舍建设和教师培训、校园安全。对吗？');
    ({ state, reply } = turn(state, '不对，是三个：校舍建设、教师培训、校园安全', '2025-12-15'));
    expect(topics(state)).toEqual(['校舍建设', '教师培训', '校园安全']);
    expect(reply.text).not.toContain('对吗？');
    expect(reply.field).toBe('sections[0].facts');
  });

  it('areas said with their facts in one breath (这块 / 关于) file each figure under its area', () => {
    const read = readTopics('党建这块，发展党员19名；关于学前教育，新建公办幼儿园8所；还有就是教育督导，督导480校次');
    expect(read.topicFacts).toEqual([
      { topic: '党建', facts: ['发展党员19名'] },
      { topic: '学前教育', facts: ['新建公办幼儿园8所'] },
      { topic: '教育督导', facts: ['督导480校次'] },
    ]);
  });

  it('keeps facts given where areas were asked as 未归类, and asks for the areas again', () => {
    const { state, reply } = run(['青河区教育局', '2025年', '开展安全检查42次，排查隐患137处']);
    expect(state.facts.sections).toEqual([]);
    expect(state.facts.unplaced).toEqual(['开展安全检查42次', '排查隐患137处']);
    expect(reply.text).toContain('未归类');
    expect(reply.field).toBe('sections');
  });
});

describe('periods said relative to today', () => {
  it('resolves 今年, 今年上半年, 去年, 明年, 上学期, 本学期 from the date given', () => {
    expect(relativePeriod('今年的', '2025-12-15')?.period).toBe('2025年');
    expect(relativePeriod('就写今年上半年', '2025-07-05')?.period).toBe('2025年上半年');
    expect(relativePeriod('去年', '2026-01-06')?.period).toBe('2025年');
    expect(relativePeriod('明年', '2025-12-19')?.period).toBe('2026年');
    expect(relativePeriod('上学期', '2025-09-10')?.period).toBe('2024—2025学年第二学期');
    expect(relativePeriod('上学期', '2026-03-02')?.period).toBe('2025—2026学年第一学期');
    expect(relativePeriod('本学期', '2026-01-10')?.period).toBe('2025—2026学年第一学期');
    expect(relativePeriod('下学期', '2025-12-24')?.period).toBe('2025—2026学年第二学期');
    expect(relativePeriod('2025年', '2025-12-24')).toBeNull();
    const period = (text: string) => parseAnswerOffline({ typeId: 'half-year-summary', field: 'org', question: '', text, today: '2025-12-24' })?.period;
    expect(period('青河区教育局 2025')).toBe('2025年');
    expect(period('青河区教育局，2025年1月至6月')).toBe('2025年1月至6月');
    expect(period('青河区教育局，2026年春季')).toBe('2026年春季');
  });

  it('accepts 今年上半年, shows back what it took it to mean, and files it on 对', () => {
    const half = reportTypes.get('half-year-summary')!;
    let { state, reply } = run(['青石县教育局', '今年上半年'], '2025-07-05', half);
    expect(reply.text).toContain('“今年上半年”按今天的日期（2025年7月5日）推算为“2025年上半年”');
    expect(reply.text).toContain('对吗？');
    expect(state.facts.period).toBeUndefined();
    ({ state, reply } = turn(state, '对', '2025-07-05', half));
    expect(state.facts.period).toBe('2025年上半年');
    expect(reply.field).toBe('sections');
  });

  it('takes a corrected period as said, and 上一步 withdraws the check', () => {
    let { state, reply } = run(['青河区教育局', '今年']);
    ({ state, reply } = turn(state, '不对，是2024年', '2025-12-15'));
    expect(state.facts.period).toBe('2024年');
    ({ state, reply } = run(['青河区教育局', '今年']));
    ({ state, reply } = turn(state, '上一步', '2025-12-15'));
    expect(state.pending).toBeUndefined();
    expect(reply.field).toBe('period');
  });
});

describe('figures in every field', () => {
  it('keeps the figures of 存在的问题 and 下一步 said with lead-ins', () => {
    const problems = parseAnswerOffline({ typeId: 'annual-summary', field: 'problems', question: '', text: '还存在一些不足：城乡之间办学条件差距仍然较大；部分学校大班额问题没有彻底解决，还有9个班超过55人。' });
    expect(problems?.problems).toEqual(['城乡之间办学条件差距仍然较大', '部分学校大班额问题没有彻底解决，还有9个班超过55人']);
    const next = parseAnswerOffline({ typeId: 'annual-summary', field: 'nextSteps', question: '', text: '明年准备新建小学1所，推进集团化办学，力争覆盖率达到70%' });
    expect(next?.nextSteps?.join('')).toContain('新建小学1所');
    expect(next?.nextSteps?.join('')).toContain('70%');
  });

  it('asks before filing plans given where the problems were asked under 下一步打算', () => {
    let { state, reply } = run(['青河区教育局', '2025年', '党建工作', '发展党员8名', '跳过', '跳过', '跳过', '明年准备新建小学2所']);
    expect(reply.text).toContain('像是下一步的打算');
    expect(reply.text).toContain('下一步打算：明年准备新建小学2所');
    ({ state, reply } = turn(state, '对', '2025-12-15'));
    expect(state.facts.nextSteps).toEqual(['明年准备新建小学2所']);
    expect(state.facts.problems).toBeUndefined();
    expect(reply.field).toBe('problems');
  });

  it('takes 问题嘛……暂时没有 to an optional question as none, and moves on', () => {
    const { state, reply } = run(['青河区教育局', '2025年', '党建工作', '发展党员8名', '跳过', '跳过', '跳过', '问题嘛……暂时没有']);
    expect(state.facts.problems).toBeUndefined();
    expect(state.skipped).toContain('problems');
    expect(reply.field).toBe('nextSteps');
  });

  it('applies a correction said mid-answer: only the corrected figure stays', () => {
    expect(applyCorrections('培训教师3000人次，不对，是3200人次；新增工作室9个')).toBe('培训教师3200人次；新增工作室9个');
    expect(applyCorrections('以甲县教育局，哦不对，是甲县教育体育局的名义')).toBe('以甲县教育体育局的名义');
  });

  it('asks before filing facts with figures as 领导机关, and keeps them as 未归类 on 不对', () => {
    let { state, reply } = run(['青河区教育局', '2025年', '党建工作', '发展党员8名', '组织培训3600人次，参训率98.4%']);
    expect(reply.text).toContain('像是某项工作的具体情况，而不是领导机关');
    ({ state, reply } = turn(state, '不对', '2025-12-15'));
    expect(state.facts.leadership).toBeUndefined();
    expect(state.facts.unplaced).toEqual(['组织培训3600人次，参训率98.4%']);
    expect(reply.field).toBe('leadership');
  });
});

describe('adding at any point, and 未归类', () => {
  const reviewed = () => run(['青河区教育局', '2025年', '校舍建设、教师培训', '新建学校6所', '培训教师4200人次', '完成']);

  it('“校舍建设还有一条：…” in the review adds to that area and shows the review again', () => {
    const before = reviewed().state;
    const { state, reply } = turn(before, '校舍建设还有一条：改造农村薄弱学校旱厕15所', '2025-12-15');
    expect(state.facts.sections[0].facts).toEqual(['新建学校6所', '改造农村薄弱学校旱厕15所']);
    expect(reply.text).toContain('已记下');
    expect(reply.text).toContain('请核对已收集的信息');
    expect(state.state).toBe('confirming');
  });

  it('“补充：…” while a list is asked adds to it; in the review with no area named it is kept as 未归类', () => {
    let { state } = run(['青河区教育局', '2025年', '校舍建设', '新建学校6所', '跳过', '跳过', '跳过', '城区学位紧张']);
    ({ state } = turn(state, '补充：还有2所学校没有达标', '2025-12-15'));
    expect(state.facts.problems).toEqual(['城区学位紧张', '还有2所学校没有达标']);
    ({ state } = reviewed());
    ({ state } = turn(state, '补充：全年接待来访群众320人次', '2025-12-15'));
    expect(state.facts.unplaced).toEqual(['全年接待来访群众320人次']);
  });

  it('“再加一个领域：…” in the review asks for its facts, then goes back to the review', () => {
    let { state, reply } = turn(reviewed().state, '再加一个领域：心理健康教育', '2025-12-15');
    expect(state.facts.sections.map((s) => s.topic)).toEqual(['校舍建设', '教师培训', '心理健康教育']);
    expect(reply.field).toBe('sections[2].facts');
    ({ state, reply } = turn(state, '配备心理教师46名', '2025-12-15'));
    expect(state.facts.sections[2].facts).toEqual(['配备心理教师46名']);
    expect(state.state).toBe('confirming');
  });

  it('places 未归类 items in a field or drops them, by message', () => {
    let { state, reply } = turn(reviewed().state, '补充：全年接待来访群众320人次', '2025-12-15');
    ({ state } = turn(state, '补充：新增校车12辆', '2025-12-15'));
    ({ state, reply } = turn(state, '把未归类第2条归入校舍建设', '2025-12-15'));
    expect(state.facts.sections[0].facts).toContain('新增校车12辆');
    expect(state.facts.unplaced).toEqual(['全年接待来访群众320人次']);
    expect(reply.text).toContain('未归类1：全年接待来访群众320人次');
    ({ state, reply } = turn(state, '删除未归类第1条', '2025-12-15'));
    expect(state.facts.unplaced).toBeUndefined();
    expect(reply.text).not.toContain('未归类1');
  });
});
