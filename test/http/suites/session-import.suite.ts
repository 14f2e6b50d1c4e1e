/**
 * POST /api/sessions with { import } on both runtimes: last year's report imported, the interview asks the new
 * period and each part (keep, replace, drop), then the draft keeps the kept figures exactly and holds none of the
 * replaced ones; type override, picking one report of several, and the 400 answers.
 */
import { expect, it } from 'vitest';
import { findFigures, normaliseFigure, withoutListNumbering } from '../../../src/domain/figures.js';
// Fixture texts come in through Vite's ?raw import, so the suite needs no fs and runs in workerd too.
import annualNoisy from '../../fixtures/import/annual-noisy.txt?raw';
import keyPoints from '../../fixtures/import/key-points-traditional.txt?raw';
import { postJson, type Fetcher } from './harness.js';

interface Turn {
  reply: { text: string; field: string | null; progress: { done: number; total: number } };
  state: 'asking' | 'confirming' | 'ready';
  facts: any;
}

const figures = (texts: string[]) => new Set(texts.flatMap((t) => findFigures(t)).map(normaliseFigure));
const factTexts = (facts: any): string[] => [
  facts.period,
  facts.title,
  facts.theme,
  facts.leadership,
  ...facts.sections.flatMap((s: any) => [s.topic, s.heading, ...s.facts]),
  ...(facts.problems ?? []),
  ...(facts.nextSteps ?? []),
  ...(facts.goals ?? []),
  ...(facts.guidance ?? []),
  facts.signature?.date,
].filter(Boolean);

async function start(fetcher: Fetcher, body: Record<string, unknown>) {
  const res = await postJson(fetcher, '/api/sessions', body);
  expect(res.status).toBe(201);
  return (await res.json()) as Turn & { id: string; reports?: Array<{ index: number; title: string; type: string }> };
}

async function say(fetcher: Fetcher, id: string, text: string): Promise<Turn> {
  const res = await postJson(fetcher, `/api/sessions/${id}/messages`, { text });
  expect(res.status).toBe(200);
  return res.json();
}

async function expect400(res: Response, path: string, message: RegExp) {
  expect(res.status).toBe(400);
  const body = await res.json();
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  expect(body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  expect(body.error.issues.map((i: { message: string }) => i.message).join('')).toMatch(message);
}

export function sessionImportSuite(fetcher: Fetcher) {
  it('imports last year’s report, asks what changed, and drafts with kept figures exact and replaced ones gone', async () => {
    const first = await start(fetcher, { import: annualNoisy });
    expect(first.state).toBe('asking');
    expect(first.reply.field).toBe('period');
    expect(first.reply.text).toContain('原报告写的是“2024年”，这次写哪个时间段？');
    expect(first.reply.text).toContain('已去掉 10 处网页或版面内容');
    const old = first.facts;
    expect(old.org).toBe('河西区教育局');
    expect(old.sections).toHaveLength(3);

    const period = await say(fetcher, first.id, '2026年');
    expect(period.facts.period).toBe('2026年');
    expect(period.reply.field).toBe('sections[0].facts');
    expect(period.reply.text).toContain('全年开展主题党日活动48次');
    expect(period.reply.text).not.toContain('已去掉 10 处网页或版面内容');

    const kept = await say(fetcher, first.id, '不变');
    expect(kept.facts.sections[0]).toEqual(old.sections[0]);
    expect(kept.reply.field).toBe('sections[1].facts');
    const answer = '首先，公开招聘新教师１４２名；其次，组织全员培训，参训率98.6%。';
    const replaced = await say(fetcher, first.id, answer);
    expect(replaced.reply.field).toBe('sections[2].facts');
    const dropped = await say(fetcher, first.id, '删除');
    expect(dropped.facts.sections.map((s: any) => s.topic)).toEqual([old.sections[0].topic, old.sections[1].topic]);
    const done = await say(fetcher, first.id, '完成');
    expect(done.state).toBe('confirming');

    const res = await postJson(fetcher, `/api/sessions/${first.id}/draft`, {});
    expect(res.status).toBe(201);
    const draft = await res.json();
    const inDraft = figures([withoutListNumbering(draft.markdown)]);
    for (const figure of figures(old.sections[0].facts)) expect(inDraft).toContain(figure);
    for (const figure of ['142名', '98.6%', '2026年']) expect(inDraft).toContain(figure);
    // What the old report said in the replaced and dropped areas, and its date, unless a kept part says it too.
    const final = figures(factTexts(done.facts));
    const gone = [...figures([...old.sections[1].facts, ...old.sections[2].facts, old.signature.date])].filter((f) => !final.has(f));
    expect(gone).toEqual(expect.arrayContaining(['135名', '97.1%', '2338.2万元', '2024年12月20日']));
    for (const figure of gone) expect(inDraft).not.toContain(figure);
    // None invented: every figure of the draft is in the old report's text or in an answer.
    const given = figures([annualNoisy, answer, '2026年']);
    for (const figure of inDraft) expect(given).toContain(figure);
    expect(draft.markdown).not.toContain('2024年');
  });

  it('takes a type override, and the report picked from a text holding several', async () => {
    const several = await start(fetcher, { import: keyPoints, report: 2 });
    expect(several.reports?.map((r) => r.index)).toEqual([1, 2, 3]);
    expect(several.facts.title).toBe(several.reports![1].title);
    expect(several.facts.type).toBe('key-points');
    const overridden = await start(fetcher, { import: annualNoisy, type: 'half-year-summary' });
    expect(overridden.facts.type).toBe('half-year-summary');
    expect(overridden.reply.text).toContain('半年');
  });

  it('asks the type first when the import is unsure of it, and drafts as the type named', async () => {
    const first = await start(fetcher, { import: '某县教育局\n2024年\n一、加强管理\n完成培训12期。\n二、改善条件\n新建教室8间。' });
    expect((first as any).reportType.unsure).toBe(true);
    expect(first.reply.field).toBe('type');
    expect(first.reply.text).toContain('这次要写哪一种');
    const typed = await say(fetcher, first.id, '工作计划');
    expect(typed.facts.type).toBe('work-plan');
    expect(typed.reply.field).toBe('period');
    await say(fetcher, first.id, '直接生成');
    const res = await postJson(fetcher, `/api/sessions/${first.id}/draft`, {});
    expect(res.status).toBe(201);
    const draft = await res.json();
    expect(draft.outline.type).toBe('work-plan');
    expect(draft.markdown).toContain('主要工作和措施');
  });

  it('answers 400 in Chinese for empty or unreadable import text, and an unknown type', async () => {
    await expect400(await postJson(fetcher, '/api/sessions', { import: '   ' }), 'import', /不能为空/);
    await expect400(await postJson(fetcher, '/api/sessions', { import: '你好，帮我写一份总结' }), 'import', /没能从导入的文字中读出报告/);
    await expect400(await postJson(fetcher, '/api/sessions', { import: annualNoisy, type: 'no-such-type' }), 'type', /未知的报告类型/);
    await expect400(await postJson(fetcher, '/api/sessions', { import: annualNoisy, report: 0 }), 'report', /正整数/);
    const neither = await postJson(fetcher, '/api/sessions', {});
    expect(neither.status).toBe(400);
  });

  it('describes the import in the route’s OpenAPI schema', async () => {
    const doc = await (await fetcher('/openapi.json')).json();
    const schema = doc.paths['/api/sessions'].post.requestBody.content['application/json'].schema;
    const props = schema.properties ?? doc.components.schemas[schema.$ref.split('/').pop()].properties;
    expect(Object.keys(props)).toEqual(expect.arrayContaining(['type', 'import', 'report']));
  });
}
