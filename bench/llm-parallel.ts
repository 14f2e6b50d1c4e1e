/**
 * Model drafting against the scripted OpenAI-compatible test server (fixed delay per chunk): an eight-part
 * report's wall time (opening and closing drafted alongside the parts) at the default LLM_CONCURRENCY and at 4
 * vs one piece at a time, and time to the first streamed byte / text through our server vs straight from the
 * test server. Run: npx tsx bench/llm-parallel.ts
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Memory } from 'lowdb';
import { composeDraft } from '../src/services/draft-pipeline.js';
import { createLlmComposer } from '../src/compose/llm-composer.js';
import { parseConfig } from '../src/config.js';
import type { FactSheet } from '../src/domain/fact-sheet.js';
import { loadReportTypes } from '../src/domain/report-types.js';
import { createApp } from '../src/http/app.js';
import { readPromptFiles } from '../src/node/prompt-files.js';
import { createLowStore, type DbShape } from '../src/store/store.js';
import { faithfulWriter, startFakeOpenAI } from '../test/helpers/fake-openai-server.js';

const CHUNK_DELAY_MS = Number(process.env.CHUNK_DELAY_MS ?? 20);
const CHUNK_CHARS = Number(process.env.CHUNK_CHARS ?? 6);
const RUNS = Number(process.env.RUNS ?? 5);
const TTFB_RUNS = Number(process.env.TTFB_RUNS ?? 20);

const types = loadReportTypes(readPromptFiles());
const type = types.get('annual-summary')!;
const topics = ['党建工作', '教师队伍建设', '办学条件改善', '教育信息化', '学前教育', '学生资助'];
const facts: FactSheet = {
  type: 'annual-summary',
  org: '松溪区教育局',
  period: '2025年',
  sections: topics.map((topic, i) => ({ topic, facts: [`完成${topic}重点任务${i + 3}项`, `覆盖学校${i + 20}所`] })),
  problems: ['部分学校工作进展不平衡'],
  nextSteps: ['继续巩固提升各项工作'],
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

const server = await startFakeOpenAI((r) => ({ text: faithfulWriter(r), delayMs: CHUNK_DELAY_MS, chunkChars: CHUNK_CHARS }));
const DEFAULT_CONCURRENCY = parseConfig({}).LLM_CONCURRENCY;
const settings = (concurrency: number) => ({
  apiKey: 'bench',
  baseURL: server.baseURL,
  model: 'fake',
  concurrency,
  requestTimeoutMs: 60_000,
  totalTimeoutMs: 300_000,
});

// 1. Wall time of the whole draft (eight parts, opening and closing: ten pieces).
const levels = [...new Set([1, 4, DEFAULT_CONCURRENCY])];
const wall: Record<number, number[]> = Object.fromEntries(levels.map((c) => [c, []]));
for (let run = 0; run < RUNS; run++) {
  for (const concurrency of levels) {
    const started = performance.now();
    const result = await composeDraft({ facts, type, composer: createLlmComposer(settings(concurrency)) });
    wall[concurrency].push(performance.now() - started);
    if (result.warnings.some((w) => w.code === 'composer-fallback')) throw new Error('a part fell back: the bench is not measuring the model path');
  }
}
const sequential = median(wall[1]);
console.log(`eight-part report, ${CHUNK_DELAY_MS} ms per chunk of ${CHUNK_CHARS} chars, median of ${RUNS}:`);
for (const concurrency of levels) {
  console.log(`  concurrency ${concurrency}${concurrency === DEFAULT_CONCURRENCY ? ' (default)' : ''}: ${fmt(median(wall[concurrency]))}  (${(sequential / median(wall[concurrency])).toFixed(2)}x vs one at a time)`);
}

// 2. Time to first byte and first text: through our server vs straight from the test server.
const store = await createLowStore(new Memory<DbShape>());
const app = createApp({ store, reportTypes: types, composer: createLlmComposer(settings(DEFAULT_CONCURRENCY)), config: parseConfig({}) });
const ours = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => ours.once('listening', resolve));
const base = `http://127.0.0.1:${(ours.address() as AddressInfo).port}`;

async function timeStream(url: string, body: unknown, firstText: (seen: string) => boolean) {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify(body) });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  let firstByte = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!firstByte) firstByte = performance.now() - started;
    seen += decoder.decode(value, { stream: true });
    if (firstText(seen)) {
      const text = performance.now() - started;
      await reader.cancel();
      return { firstByte, text };
    }
  }
  throw new Error('stream ended before the first text');
}

const onePart = { ...facts, sections: facts.sections.slice(0, 1) };
const firstSentence = faithfulWriter({ user: '<facts>\n- x\n</facts>' } as never).split('。')[0];
const direct = { firstByte: [] as number[], text: [] as number[] };
const through = { firstByte: [] as number[], text: [] as number[] };
for (let run = 0; run < TTFB_RUNS; run++) {
  // Straight: one streamed request to the test server; "text" is when the first sentence has arrived whole.
  const d = await timeStream(
    `${server.baseURL}/chat/completions`,
    { model: 'fake', stream: true, messages: [{ role: 'user', content: '<facts>\n- x\n</facts>' }] },
    (seen) => [...seen.matchAll(/"content":"([^"]*)"/g)].map((m) => m[1]).join('').includes(`${firstSentence}。`),
  );
  direct.firstByte.push(d.firstByte);
  direct.text.push(d.text);
  // Through our server: first byte is the outline event; "text" is the first text event (that same sentence).
  const t = await timeStream(`${base}/api/drafts`, onePart, (seen) => seen.includes('event: text'));
  through.firstByte.push(t.firstByte);
  through.text.push(t.text);
}
console.log(`time to first streamed byte / first sentence, median of ${TTFB_RUNS}:`);
console.log(`  straight from the test server: first byte ${fmt(median(direct.firstByte))}, first sentence ${fmt(median(direct.text))}`);
console.log(`  through POST /api/drafts (SSE): first byte ${fmt(median(through.firstByte))}, first text event ${fmt(median(through.text))}`);
console.log(`  difference: first byte ${fmt(median(through.firstByte) - median(direct.firstByte))}, first text ${fmt(median(through.text) - median(direct.text))}`);

ours.close();
(ours as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
await server.close();
