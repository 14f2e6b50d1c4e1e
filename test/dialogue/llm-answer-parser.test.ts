/** The dialogue's model parser through the real SDK against a scripted OpenAI-compatible server on 127.0.0.1. */
import { afterEach, describe, expect, it } from 'vitest';
import { createModelAnswerParser } from '../../src/dialogue/llm-answer-parser.js';
import { startFakeOpenAI, type FakeOpenAI, type Script } from '../helpers/fake-openai-server.js';

let server: FakeOpenAI | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function parserWith(script: Script) {
  server = await startFakeOpenAI(script);
  const parse = createModelAnswerParser({ apiKey: 'sk-test', baseURL: server.baseURL, model: 'fake-model', concurrency: 1, requestTimeoutMs: 2_000, totalTimeoutMs: 5_000, retryBaseMs: 10 });
  return { server, parse };
}

const input = {
  typeId: 'annual-summary',
  field: 'sections[1].facts',
  question: '关于“教师队伍建设”，今年具体做了哪些事？',
  text: '今年招了135名老师，培训了2000人次。我们单位是青河区教育局。',
};

describe('model answer parser', () => {
  it('asks with a JSON schema response format and returns the fields the zod schema accepts', async () => {
    const { server, parse } = await parserWith(() => ({ text: JSON.stringify({ org: '青河区教育局', facts: ['招聘教师135名', '培训2000人次'], period: null, topics: [] }) }));
    expect(await parse(input)).toEqual({ org: '青河区教育局', facts: ['招聘教师135名', '培训2000人次'] });
    const format = server.requests[0].body.response_format as { type: string; json_schema: { schema: { properties: Record<string, unknown> } } };
    expect(format.type).toBe('json_schema');
    expect(Object.keys(format.json_schema.schema.properties)).toContain('facts');
    expect(server.requests[0].user).toContain(`<answer>\n${input.text}\n</answer>`);
  });

  it('drops a parsed item holding a figure the answer lacks', async () => {
    const { parse } = await parserWith(() => ({ text: JSON.stringify({ facts: ['招聘教师135名', '培训2500人次'] }) }));
    expect(await parse(input)).toEqual({ facts: ['招聘教师135名'] });
  });

  it('keeps a period the server’s date gives to 今年上半年, tells the model the date, and still drops other years', async () => {
    const answer = { typeId: 'half-year-summary', field: 'period', question: '总结的是哪一年的上半年？', text: '今年上半年', today: '2025-07-05' };
    // First a right answer, then one with a year that neither the answer nor the date gives.
    const { server, parse } = await parserWith((r) => ({ text: JSON.stringify({ period: r.index === 0 ? '2025年上半年' : '2024年上半年' }) }));
    expect(await parse(answer)).toEqual({ period: '2025年上半年' });
    expect(server.requests[0].user).toContain('今天是2025年7月5日');
    expect(await parse(answer)).toBeNull();
  });

  it('reads work areas said with their facts, keeping only facts whose figures the answer holds', async () => {
    const answer = { typeId: 'annual-summary', field: 'sections', question: '今年主要抓了哪几方面的工作？', text: '党建工作：开展主题党日12次，发展党员８名；学前教育' };
    const { server, parse } = await parserWith(() => ({
      text: JSON.stringify({
        topics: ['党建工作', '学前教育'],
        topicFacts: [
          { topic: '党建工作', facts: ['开展主题党日12次', '发展党员８名', '表彰党员30名'] },
          { topic: '学前教育', facts: ['新建幼儿园3所'] },
        ],
      }),
    }));
    expect(await parse(answer)).toEqual({ topics: ['党建工作', '学前教育'], topicFacts: [{ topic: '党建工作', facts: ['开展主题党日12次', '发展党员８名'] }] });
    const format = server.requests[0].body.response_format as { json_schema: { schema: { properties: Record<string, { type: string[] }> } } };
    expect(format.json_schema.schema.properties.topicFacts.type).toContain('array');
  });

  it('falls back to JSON mode when the server rejects json_schema', async () => {
    const { server, parse } = await parserWith((r) =>
      (r.body.response_format as { type: string }).type === 'json_schema' ? { status: 400 } : { text: '```json\n{"org":"青河区教育局"}\n```' },
    );
    expect(await parse(input)).toEqual({ org: '青河区教育局' });
    expect(server.requests.map((r) => (r.body.response_format as { type: string }).type)).toEqual(['json_schema', 'json_object']);
  });

  it.each([
    ['text that is not JSON', { text: '单位是青河区教育局' }],
    ['JSON of the wrong shape', { text: JSON.stringify({ org: 42, facts: '一条' }) }],
    ['nothing found', { text: JSON.stringify({ org: null }) }],
    ['a server that keeps failing', { status: 500 }],
    ['a hang', { hang: true as const }],
  ])('returns null on %s', async (_name, reply) => {
    const { parse } = await parserWith(() => reply);
    expect(await parse(input)).toBeNull();
  });
});
