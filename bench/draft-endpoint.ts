/**
 * POST /api/drafts requests per second on Node over loopback, against a bare Hono JSON endpoint served the same
 * way in the same run (the ratio is what to read: the machine is shared and noisy). A third endpoint answers a
 * stored copy of the same draft without drafting: what the 14 KB answer alone costs, for reading the gap.
 * Run: npx tsx bench/draft-endpoint.ts   (DURATION_MS, CONCURRENCY to change the load)
 */
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { Memory } from 'lowdb';
import { offlineComposer } from '../src/compose/offline-composer.js';
import { parseConfig } from '../src/config.js';
import { loadReportTypes } from '../src/domain/report-types.js';
import { createApp } from '../src/http/app.js';
import { readPromptFiles } from '../src/node/prompt-files.js';
import { createLowStore, type DbShape } from '../src/store/store.js';

const DURATION_MS = Number(process.env.DURATION_MS ?? 5000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const EXAMPLE = process.env.EXAMPLE ?? 'work-plan';
const facts = readFileSync(new URL(`../data/examples/${EXAMPLE}.json`, import.meta.url), 'utf8');

const app = createApp({
  store: await createLowStore(new Memory<DbShape>()),
  reportTypes: loadReportTypes(readPromptFiles()),
  composer: offlineComposer,
  // The limiter is part of the request path and stays on; raised so the load measures drafting, not refusals.
  config: parseConfig({ RATE_LIMIT_PER_MINUTE: '1000000', KEY_RATE_LIMIT_PER_MINUTE: '1000000' }),
});
const bare = new Hono().post('/api/drafts', async (c) => c.json({ received: Object.keys(await c.req.json()).length }, 201));
const stored = await (await app.request('/api/drafts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: facts })).json();
const answerOnly = new Hono().post('/api/drafts', async (c) => {
  await c.req.json();
  return c.json(stored, 201);
});

function listen(fetch: (r: Request) => Response | Promise<Response>): Promise<{ url: string; close: () => void }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}/api/drafts`, close: () => server.close() }),
    );
  });
}

async function load(url: string): Promise<{ rps: number; errors: number }> {
  const until = performance.now() + DURATION_MS;
  let done = 0;
  let errors = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: facts });
      await response.arrayBuffer();
      if (response.status === 201) done++;
      else errors++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { rps: done / ((performance.now() - start) / 1000), errors };
}

const ours = await listen(app.fetch);
const baseline = await listen(bare.fetch);
const sameAnswer = await listen(answerOnly.fetch);
await load(ours.url); // warm up both before measuring
await load(baseline.url);
const a = await load(baseline.url);
const b = await load(ours.url);
await load(sameAnswer.url);
const d = await load(sameAnswer.url);
console.log(`| endpoint | req/s | errors |\n| --- | --- | --- |`);
console.log(`| bare Hono JSON (baseline) | ${a.rps.toFixed(0)} | ${a.errors} |`);
console.log(`| POST /api/drafts (${EXAMPLE} example, offline) | ${b.rps.toFixed(0)} | ${b.errors} |`);
console.log(`| bare Hono answering the stored draft (no drafting) | ${d.rps.toFixed(0)} | ${d.errors} |`);
console.log(`\nratio drafts/baseline: ${(b.rps / a.rps).toFixed(2)} (target ≥ 0.5); ${CONCURRENCY} clients, ${DURATION_MS} ms each`);
console.log(`ratio stored-draft answer/baseline: ${(d.rps / a.rps).toFixed(2)} (the 14 KB answer alone, for reading the gap)`);
ours.close();
baseline.close();
sameAnswer.close();
process.exit(0);
