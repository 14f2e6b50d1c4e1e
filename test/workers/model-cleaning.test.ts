/**
 * The model path in workerd: the corpus of real-shaped answers through the real `openai` SDK, its SSE parser and
 * our cleaner, composer and answer parser, as the Worker runs them. A Node HTTP server cannot run inside workerd,
 * so here the SDK's `fetch` is a scripted function answering with streamed Responses in uneven chunks (the only
 * stand-in; over real HTTP the same corpus runs in test/compose/model-corpus-http.test.ts).
 */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { composeDraft } from '../../src/services/draft-pipeline.js';
import { createModelAnswerParser } from '../../src/dialogue/llm-answer-parser.js';
import { createLlmComposer } from '../../src/compose/llm-composer.js';
import type { ModelSettings } from '../../src/compose/llm-calls.js';
import type { FactSheet } from '../../src/domain/fact-sheet.js';
import { loadReportTypes } from '../../src/domain/report-types.js';
import { promptFiles } from '../../src/generated/prompt-files.js';
import annual from '../../data/examples/annual-summary.json';
import halfYear from '../../data/examples/half-year-summary.json';
import keyPoints from '../../data/examples/key-points.json';
import safety from '../../data/examples/safety-summary.json';
import workPlan from '../../data/examples/work-plan.json';
import { partAnswers, parserAnswers, type CorpusAnswer } from '../fixtures/model-answers.js';
import { factsIn, faithfulRepair, lastFactsIn, pieceOf } from '../helpers/model-prompts.js';
import { unevenChunks, wrappingLeft } from '../helpers/wrapping.js';

const reportTypes = loadReportTypes(promptFiles);
const sheets = [annual, halfYear, safety, workPlan, keyPoints] as FactSheet[];
const settings: ModelSettings = { apiKey: 'sk-test', baseURL: 'http://model.test/v1', model: 'qwen3-fake', concurrency: 10, requestTimeoutMs: 5_000, totalTimeoutMs: 30_000, retryBaseMs: 1, maxRetries: 1 };

const sse = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

/** A scripted endpoint: every answer in one corpus shape, streamed in uneven chunks (or JSON when not streamed). */
function scriptedFetch(answer: (user: string) => { text: string; reasoning?: CorpusAnswer['reasoning']; finish?: string }) {
  let n = 0;
  return async (_url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body));
    const user = body.messages.filter((m: { role: string }) => m.role === 'user').map((m: { content: string }) => m.content).join('\n');
    const { text, reasoning, finish = 'stop' } = answer(user);
    if (!body.stream) {
      return Response.json({ id: 'c', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: finish }] });
    }
    const events = [
      ...(reasoning ? [sse({ [reasoning.field]: reasoning.text, content: null })] : []),
      ...unevenChunks(text, ++n).map((piece) => sse({ content: piece })),
      sse({}, finish),
      'data: [DONE]\n\n',
    ];
    const encoder = new TextEncoder();
    const stream = new ReadableStream({
      start(controller) {
        for (const event of events) controller.enqueue(encoder.encode(event));
        controller.close();
      },
    });
    return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
  };
}

describe('workerd: model answers cleaned as on Node', () => {
  it('drafts every corpus shape with nothing of the wrapping left and every figure kept', async () => {
    const failures: string[] = [];
    for (const [i, shape] of partAnswers.entries()) {
      const facts = sheets[i % sheets.length];
      const fetch = scriptedFetch((user) => {
        const kind = pieceOf({ user });
        if (kind === 'repair') return { text: faithfulRepair(user) };
        const ctx = {
          kind,
          facts: kind === 'reask' ? lastFactsIn(user) : factsIn(user),
          heading: user.match(/撰写“([^”]+)”/)?.[1] ?? '',
          formula: user.match(/最后一句固定为：(.+)/)?.[1]?.trim() ?? '',
          wantsHeading: user.includes('请在第一行只写这一部分的小标题'),
        } as const;
        return { text: shape.content(ctx), reasoning: shape.reasoning, finish: shape.finishReason };
      });
      const client = new OpenAI({ apiKey: 'sk-test', baseURL: settings.baseURL, maxRetries: 0, fetch, logLevel: 'off' });
      const result = await composeDraft({ facts, type: reportTypes.get(facts.type)!, composer: createLlmComposer(settings, client) });
      const problems = [...wrappingLeft(result.markdown), ...result.figures.missing.map((f) => `missing ${f}`), ...result.figures.invented.map((f) => `invented ${f}`)];
      if (problems.length) failures.push(`${shape.id} (${facts.type}): ${problems.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('reads the interview answer’s JSON out of every wrapped shape', async () => {
    for (const shape of parserAnswers) {
      const fetch = scriptedFetch(() => ({ text: shape.content('{"org":"青河区教育局","facts":["开展培训12次"]}') }));
      const client = new OpenAI({ apiKey: 'sk-test', baseURL: settings.baseURL, maxRetries: 0, fetch, logLevel: 'off' });
      const parse = createModelAnswerParser(settings, client);
      const parsed = await parse({ typeId: 'annual-summary', field: 'org', question: '以哪个单位的名义来写？', text: '青河区教育局，培训开展了12次' });
      expect(parsed, shape.id).toEqual({ org: '青河区教育局', facts: ['开展培训12次'] });
    }
  });
});
