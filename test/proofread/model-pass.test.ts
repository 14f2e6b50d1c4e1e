/**
 * The optional model pass: wording suggestions from a scripted OpenAI-compatible server on loopback (the real SDK
 * over HTTP), marked as the model's, never among the certain fixes, dropped when they would change a figure; the
 * offline issues stand whatever the model does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { certainIssues } from '../../src/proofread/apply-suggestions.js';
import { wordingIssues } from '../../src/proofread/model-pass.js';
import { createTestApp, json } from '../helpers/app.js';
import { startFakeOpenAI, type FakeOpenAI, type Script } from '../helpers/fake-openai-server.js';

const servers: FakeOpenAI[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function appWithModel(script: Script) {
  const server = await startFakeOpenAI(script);
  servers.push(server);
  const { app } = await createTestApp({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'fake-model', LLM_TIMEOUT_MS: '2000' } });
  return { app, server };
}

const TEXT = '全区共有幼儿园126所,其中公办园68所。各校要切实加强落实了安全责任。';
const answer = (suggestions: unknown[]) => ({ text: JSON.stringify({ suggestions }) });

describe('model wording pass', () => {
  it('places each suggestion at its quote; drops a quote not in the text and a rewording that changes a figure', () => {
    const issues = wordingIssues(
      TEXT,
      JSON.stringify({
        suggestions: [
          { quote: '切实加强落实了', replacement: '切实落实', reason: '“加强”与“落实”搭配重复' },
          { quote: '公办园68所', replacement: '公办园约70所', reason: '取整' },
          { quote: '不存在的原文', replacement: '随便', reason: '' },
        ],
      }),
    );
    expect(issues).toEqual([{ start: TEXT.indexOf('切实加强落实了'), end: TEXT.indexOf('切实加强落实了') + 7, kind: 'wording', source: 'model', message: '措辞（模型建议）：“加强”与“落实”搭配重复', suggestion: '切实落实' }]);
    expect(wordingIssues(TEXT, '不是 JSON')).toEqual([]);
    expect(certainIssues(issues)).toEqual([]);
  });

  it('POST /api/proofread?model=true adds the model’s suggestions after the offline ones, marked as the model’s', async () => {
    const { app, server } = await appWithModel(() => answer([{ quote: '切实加强落实了', replacement: '切实落实', reason: '搭配不当' }]));
    const response = await app.request('/api/proofread?model=true', json({ text: TEXT }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.model).toEqual({ used: true });
    expect(body.issues.map((i: { kind: string; source?: string }) => [i.kind, i.source])).toEqual([
      ['punctuation', undefined],
      ['wording', 'model'],
    ]);
    // The text went to the model as material inside <text>, with the instruction to leave figures alone.
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].user).toBe(`<text>\n${TEXT}\n</text>`);
    expect(server.requests[0].system).toContain('不要改标点、数字');
    // Without ?model the model is not asked.
    const offline = await (await app.request('/api/proofread', json({ text: TEXT }))).json();
    expect(offline.issues.map((i: { kind: string }) => i.kind)).toEqual(['punctuation']);
    expect(server.requests).toHaveLength(1);
  });

  it('a failing model leaves the offline issues and says so in Chinese; no model configured says that too', async () => {
    const { app } = await appWithModel(() => ({ status: 400, body: '{"error":{"message":"bad"}}' }));
    const failed = await (await app.request('/api/proofread?model=true', json({ text: TEXT }))).json();
    expect(failed.issues.map((i: { kind: string }) => i.kind)).toEqual(['punctuation']);
    expect(failed.model.used).toBe(false);
    expect(failed.model.message).toMatch(/^模型暂时无法/);
    const { app: offlineApp } = await createTestApp();
    const none = await (await offlineApp.request('/api/proofread?model=true', json({ text: TEXT }))).json();
    expect(none.model).toEqual({ used: false, message: '未配置模型（OPENAI_API_KEY），只做了离线校对' });
    expect(none.issues).toHaveLength(1);
    const bad = await offlineApp.request('/api/proofread?model=maybe', json({ text: TEXT }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain('model');
  });
});
