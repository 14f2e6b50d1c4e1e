/** POST /api/imports on both runtimes: JSON text, a multipart .txt upload, and the 400/413/415 answers. */
import { expect, it } from 'vitest';
import { postJson, type Fetcher } from './harness.js';

const REPORT = [
  '返回首页',
  '來源：某某范文网　時間：2024-12-01 08:00',
  '北塘區教育局2024年工作總結',
  '一、強化隊伍建設(shè)。全年招聘教師１２０名，培訓校長４０名。',
  '二、存在的問題',
  '農村學校教師不足。',
].join('\n');

const upload = (fetcher: Fetcher, file: File, extra: Record<string, string> = {}) => {
  const form = new FormData();
  form.append('file', file);
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  return fetcher('/api/imports', { method: 'POST', body: form });
};

export function importsSuite(fetcher: Fetcher) {
  it('imports pasted text (JSON): simplified, boilerplate and pinyin gone, figures kept', async () => {
    const res = await postJson(fetcher, '/api/imports', { text: REPORT });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.valid).toBe(true);
    expect(body.facts).toMatchObject({ type: 'annual-summary', org: '北塘区教育局', period: '2024年', problems: ['农村学校教师不足。'] });
    expect(body.facts.sections[0]).toEqual({ topic: '强化队伍建设', heading: '强化队伍建设', facts: ['全年招聘教师120名，培训校长40名。'] });
    expect(JSON.stringify(body.facts)).not.toMatch(/范文网|返回|shè|區|教師/);
    expect(body.warnings.map((w: { code: string }) => w.code)).toEqual(expect.arrayContaining(['removed', 'converted', 'pinyin']));
  });

  it('imports a multipart .txt upload and picks a report of a collection', async () => {
    const text = `篇一：甲县实验小学2024年工作计划\n一、指导思想\n立德树人。\n二、工作目标\n1.新建教室6间。\n三、主要工作和措施\n（一）抓教学\n1.每月检查1次。\n篇二：乙县实验小学2024年工作计划\n一、工作目标\n1.培训教师30名。`;
    const res = await upload(fetcher, new File([text], '计划.txt', { type: 'text/plain' }), { report: '2' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.reports.map((r: { title: string }) => r.title)).toEqual(['甲县实验小学2024年工作计划', '乙县实验小学2024年工作计划']);
    expect(body.facts).toMatchObject({ type: 'work-plan', org: '乙县实验小学', goals: ['培训教师30名。'] });
    // Each report offered with what it would import, and the upload's text to start a session with.
    expect(body.reports.map((r: { type: string; areas: number; facts: number }) => [r.type, r.areas, r.facts])).toEqual([['work-plan', 1, 1], ['work-plan', 0, 0]]);
    expect(body.text).toBe(text);
    const session = await postJson(fetcher, '/api/sessions', { import: body.text, report: 1 });
    expect(session.status).toBe(201);
    expect((await session.json()).facts.org).toBe('甲县实验小学');
  });

  it('says how sure the type is and which sentences it took for frames, not facts', async () => {
    const text = '某县教育局2024年工作总结\n一、抓党建\n全年开展活动12次。\n二、存在的问题\n在肯定成绩的同时，我们也清醒地看到存在的不足：一是经费不足；二是教师缺口30名。';
    const body = await (await postJson(fetcher, '/api/imports', { text })).json();
    expect(body.reportType).toMatchObject({ type: 'annual-summary', unsure: false });
    expect(body.reportType.reasons.join()).toContain('标题');
    expect(body.frames).toEqual(['在肯定成绩的同时，我们也清醒地看到存在的不足：']);
    expect(body.facts.problems).toEqual(['经费不足', '教师缺口30名']);
    expect(body.text).toBeUndefined();
  });

  it('answers 400 for empty text or a form without a file, naming the field', async () => {
    const empty = await postJson(fetcher, '/api/imports', { text: '  ' });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.issues[0].path).toBe('text');
    const form = new FormData();
    form.append('note', 'x');
    const noFile = await fetcher('/api/imports', { method: 'POST', body: form });
    expect(noFile.status).toBe(400);
    expect((await noFile.json()).error.issues[0].path).toBe('file');
  });

  it('answers 415 for another content type or file type, and 400 for a broken .docx', async () => {
    const plain = await fetcher('/api/imports', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: REPORT });
    expect(plain.status).toBe(415);
    expect((await plain.json()).error.code).toBe('unsupported_media_type');
    const pdf = await upload(fetcher, new File(['%PDF-1.4'], '总结.pdf'));
    expect(pdf.status).toBe(415);
    expect((await pdf.json()).error.message).toContain('总结.pdf');
    const broken = await upload(fetcher, new File(['not a zip'], '总结.docx'));
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.message).toMatch(/不是 \.docx 文件/);
  });

  it('says in Chinese when a hand-written multipart body or boundary cannot be parsed', async () => {
    const body = '--edge\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n半截';
    for (const type of ['multipart/form-data', 'multipart/form-data; boundary=other', 'multipart/form-data; boundary=edge']) {
      const response = await fetcher('/api/imports', { method: 'POST', headers: { 'content-type': type }, body });
      expect([type, response.status]).toEqual([type, 400]);
      const error = (await response.json()).error;
      expect(error.code).toBe('invalid_form');
      expect(error.message).toMatch(/multipart\/form-data/);
    }
    const noBoundary = await fetcher('/api/imports', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=' }, body });
    expect(noBoundary.status).toBe(415);
    expect((await noBoundary.json()).error.code).toBe('unsupported_media_type');
  });

  it('takes uploads up to 5 MiB but answers 413 above it; JSON keeps its 256 KiB limit', async () => {
    const big = new File([new Uint8Array(5 * 1024 * 1024 + 10)], '大文件.docx');
    const tooBig = await upload(fetcher, big);
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error.code).toBe('payload_too_large');
    const line = '一、加强管理。全年完成培训12期。\n';
    const within = await upload(fetcher, new File(['某区教育局2024年工作总结\n', line.repeat(Math.floor((400 * 1024) / new TextEncoder().encode(line).length))], '总结.txt'));
    expect(within.status).toBe(200);
    const json = await postJson(fetcher, '/api/imports', { text: '字'.repeat(100_000) });
    expect(json.status).toBe(413);
  });
}
