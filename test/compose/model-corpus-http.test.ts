/**
 * The corpus of real-shaped model answers (test/fixtures/model-answers.ts) replayed by the scripted OpenAI-compatible
 * server on 127.0.0.1, streamed in uneven chunks that split tags, sentences and figures, through a real Node server:
 * all five report types by POST /api/drafts as JSON and as SSE, a rewrite of each draft, and the interview's model
 * parser. Every draft must hold nothing of the wrapping and every given figure, none added.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Memory } from 'lowdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelAnswerParser } from '../../src/dialogue/llm-answer-parser.js';
import { createLlmComposer } from '../../src/compose/llm-composer.js';
import type { ModelSettings } from '../../src/compose/llm-calls.js';
import { parseConfig } from '../../src/config.js';
import type { FactSheet } from '../../src/domain/fact-sheet.js';
import { createApp } from '../../src/http/app.js';
import { createLowStore, type DbShape } from '../../src/store/store.js';
import { reportTypes } from '../helpers/app.js';
import { examples } from '../helpers/examples.js';
import { faithfulRepair } from '../helpers/model-prompts.js';
import { factsIn, lastFactsIn, pieceOf, startFakeOpenAI, type FakeOpenAI, type Reply, type SeenRequest } from '../helpers/fake-openai-server.js';
import { unevenChunks, wrappingLeft } from '../helpers/wrapping.js';
import { partAnswers, parserAnswers, type AnswerContext, type CorpusAnswer } from '../fixtures/model-answers.js';

/** Our own fact sheets besides the examples: figures written with separators, decimals, ranges and dates. */
const extra: FactSheet = {
  type: 'annual-summary',
  org: '松溪县教育局',
  period: '2025年',
  sections: [
    { topic: '学生资助', facts: ['发放各类资助资金2338.2万元，惠及学生12600人次', '家庭经济困难学生资助覆盖率100%'] },
    { topic: '教育信息化', facts: ['建成智慧教室150间，校园网络带宽提升至1000兆', '教师信息技术应用能力培训参训率96.0%'] },
  ],
  problems: ['城区学校大班额问题仍未完全消除'],
  nextSteps: ['2026年9月前完成第二批智慧校园建设'],
  signature: { org: '松溪县教育局', date: '2025年12月28日' },
};
const sheets: FactSheet[] = [...examples.map((e) => e.facts), extra];
const byType = (type: string) => sheets.filter((s) => s.type === type);
const typeIds = ['annual-summary', 'half-year-summary', 'safety-summary', 'work-plan', 'key-points'];

let current: CorpusAnswer = partAnswers[0];
let seed = 1;

/** The context a model would read from the request. */
function contextOf(r: SeenRequest): AnswerContext {
  const piece = pieceOf(r);
  return {
    kind: piece === 'repair' ? 'part' : piece,
    facts: piece === 'reask' ? lastFactsIn(r.user) : factsIn(r.user),
    heading: r.user.match(/撰写“([^”]+)”/)?.[1] ?? '',
    formula: r.user.match(/最后一句固定为：(.+)/)?.[1]?.trim() ?? '',
    wantsHeading: r.user.includes('请在第一行只写这一部分的小标题'),
  };
}

/** The scripted model: every answer in the current corpus shape; a repair answered as a model does (the figure fixed). */
function script(r: SeenRequest): Reply {
  if (r.body.response_format) return parserReply(r);
  if (pieceOf(r) === 'repair') return { text: `<think>把数字改成事实中的写法。</think>${faithfulRepair(r.user)}` };
  const text = current.content(contextOf(r));
  return { text, chunks: unevenChunks(text, seed * 31 + r.index), reasoning: current.reasoning, finishReason: current.finishReason };
}

let parserShape = parserAnswers[0];
const PARSED: Record<string, unknown> = {
  org: { org: '青河区教育局' },
  period: { period: '2025年' },
  sections: { topics: ['党建工作', '教师队伍建设', '办学条件改善'] },
};
function parserReply(r: SeenRequest): Reply {
  const field = r.user.match(/填写字段 ([\w.[\]]+)/)?.[1] ?? '';
  const json = JSON.stringify(PARSED[field] ?? {});
  const text = parserShape.content(json);
  return { text, ...(parserShape.reasoning ? { reasoning: { field: 'reasoning_content' as const, text: parserShape.reasoning } } : {}) };
}

let model: FakeOpenAI;
let base = '';
let close: () => Promise<void>;

beforeAll(async () => {
  model = await startFakeOpenAI(script);
  const settings: ModelSettings = {
    apiKey: 'sk-test',
    baseURL: model.baseURL,
    model: 'qwen3-fake',
    concurrency: 8,
    requestTimeoutMs: 5_000,
    totalTimeoutMs: 30_000,
    retryBaseMs: 2,
    maxRetries: 1,
    firstTokenTimeoutMs: 3_000,
    stallTimeoutMs: 3_000,
  };
  const store = await createLowStore(new Memory<DbShape>());
  const composer = createLlmComposer(settings);
  const app = createApp({ store, reportTypes, composer, pieceRewriter: (request) => composer.rewritePiece(request), answerParser: createModelAnswerParser(settings), config: parseConfig({ RATE_LIMIT_PER_MINUTE: '100000' }) }); // ~300 requests from one address in a run
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => { (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(); server.close(() => resolve()); });
});
afterAll(async () => {
  await close?.();
  await model?.close();
});

const post = (path: string, body: unknown, accept = 'application/json') =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });

function parseSse(body: string): Array<{ event: string; data: any }> {
  return body
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => ({
      event: block.match(/^event: (.*)$/m)?.[1] ?? 'message',
      data: JSON.parse(block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n')),
    }));
}

interface Outcome {
  id: string;
  how: string;
  type: string;
  problems: string[];
}

/** What is wrong with a finished draft: wrapping left, figures lost or added. */
function problemsOf(view: { markdown: string; figures: { missing: string[]; invented: string[] } }): string[] {
  return [
    ...wrappingLeft(view.markdown).map((w) => `wrapping: ${w}`),
    ...view.figures.missing.map((f) => `missing: ${f}`),
    ...view.figures.invented.map((f) => `invented: ${f}`),
  ];
}

const outcomes: Outcome[] = [];

describe('the corpus through POST /api/drafts, rewrite and the interview', () => {
  it('drafts every corpus shape for all five report types, JSON and SSE: nothing of the wrapping left, every figure kept', async () => {
    for (const [i, answer] of partAnswers.entries()) {
      current = answer;
      for (const how of ['json', 'sse'] as const) {
        seed = i * 2 + (how === 'sse' ? 1 : 0);
        const type = typeIds[(i + (how === 'sse' ? 2 : 0)) % typeIds.length];
        const candidates = byType(type);
        const facts = candidates[i % candidates.length];
        const response = await post('/api/drafts', facts, how === 'sse' ? 'text/event-stream' : 'application/json');
        let view: any;
        const problems: string[] = [];
        if (how === 'json') {
          expect(response.status).toBe(201);
          view = await response.json();
        } else {
          const events = parseSse(await response.text());
          view = events.find((e) => e.event === 'done')?.data;
          // Never shown, even mid-stream: what went out for each piece, in order, holds none of the wrapping.
          const shown = new Map<string, string>();
          for (const e of events.filter((e) => e.event === 'text')) {
            shown.set(e.data.key, (shown.get(e.data.key) ?? '') + e.data.text);
            for (const w of wrappingLeft(shown.get(e.data.key)!)) problems.push(`streamed: ${w}`);
          }
        }
        problems.push(...problemsOf(view));
        expect(view.composer).toBe('model');
        if (problems.length && process.env.CORPUS_DEBUG) console.log(view.markdown);
        outcomes.push({ id: answer.id, how, type, problems: [...new Set(problems)] });
        // A rewrite of the first part, answered in the same shape.
        if (how === 'json') {
          const rewrite = await post(`/api/drafts/${view.id}/sections/1/rewrite`, { instruction: '更简洁' });
          // A model that gives nothing usable leaves the draft as it was (502); otherwise a new version.
          const expected = answer.unusable ? 502 : 200;
          const body = await rewrite.json();
          const problems = rewrite.status !== expected ? [`rewrite status ${rewrite.status}: ${JSON.stringify(body).slice(0, 200)}`] : expected === 200 ? problemsOf(body) : [];
          outcomes.push({ id: answer.id, how: 'rewrite', type, problems });
        }
      }
    }
    const drafts = outcomes.filter((o) => o.how !== 'rewrite');
    const clean = drafts.filter((o) => !o.problems.length).length;
    const rewrites = outcomes.filter((o) => o.how === 'rewrite');
    console.log(`corpus: ${clean} of ${drafts.length} drafts with nothing of the wrapping left and every figure kept (${partAnswers.length} answer shapes × JSON/SSE, five report types); rewrites ${rewrites.filter((o) => !o.problems.length).length} of ${rewrites.length}`);
    for (const o of outcomes.filter((o) => o.problems.length)) console.log(`  ${o.id} ${o.how} ${o.type}: ${o.problems.join('; ')}`);
    expect(new Set(drafts.map((o) => o.type)).size).toBe(5);
    expect(outcomes.filter((o) => o.problems.length)).toEqual([]);
  }, 240_000);

  it('the interview’s model parser reads the JSON out of every wrapped shape', async () => {
    const failures: string[] = [];
    for (const shape of parserAnswers) {
      parserShape = shape;
      const started = await (await post('/api/sessions', { type: 'annual-summary' })).json();
      const say = async (text: string) => (await post(`/api/sessions/${started.id}/messages`, { text })).json();
      await say('青河区教育局');
      await say('2025年');
      // The offline parser would keep these as said (党建、教师队伍、办学条件): the names below are the model's.
      const turn = await say('党建、教师队伍、办学条件');
      const topics = (turn.facts.sections ?? []).map((s: { topic: string }) => s.topic);
      if (JSON.stringify(topics) !== JSON.stringify(['党建工作', '教师队伍建设', '办学条件改善']) || turn.facts.org !== '青河区教育局') failures.push(`${shape.id}: ${JSON.stringify(turn.facts)}`);
    }
    console.log(`interview parser: ${parserAnswers.length - failures.length} of ${parserAnswers.length} wrapped answers read`);
    expect(failures).toEqual([]);
  }, 60_000);
});
