/** POST /api/consolidations on both runtimes: JSON reports, multipart uploads, the bounds (400/413/415) and OpenAPI. */
import { expect, it } from 'vitest';
// Fixture texts come in through Vite's ?raw import, so the suite needs no fs and runs in workerd too.
import yiXiao from '../../fixtures/consolidate/half-year-primary/城关一小.txt?raw';
import erXiao from '../../fixtures/consolidate/half-year-primary/城关二小.txt?raw';
import dongGuan from '../../fixtures/consolidate/half-year-primary/东关小学.md?raw';
import xiGuan from '../../fixtures/consolidate/half-year-primary/西关小学.txt?raw';
import { postJson, type Fetcher } from './harness.js';

const REPORTS = [
  { name: '城关一小.txt', text: yiXiao },
  { name: '城关二小.txt', text: erXiao },
  { name: '东关小学.md', text: dongGuan },
  { name: '西关小学.txt', text: xiGuan },
];

const upload = (fetcher: Fetcher, files: File[], extra: Array<[string, string]> = []) => {
  const form = new FormData();
  for (const f of files) form.append('files', f);
  for (const [k, v] of extra) form.append(k, v);
  return fetcher('/api/consolidations', { method: 'POST', body: form });
};

export function consolidationsSuite(fetcher: Fetcher) {
  it('consolidates reports sent as JSON: areas merged, each school named, sums offered', async () => {
    const res = await postJson(fetcher, '/api/consolidations', { reports: REPORTS, org: '某某县教育局' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.valid).toBe(true);
    expect(body.facts).toMatchObject({ org: '某某县教育局', period: '2025年上半年', type: 'half-year-summary' });
    const teachers = body.facts.sections.find((s: { topic: string }) => s.topic === '教师队伍建设');
    expect(teachers.facts.map((f: string) => f.split('：')[0]).sort()).toEqual(['东关小学', '城关第一小学', '城关第二小学', '西关小学'].sort());
    expect(body.facts.derived).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: '355人次', op: 'sum', label: '培训教师', accepted: false })]),
    );
    const area = body.consolidation.areas.find((a: { topic: string }) => a.topic === '教师队伍建设');
    expect(area.members.map((m: { topic: string }) => m.topic).sort()).toEqual(['抓实教师培训', '师资队伍建设', '教师队伍建设', '教师发展'].sort());
  });

  it('consolidates uploaded files the same as the same texts in JSON, and honours split', async () => {
    const files = REPORTS.map((r) => new File([r.text], r.name, { type: 'text/plain' }));
    const res = await upload(fetcher, files, [['org', '某某县教育局'], ['split', 'topic:德育']]);
    expect(res.status).toBe(200);
    const fromFiles = await res.json();
    const fromJson = await (await postJson(fetcher, '/api/consolidations', { reports: REPORTS, org: '某某县教育局', split: ['topic:德育'] })).json();
    expect(fromFiles.facts).toEqual(fromJson.facts);
    expect(fromFiles.facts.sections.map((s: { topic: string }) => s.topic)).toContain('立德树人（城关第二小学）');
  });

  it('refuses too few or too many reports, an unknown type and a wrong file, in Chinese', async () => {
    const one = await postJson(fetcher, '/api/consolidations', { reports: REPORTS.slice(0, 1) });
    expect(one.status).toBe(400);
    expect((await one.json()).error.message).toContain('至少需要 2 份');
    const many = await postJson(fetcher, '/api/consolidations', { reports: Array.from({ length: 41 }, (_, i) => ({ name: `${i}.txt`, text: '某校2025年工作总结' })) });
    expect(many.status).toBe(400);
    expect((await many.json()).error.message).toContain('最多汇总 40 份');
    const type = await postJson(fetcher, '/api/consolidations', { reports: REPORTS, type: 'yearly' });
    expect(type.status).toBe(400);
    expect((await type.json()).error.issues[0].path).toBe('type');
    const noReports = await postJson(fetcher, '/api/consolidations', { org: '某县教育局' });
    expect(noReports.status).toBe(400);
    expect((await noReports.json()).error.message).toContain('reports');
    const bad = await upload(fetcher, [new File([yiXiao], '一小.txt'), new File(['x'], '表格.xlsx')]);
    expect(bad.status).toBe(415);
    expect((await bad.json()).error.message).toContain('表格.xlsx');
    const empty = await upload(fetcher, [new File([yiXiao], '一小.txt'), new File(['   '], '空白.txt')]);
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toContain('空白.txt');
    const form = await fetcher('/api/consolidations', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(form.status).toBe(415);
  });

  it('refuses a file over 5 MiB and a JSON body over 256 KiB with 413', async () => {
    const big = await upload(fetcher, [new File([yiXiao], '一小.txt'), new File([new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41)], '大.txt')]);
    expect(big.status).toBe(413);
    expect((await big.json()).error.message).toContain('大.txt');
    const long = await postJson(fetcher, '/api/consolidations', { reports: [{ name: 'a.txt', text: '字'.repeat(100_000) }, { name: 'b.txt', text: 'x' }] });
    expect(long.status).toBe(413);
  });

  it('starts a session from the consolidation, accepts a sum, and drafts it with its computation listed', async () => {
    const { facts } = await (await postJson(fetcher, '/api/consolidations', { reports: REPORTS, org: '某某县教育局' })).json();
    const started = await postJson(fetcher, '/api/sessions', { consolidation: facts });
    expect(started.status).toBe(201);
    const session = await started.json();
    expect(session.reply.text).toContain('各单位培训教师合计355人次');
    expect(session.reply.text).toContain('120人次 + 80人次 + 95人次 + 60人次 = 355人次');
    expect(session.facts.sections.map((s: { topic: string }) => s.topic)).toEqual(facts.sections.map((s: { topic: string }) => s.topic));

    const index = facts.derived.findIndex((d: { value: string }) => d.value === '355人次') + 1;
    const chose = await fetcher(`/api/sessions/${session.id}/derived`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accepted: [index] }) });
    expect(chose.status).toBe(200);
    const checked = (await chose.json()).derived;
    expect(checked.filter((d: { accepted: boolean }) => d.accepted).map((d: { value: string; ok: boolean }) => [d.value, d.ok])).toEqual([['355人次', true]]);

    await postJson(fetcher, `/api/sessions/${session.id}/messages`, { text: '直接生成' });
    const drafted = await postJson(fetcher, `/api/sessions/${session.id}/draft`, {});
    expect(drafted.status).toBe(201);
    const draft = await drafted.json();
    expect(draft.markdown).toContain('各单位培训教师合计355人次。');
    expect(draft.markdown).not.toContain('108节。各单位');
    expect(draft.figures.invented).toEqual([]);
    expect(draft.figures.derived.find((d: { value: string }) => d.value === '355人次')).toMatchObject({ accepted: true, ok: true });
  });

  it('refuses a consolidation that is not a fact sheet, and sums a session does not have', async () => {
    const bad = await postJson(fetcher, '/api/sessions', { consolidation: { type: 'annual-summary', sections: [] } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe('consolidation.sections');
    const plain = await (await postJson(fetcher, '/api/sessions', { type: 'annual-summary' })).json();
    const none = await fetcher(`/api/sessions/${plain.id}/derived`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accepted: [1] }) });
    expect(none.status).toBe(409);
    const { facts } = await (await postJson(fetcher, '/api/consolidations', { reports: REPORTS, org: '某某县教育局' })).json();
    const s = await (await postJson(fetcher, '/api/sessions', { consolidation: facts })).json();
    const beyond = await fetcher(`/api/sessions/${s.id}/derived`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accepted: [99] }) });
    expect(beyond.status).toBe(400);
    expect((await beyond.json()).error.message).toContain('没有第 99 项合计');
  });

  it('is described in the OpenAPI document with both body types', async () => {
    const spec = await (await fetcher('/openapi.json')).json();
    const op = spec.paths['/api/consolidations'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(['application/json', 'multipart/form-data']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '413', '415']));
    expect(spec.paths['/api/sessions/{id}/derived'].put).toBeDefined();
  });
}
