/** The interview from an imported report, as pure functions: asks what changed, keeps, drops and replaces parts, figures exact. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toFactSheet } from '../../src/dialogue/collected-facts.js';
import { importedFacts, reviewAnswer, reviewPlan } from '../../src/dialogue/import-review.js';
import { beginTurn, editOutline, finishTurn, startImportInterview, type InterviewState } from '../../src/dialogue/interview.js';
import { parseAnswerOffline } from '../../src/dialogue/offline-parser.js';
import { composeDraft } from '../../src/services/draft-pipeline.js';
import { offlineComposer } from '../../src/compose/offline-composer.js';
import { factStrings, parseFactSheet, REPORT_TYPE_IDS, type FactSheet } from '../../src/domain/fact-sheet.js';
import { findFigures, withoutListNumbering } from '../../src/domain/figures.js';
import { importReport } from '../../src/import/import-report.js';
import { reportTypes } from '../helpers/app.js';

const annual = reportTypes.get('annual-summary')!;
const text = readFileSync(new URL('../fixtures/import/annual-noisy.txt', import.meta.url), 'utf8');
const imported = importReport(text);

function start() {
  return startImportInterview(annual, importedFacts(imported.facts, annual.id), imported.warnings.map((w) => w.message));
}

/** One turn with the offline parser, as the HTTP layer runs it. */
function turn(state: InterviewState, answer: string) {
  const step = beginTurn(state, annual, answer);
  if (step.kind === 'reply') return step;
  const result = finishTurn(state, annual, answer, parseAnswerOffline(step.input));
  return result.again ? finishTurn(result.again.state, annual, answer, parseAnswerOffline(result.again.input), result.again.lead) : result;
}

function run(answers: string[]) {
  let { state, reply } = start();
  for (const answer of answers) ({ state, reply } = turn(state, answer));
  return { state, reply };
}

const figuresOf = (items: string[]) => new Set(items.flatMap(findFigures));
const old = imported.facts;

describe('import interview: what it asks', () => {
  it('starts pre-filled, shows the import warnings once, and asks the new period showing the old one', () => {
    const { state, reply } = start();
    expect(state.facts.sections).toEqual(old.sections);
    expect(state.facts.org).toBe('河西区教育局');
    expect(reply.field).toBe('period');
    expect(reply.text).toContain('原报告写的是“2024年”，这次写哪个时间段？');
    for (const warning of imported.warnings) expect(reply.text).toContain(warning.message);
    const next = turn(state, '2026年');
    expect(next.reply.text).not.toContain(imported.warnings[0].message);
  });

  it('then asks each work area with its old facts shown briefly, then the lists the old report had', () => {
    const { state, reply } = run(['2026年']);
    expect(reply.field).toBe('sections[0].facts');
    expect(reply.text).toContain(`“${old.sections[0].topic}”`);
    expect(reply.text).toContain('全年开展主题党日活动48次');
    expect(reply.text).toContain('不变');
    // The opening's 以……为指导 came back as guidance, so it is asked too.
    expect(state.queue).toEqual(['sections[1].facts', 'sections[2].facts', 'problems', 'nextSteps', 'guidance', 'theme']);
    expect(reviewPlan(state.facts)).toContain('problems');
  });

  it('asks the unit too when the old report did not name it, and no optional question the report lacked', () => {
    const bare = importReport('2024年工作总结\n一、加强管理\n全年完成培训12期。');
    const { state, reply } = startImportInterview(annual, importedFacts(bare.facts, annual.id));
    expect(reply.field).toBe('period');
    expect(state.queue).toEqual(['org', 'sections[0].facts']);
  });

  it('reads keep and drop answers, and leaves new content alone', () => {
    for (const keep of ['不变', '沿用', '保持不变。', '还适用', '好的，不变']) expect(reviewAnswer(keep)).toBe('keep');
    for (const drop of ['删除', '删掉', '这部分不要了', '不要了']) expect(reviewAnswer(drop)).toBe('drop');
    for (const content of ['新发展党员15名', '不变的是党员人数', '删除了3个旧账号']) expect(reviewAnswer(content)).toBeNull();
  });
});

describe('import interview: keep, replace, drop', () => {
  const answers = ['2026年', '不变', '公开招聘新教师142名，组织全员培训参训率98.6%', '删除', '沿用', '删除', '跳过', '跳过'];

  it('keeps a part exactly, replaces another, drops one; the period follows into the title, the old date goes', () => {
    const { state, reply } = run(answers);
    expect(state.state).toBe('confirming');
    expect(reply.progress.done).toBe(reply.progress.total);
    expect(state.facts.period).toBe('2026年');
    expect(state.facts.title).toBe('河西区教育局2026年工作总结');
    expect(state.facts.signature?.date).toBeUndefined();
    expect(state.facts.sections).toHaveLength(2);
    expect(state.facts.sections[0]).toEqual(old.sections[0]);
    expect(state.facts.sections[1].topic).toBe(old.sections[1].topic);
    expect(state.facts.sections[1].facts.join('')).toBe('公开招聘新教师142名，组织全员培训参训率98.6%');
    expect(state.facts.problems).toEqual(old.problems);
    expect(state.facts.nextSteps).toBeUndefined();
    expect(state.facts.theme).toBe(old.theme);
  });

  it('drafts with kept figures exact, none from a replaced or dropped part, none invented', async () => {
    const { state } = run(answers);
    const sheet = toFactSheet(state.facts);
    expect(parseFactSheet(sheet, REPORT_TYPE_IDS).ok).toBe(true);
    const draft = await composeDraft({ facts: sheet, type: annual, composer: offlineComposer });
    const inDraft = new Set(findFigures(withoutListNumbering(draft.markdown)));
    const kept = figuresOf([...old.sections[0].facts, ...old.problems!]);
    for (const figure of kept) expect(inDraft).toContain(figure);
    for (const figure of ['142名', '98.6%', '2026年']) expect(inDraft).toContain(figure);
    const allowed = figuresOf(factStrings(sheet as FactSheet));
    const gone = [...figuresOf([...old.sections[1].facts, ...old.sections[2].facts, ...old.nextSteps!, old.signature!.date!])].filter((f) => !allowed.has(f));
    expect(gone.length).toBeGreaterThan(10);
    for (const figure of gone) expect(inDraft).not.toContain(figure);
    for (const figure of inDraft) expect(allowed).toContain(figure);
    expect(draft.markdown).not.toContain('2024年');
  });

  it('refuses to drop the period or the last work area', () => {
    const period = run(['删除']);
    expect(period.reply.field).toBe('period');
    expect(period.state.facts.period).toBe('2024年');
    expect(period.reply.text).toMatch(/不能删除/);
    const one = importReport('河西区教育局2024年工作总结\n一、加强管理\n全年完成培训12期。');
    let { state, reply } = startImportInterview(annual, importedFacts(one.facts, annual.id));
    ({ state, reply } = turn(state, '2026年'));
    ({ state, reply } = turn(state, '删除'));
    expect(state.facts.sections).toHaveLength(1);
    expect(reply.text).toContain('至少要保留一个工作领域');
    expect(reply.field).toBe('sections[0].facts');
  });

  it('drops a heading that carries an old figure when its facts are replaced', () => {
    const withFigure = importReport('某县教育局2024年工作总结\n一、投入资金2338万元，办学条件明显改善\n新建教室12间。\n二、加强管理\n完成培训12期。');
    let { state } = startImportInterview(annual, importedFacts(withFigure.facts, annual.id));
    ({ state } = turn(state, '2026年'));
    ({ state } = turn(state, '新建教室20间'));
    expect(state.facts.sections[0]).toMatchObject({ topic: '办学条件明显改善', heading: '办学条件明显改善', facts: ['新建教室20间'] });
    expect(JSON.stringify(toFactSheet(state.facts))).not.toContain('2338万元');
  });
});

describe('import interview: controls', () => {
  it('上一步 undoes a drop, 重新开始 goes back to the import, 修改 reopens a kept part', () => {
    const dropped = run(['2026年', '删除']);
    expect(dropped.state.facts.sections).toHaveLength(2);
    expect(dropped.reply.field).toBe('sections[0].facts');
    expect(dropped.state.facts.sections[0].topic).toBe(old.sections[1].topic);
    const back = turn(dropped.state, '上一步');
    expect(back.state.facts.sections).toEqual(old.sections);
    expect(back.reply.field).toBe('sections[0].facts');
    expect(back.state.queue).toContain('sections[2].facts');

    const restarted = turn(run(['2026年', '不变', '删除']).state, '重新开始');
    expect(restarted.state.facts.sections).toEqual(old.sections);
    expect(restarted.state.facts.period).toBe('2024年');
    expect(restarted.reply.field).toBe('period');

    const kept = run(['2026年', '不变']);
    const edit = turn(kept.state, `修改${old.sections[0].topic}`);
    expect(edit.reply.field).toBe('sections[0].facts');
    const replaced = turn(edit.state, '新发展党员15名');
    expect(replaced.state.facts.sections[0].facts).toEqual(['新发展党员15名']);
    expect(replaced.reply.field).toBe('sections[1].facts');
  });

  it('完成 stops asking and keeps what was not reviewed; 跳过 keeps the part asked', () => {
    const skipped = run(['2026年', '跳过']);
    expect(skipped.state.facts.sections[0]).toEqual(old.sections[0]);
    expect(skipped.reply.text).toContain('沿用原报告的内容');
    const done = run(['2026年', '完成']);
    expect(done.state.state).toBe('confirming');
    expect(done.state.facts.sections).toEqual(old.sections);
    expect(done.reply.text).toContain('请核对已收集的信息');
  });

  it('a big imported report keeps fewer 上一步 steps, so each saved turn stays bounded; 上一步 still works', () => {
    const body = old.sections[1].facts.join('\n');
    let big = '某区教育局2024年工作总结\n';
    for (let i = 1; i <= 50; i++) big += `${i}、第${i}项工作\n${body}\n`;
    const facts = importedFacts(importReport(big).facts, annual.id);
    expect(facts.sections.length).toBe(50);
    let { state } = startImportInterview(annual, facts);
    for (const answer of ['2026年', ...Array(30).fill('不变')]) ({ state } = turn(state, answer));
    expect(state.history.length).toBeGreaterThanOrEqual(3);
    expect(state.history.length).toBeLessThan(30);
    const back = turn(state, '上一步');
    expect(back.reply.field).toBe('sections[29].facts');
    const small = run(['2026年', ...Array(6).fill('不变')]);
    expect(small.state.history).toHaveLength(7);
  });

  it('an outline edit while parts are still to review keeps each review question on its own area', () => {
    const { state } = run(['2026年']);
    const result = editOutline(state, annual, [{ op: 'move', target: { part: 3 }, to: { part: 1 } }]);
    if ('error' in result) throw new Error(result.error);
    expect(result.state.facts.sections[0].topic).toBe(old.sections[2].topic);
    expect(result.state.current).toBe('sections[1].facts');
    expect(result.state.facts.sections[1].topic).toBe(old.sections[0].topic);
  });
});

describe('import interview: the type, when the import is unsure of it', () => {
  const unsure = importReport('某县教育局\n2024年\n一、加强管理\n完成培训12期。');
  const begin = () => startImportInterview(annual, importedFacts(unsure.facts, annual.id), [], { askType: unsure.reportType.unsure });
  const answer = (state: InterviewState, text: string) => {
    const step = beginTurn(state, annual, text);
    return step.kind === 'reply' ? step : finishTurn(state, annual, text, parseAnswerOffline(step.input));
  };

  it('asks the type first, and takes a type named in the reply', () => {
    expect(unsure.reportType.unsure).toBe(true);
    const { state, reply } = begin();
    expect(reply.field).toBe('type');
    expect(reply.text).toContain('先确认报告类型');
    const named = answer(state, '改为工作计划');
    expect(named.state.type).toBe('work-plan');
    expect(named.state.facts.type).toBe('work-plan');
    expect(named.reply.field).toBe('period');
  });

  it('keeps the guess on 不变, and asks again on a reply it cannot read', () => {
    const { state } = begin();
    const unclear = answer(state, '你看着办');
    expect(unclear.reply.field).toBe('type');
    expect(unclear.reply.text).toContain('没有看懂');
    const kept = answer(state, '不变');
    expect(kept.state.type).toBe(state.type);
    expect(kept.reply.field).toBe('period');
  });

  it('does not ask when the import is sure', () => {
    expect(imported.reportType.unsure).toBe(false);
    expect(start().reply.field).toBe('period');
  });
});
