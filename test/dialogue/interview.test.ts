/** The interview engine as pure functions: questions from the report type, controls, review, outline edits. */
import { describe, expect, it } from 'vitest';
import { beginTurn, finishTurn, startInterview, type InterviewState } from '../../src/dialogue/interview.js';
import { capAnswer, MAX_ANSWER } from '../../src/dialogue/interview-state.js';
import { questionPlan } from '../../src/dialogue/questions.js';
import { parseAnswerOffline } from '../../src/dialogue/offline-parser.js';
import { toFactSheet } from '../../src/dialogue/collected-facts.js';
import { detectControl } from '../../src/dialogue/controls.js';
import { parseFactSheet } from '../../src/domain/fact-sheet.js';
import { reportTypes } from '../helpers/app.js';

const annual = reportTypes.get('annual-summary')!;

/** One turn with the offline parser, as the HTTP layer runs it. */
function turn(state: InterviewState, text: string, type = annual) {
  const step = beginTurn(state, type, text);
  if (step.kind === 'reply') return step;
  const result = finishTurn(state, type, text, parseAnswerOffline(step.input));
  return result.again ? finishTurn(result.again.state, type, text, parseAnswerOffline(result.again.input), result.again.lead) : result;
}

function run(texts: string[], type = annual) {
  let { state, reply } = startInterview(type);
  for (const text of texts) ({ state, reply } = turn(state, text, type));
  return { state, reply };
}

describe('interview: questions', () => {
  it('asks the type’s questions, required first, each with its example, naming the field', () => {
    const { state, reply } = startInterview(annual);
    expect(reply.field).toBe('org');
    const org = annual.questions.find((q) => q.field === 'org')!;
    expect(reply.text).toContain(org.ask);
    expect(reply.text).toContain(`例如：${org.example}`);
    expect(state.state).toBe('asking');
    const plan = questionPlan(annual, { type: annual.id, sections: [{ topic: 'A', facts: [] }, { topic: 'B', facts: [] }] });
    const required = annual.questions.filter((q) => q.required).length;
    expect(plan.slice(0, required + 1)).toEqual(['org', 'period', 'sections', 'sections[0].facts', 'sections[1].facts']);
  });

  it('does not ask again about a work area whose facts came with it', () => {
    const { state, reply } = run(['青河区教育局', '2025年', '党建工作：开展主题党日12次，发展党员８名；学前教育']);
    expect(state.facts.sections).toEqual([
      { topic: '党建工作', facts: ['开展主题党日12次，发展党员８名'] },
      { topic: '学前教育', facts: [] },
    ]);
    expect(reply.text).toContain('“党建工作”的情况 1 条');
    expect(reply.field).toBe('sections[1].facts');
  });

  it('asks each work area’s facts with its topic filled in', () => {
    const { reply } = run(['青河区教育局', '2025年', '党建工作、学前教育']);
    expect(reply.field).toBe('sections[0].facts');
    expect(reply.text).toContain('“党建工作”');
    expect(reply.text).not.toContain('{{topic}}');
  });

  it('counts progress over every question, area by area', () => {
    const a = run(['青河区教育局', '2025年']);
    const b = run(['青河区教育局', '2025年', '党建工作、学前教育']);
    expect(a.reply.progress.done).toBe(2);
    expect(b.reply.progress.done).toBe(3);
    expect(b.reply.progress.total).toBe(a.reply.progress.total + 2);
  });

  it('takes several fields from one answer and does not ask for them again', () => {
    const { state, reply } = run(['我们是青河区教育局，写2025年的总结']);
    expect(state.facts).toMatchObject({ org: '青河区教育局', period: '2025年' });
    expect(reply.field).toBe('sections');
  });
});

describe('interview: controls', () => {
  it('recognises the controls people type, and leaves answers alone', () => {
    expect(detectControl('跳过')).toEqual({ kind: 'skip' });
    expect(detectControl('返回')).toEqual({ kind: 'back' });
    expect(detectControl('重新开始。')).toEqual({ kind: 'restart' });
    expect(detectControl('直接生成')).toEqual({ kind: 'finish', draftNow: true });
    expect(detectControl('完成')).toEqual({ kind: 'finish', draftNow: false });
    expect(detectControl('修改 单位名称')).toEqual({ kind: 'edit', target: '单位名称' });
    expect(detectControl('完成校舍维修12所')).toBeNull();
  });

  it('上一步 restores the facts before the last answer', () => {
    const before = run(['青河区教育局', '2025年', '党建工作']);
    const after = run(['青河区教育局', '2025年', '党建工作', '新发展党员23名', '上一步']);
    expect(after.state.facts).toEqual(before.state.facts);
    expect(after.reply.field).toBe('sections[0].facts');
  });

  it('修改 resolves field names, topics and outline parts; unknown names are an answer while asking', () => {
    const base = ['青河区教育局', '2025年', '党建工作、学前教育', '新发展党员23名'];
    expect(run([...base, '修改时间']).reply.field).toBe('period');
    expect(run([...base, '修改学前教育']).reply.field).toBe('sections[1].facts');
    expect(run([...base, '修改第一部分']).reply.field).toBe('sections[0].facts');
    const fact = run([...base, '修改完善制度3项']);
    expect(fact.state.facts.sections[1].facts).toEqual(['修改完善制度3项']);
  });

  it('修改 工作领域 keeps the facts of areas still named and asks for the new ones', () => {
    const { state, reply } = run(['青河区教育局', '2025年', '党建工作、学前教育', '新发展党员23名', '新增幼儿园5所', '修改工作领域', '学前教育、校园安全']);
    expect(state.facts.sections).toEqual([
      { topic: '学前教育', facts: ['新增幼儿园5所'] },
      { topic: '校园安全', facts: [] },
    ]);
    expect(reply.field).toBe('sections[1].facts');
  });

  it('完成 with nothing collected still yields a valid fact sheet of 【待补充】 markers', () => {
    const { state } = run(['完成']);
    expect(state.state).toBe('confirming');
    const sheet = toFactSheet(state.facts);
    expect(parseFactSheet(sheet).ok).toBe(true);
    expect(sheet.org).toBe('【待补充：单位名称】');
  });
});

describe('interview: input limits', () => {
  it('caps an over-long answer at a sentence end, never inside a figure', () => {
    const text = '投入经费12345.6万元。'.repeat(400);
    const { text: kept, cut } = capAnswer(text);
    expect(kept.length).toBeLessThanOrEqual(MAX_ANSWER);
    expect(kept.endsWith('。')).toBe(true);
    expect(cut).toBe(text.length - kept.length);
    const noStops = '1'.repeat(MAX_ANSWER - 1) + '2345';
    expect(capAnswer(noStops).text.length).toBeLessThan(MAX_ANSWER - 1);
  });

  it('an empty answer changes nothing', () => {
    const { state } = run(['青河区教育局']);
    const step = beginTurn(state, annual, '  \n ');
    expect(step.kind).toBe('reply');
    if (step.kind === 'reply') {
      expect(step.state).toEqual(state);
      expect(step.reply.field).toBe('period');
    }
  });
});

describe('interview: review', () => {
  const done = ['青河区教育局', '2025年', '党建工作、教师队伍、学前教育', '新发展党员23名', '招聘教师135名', '新增幼儿园5所', '完成'];

  it('review shows facts and the numbered outline; 确认 makes it ready', () => {
    const { state, reply } = run(done);
    expect(state.state).toBe('confirming');
    expect(reply.field).toBeNull();
    expect(reply.text).toContain('招聘教师135名');
    expect(reply.text).toMatch(/一、[^\n]+\n二、/);
    expect(run([...done, '确认']).state.state).toBe('ready');
  });

  it('outline commands by message edit the facts: rename, move, merge, drop', () => {
    expect(run([...done, '把第二部分改名为锻造高素质教师队伍']).state.facts.sections[1].heading).toBe('锻造高素质教师队伍');
    expect(run([...done, '第三部分移到第一']).state.facts.sections.map((s) => s.topic)).toEqual(['学前教育', '党建工作', '教师队伍']);
    const merged = run([...done, '合并第一和第二部分']).state.facts.sections;
    expect(merged).toEqual([
      { topic: '党建工作和教师队伍', facts: ['新发展党员23名', '招聘教师135名'] },
      { topic: '学前教育', facts: ['新增幼儿园5所'] },
    ]);
    expect(run([...done, '删除第二部分']).state.facts.sections.map((s) => s.topic)).toEqual(['党建工作', '学前教育']);
    const dropProblems = run([...done, '删除第四部分']).state;
    expect(dropProblems.choices.omitted).toEqual(['problems']);
  });

  it('an outline edit can be undone with 上一步', () => {
    const { state } = run([...done, '删除第二部分', '上一步']);
    expect(state.facts.sections).toHaveLength(3);
  });
});

describe('interview: work plans group their measures', () => {
  it('reads a schedule as rows and addresses grouped measures as （一）（二）', () => {
    const type = reportTypes.get('work-plan')!;
    let { state } = startInterview(type);
    for (const text of ['青河区第二中学，2025—2026学年第一学期', '教学常规、教师培训', '每月检查1次', '培训24学时']) ({ state } = turn(state, text, type));
    while (state.state === 'asking' && state.current !== 'schedule') ({ state } = turn(state, '跳过', type));
    ({ state } = turn(state, '9月：开学检查；新生入学教育\n10月：期中视导', type));
    expect(state.facts.schedule).toEqual([
      { when: '9月', items: ['开学检查', '新生入学教育'] },
      { when: '10月', items: ['期中视导'] },
    ]);
    ({ state } = turn(state, '完成', type));
    ({ state } = turn(state, '（二）移到（一）', type));
    expect(state.facts.sections.map((s) => s.topic)).toEqual(['教师培训', '教学常规']);
  });
});
