/** POST /api/proofread and POST /api/drafts/:id/proofread on both runtimes: issues in place, figures against the facts, 400/404/413. */
import { expect, it } from 'vitest';
import annual from '../../../data/examples/annual-summary.json';
import { postJson, putJson, type Fetcher } from './harness.js';

interface Issue {
  start: number;
  end: number;
  kind: string;
  message: string;
  suggestion?: string;
}

export function proofreadSuite(fetcher: Fetcher) {
  it('checks pasted text: each issue points at its words, names its rule in Chinese, and suggests only certain fixes', async () => {
    const text = '全区共有幼儿园１２６所,其中公办园68所。\n截止2025年底，各项工作按步就班推进，约50余所学校参加。';
    const response = await postJson(fetcher, '/api/proofread', { text });
    expect(response.status).toBe(200);
    const { issues } = (await response.json()) as { issues: Issue[] };
    expect(issues.map((i) => [i.kind, text.slice(i.start, i.end), i.suggestion])).toEqual([
      ['number', '１２６', '126'],
      ['punctuation', ',', '，'],
      ['typo', '截止', '截至'],
      ['typo', '按步就班', '按部就班'],
      ['number', '约50余', undefined],
    ]);
    for (const issue of issues) expect(issue.message).toMatch(/^(数字|标点|错别字)：/);
  });

  it('reads markdown syntax as syntax when asked (## and | are not punctuation)', async () => {
    const text = '## 一、总体要求\n\n| 时间 | 内容 |\n| --- | --- |\n| 9月 | 开学检查 |\n';
    const asMarkdown = await (await postJson(fetcher, '/api/proofread', { text, format: 'markdown' })).json();
    expect(asMarkdown.issues).toEqual([]);
  });

  it('answers 400 in Chinese for a text that is not a string, or missing, and 413 past the documented size', async () => {
    for (const body of [{ text: 42 }, { text: ['一'] }, {}]) {
      const response = await postJson(fetcher, '/api/proofread', body);
      expect(response.status).toBe(400);
      const { error } = await response.json();
      expect(error.code).toBe('invalid_request');
      expect(error.message).toContain('text');
      expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const long = await postJson(fetcher, '/api/proofread', { text: '校'.repeat(50_001) });
    expect(long.status).toBe(413);
    const { error } = await long.json();
    expect(error.message).toContain('50000');
    expect((await postJson(fetcher, '/api/proofread', { text: '校'.repeat(50_000) })).status).toBe(200);
  });

  it('checks a stored draft, any version: offsets into its markdown, a figure the facts do not hold reported', async () => {
    const draft = await (await postJson(fetcher, '/api/drafts', annual)).json();
    const first = await (await postJson(fetcher, `/api/drafts/${draft.id}/proofread`, {})).json();
    expect(first).toEqual({ version: 1, issues: [] });
    // Someone edits the draft by hand: a figure that is in no fact, and a half-width comma.
    const markdown = draft.markdown.replace(/。/, '，全年另建食堂7个,运行良好。');
    expect(markdown).not.toBe(draft.markdown);
    expect((await putJson(fetcher, `/api/drafts/${draft.id}`, { markdown })).status).toBe(200);
    const second = await (await postJson(fetcher, `/api/drafts/${draft.id}/proofread`, {})).json();
    expect(second.version).toBe(2);
    expect(second.issues.map((i: Issue) => [i.kind, markdown.slice(i.start, i.end)])).toEqual([
      ['figure', '7个'],
      ['punctuation', ','],
    ]);
    const old = await (await postJson(fetcher, `/api/drafts/${draft.id}/proofread?version=1`, {})).json();
    expect(old).toEqual({ version: 1, issues: [] });
    expect((await postJson(fetcher, `/api/drafts/${draft.id}/proofread?version=9`, {})).status).toBe(404);
    const missing = await postJson(fetcher, '/api/drafts/AAAAAAAAAAAAAAAAAAAAAA/proofread', {});
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('is described in the OpenAPI document', async () => {
    const spec = await (await fetcher('/openapi.json')).json();
    expect(Object.keys(spec.paths['/api/proofread'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '413']));
    expect(spec.paths['/api/drafts/{id}/proofread'].post.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['id', 'version']));
  });
}
