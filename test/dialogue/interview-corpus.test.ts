/**
 * The interview corpus (test/fixtures/interviews): every interview driven over HTTP on loopback against the
 * real app (@hono/node-server, in-memory lowdb, the server's clock set to the interview's date), first with the
 * offline parser, then with the model answer parser talking to the scripted OpenAI-compatible server. Prints
 * how many reached the review with every area recognised and every figure filed under the right field.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Memory } from 'lowdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModelAnswerParser } from '../../src/dialogue/llm-answer-parser.js';
import { offlineComposer } from '../../src/compose/offline-composer.js';
import { parseConfig } from '../../src/config.js';
import type { AnswerParser } from '../../src/dialogue/answer-parser.js';
import { createApp } from '../../src/http/app.js';
import { createLowStore, type DbShape } from '../../src/store/store.js';
import corpus from '../fixtures/interviews/corpus.json';
import heldOut from '../fixtures/interviews/held-out.json';
import { goodModelAnswer, INVENTED } from '../helpers/answer-model.js';
import { reportTypes } from '../helpers/app.js';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai-server.js';
import { runInterview, type InterviewFixture, type InterviewRun } from '../helpers/interview-corpus.js';

const sets: Array<[string, InterviewFixture[]]> = [
  ['corpus', corpus as unknown as InterviewFixture[]],
  ['held-out', heldOut as unknown as InterviewFixture[]],
];

/** The app on 127.0.0.1 with a clock the test sets per interview. */
async function serveApp(answerParser?: AnswerParser) {
  let today = '2025-12-15';
  const store = await createLowStore(new Memory<DbShape>());
  const app = createApp({
    store,
    reportTypes,
    composer: offlineComposer,
    config: parseConfig({ RATE_LIMIT_PER_MINUTE: '1000000' }),
    now: () => new Date(`${today}T10:00:00+08:00`),
    // The clock jumps between interviews (to each one's date): rate limits on it are not what is tested here.
    rateLimiters: () => ({ take: async () => ({ ok: true, retryAfter: 0 }) }),
    ...(answerParser ? { answerParser } : {}),
  });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server)) as Server;
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    setToday: (date: string) => void (today = date),
    send: async (path: string, body: unknown) => {
      const response = await fetch(origin + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: await response.json() };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const results: Record<string, Record<string, InterviewRun>> = {};

function report(label: string) {
  for (const [set, fixtures] of sets) {
    const runs = results[`${label}:${set}`] ?? {};
    const passed = fixtures.filter((f) => runs[f.name] && !runs[f.name].problems.length).length;
    console.log(`[interview corpus] ${label} ${set}: ${passed}/${fixtures.length} reached the review with every area and figure filed right`);
    for (const f of fixtures) for (const p of runs[f.name]?.problems ?? []) console.log(`  ${f.name}: ${p}`);
  }
}

describe('interview corpus, offline parser, over HTTP', () => {
  let live: Awaited<ReturnType<typeof serveApp>>;
  beforeAll(async () => void (live = await serveApp()));
  afterAll(async () => {
    report('offline');
    await live?.close();
  });
  for (const [set, fixtures] of sets) {
    for (const fixture of fixtures) {
      it(`${set}: ${fixture.name}`, async () => {
        live.setToday(fixture.today);
        const run = await runInterview(live.send, fixture);
        (results[`offline:${set}`] ??= {})[fixture.name] = run;
        expect(run.problems).toEqual([]);
      });
    }
  }
});

describe('interview corpus, model answer parser with the scripted model server', () => {
  let live: Awaited<ReturnType<typeof serveApp>>;
  let model: FakeOpenAI;
  let current: InterviewFixture;
  beforeAll(async () => {
    model = await startFakeOpenAI((request) => ({ json: completion(goodModelAnswer(request, current)) }));
    const parser = createModelAnswerParser({ apiKey: 'test', baseURL: model.baseURL, model: 'fake', concurrency: 1, requestTimeoutMs: 5_000, totalTimeoutMs: 10_000, retryBaseMs: 1 });
    live = await serveApp(parser);
  });
  afterAll(async () => {
    report('model');
    await live?.close();
    await model?.close();
  });
  for (const [set, fixtures] of sets) {
    for (const fixture of fixtures) {
      it(`${set}: ${fixture.name}`, async () => {
        current = fixture;
        live.setToday(fixture.today);
        const before = model.requests.length;
        const run = await runInterview(live.send, fixture);
        (results[`model:${set}`] ??= {})[fixture.name] = run;
        // The model was asked for every answer, and its invented figure never reached the facts.
        expect(model.requests.length).toBeGreaterThan(before);
        expect(JSON.stringify(run.facts)).not.toContain(INVENTED);
        expect(run.problems).toEqual([]);
      });
    }
  }
});

function completion(content: unknown) {
  return { id: 'c1', object: 'chat.completion', created: 1, model: 'fake', choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(content) }, finish_reason: 'stop' }] };
}
