/**
 * A dialogue turn's latency (POST /api/sessions/:id/messages) on the Node server over loopback, with 50 sessions
 * answering at once, against GET /api/report-types under the same load in the same run (read the ratio first).
 * The store is the real Node one: the lowdb JSON file in a temporary folder (STORE=memory for the in-memory one).
 * Each session waits THINK_MS (default 100, jittered ±50%) between its turns, as people do; THINK_MS=0 hammers the
 * server closed-loop, which measures queueing at saturation rather than a turn's latency.
 * Run: npx tsx bench/dialogue-turn.ts   (SESSIONS, TURNS, THINK_MS, STORE=memory to change it)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Memory } from 'lowdb';
import { offlineComposer } from '../src/compose/offline-composer.js';
import { parseConfig } from '../src/config.js';
import { loadReportTypes } from '../src/domain/report-types.js';
import { createApp } from '../src/http/app.js';
import { JournaledDataFile } from '../src/node/journaled-data-file.js';
import { readPromptFiles } from '../src/node/prompt-files.js';
import { createLowStore, type DbShape } from '../src/store/store.js';

const SESSIONS = Number(process.env.SESSIONS ?? 50);
const TURNS = Number(process.env.TURNS ?? 24);
const MEMORY = process.env.STORE === 'memory';
const THINK_MS = Number(process.env.THINK_MS ?? 100);
const think = () => (THINK_MS ? new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random()))) : Promise.resolve());

/** Answers a person would give, by the field asked; everything else is skipped. */
const ANSWERS: Record<string, string> = {
  org: '我们是青河区教育局，写2025年的总结',
  sections: '1. 党建工作\n2. 教师队伍建设\n3. 校舍建设、教育信息化',
  'sections[0].facts': '一是全区58个基层党组织完成达标创建；二是新发展党员23名。',
  'sections[1].facts': '（一）公开招聘教师１２８名\n（二）组织培训3600人次，参训率98.4%',
  'sections[2].facts': '投入资金1.42亿元，新建学校4所。新增学位2700个',
  'sections[3].facts': '① 建成智慧教室186间 ② 千兆光纤接入率达到100%',
  problems: '城区学位紧张；乡村学校缺少专职心理教师',
  nextSteps: '1、新建小学2所\n2、推进集团化办学',
};

const dir = mkdtempSync(join(tmpdir(), 'bench-dialogue-'));
const store = await createLowStore(MEMORY ? new Memory<DbShape>() : new JournaledDataFile(join(dir, 'db.json')));
const app = createApp({ store, reportTypes: loadReportTypes(readPromptFiles()), composer: offlineComposer, config: parseConfig({ RATE_LIMIT_PER_MINUTE: '1000000' }) });
const { base, close } = await new Promise<{ base: string; close: () => void }>((resolve) => {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    resolve({ base: `http://127.0.0.1:${info.port}`, close: () => server.close() }),
  );
});

const post = (path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** One session's interview, turn after turn; starts over (重新开始) when it reaches review. Returns turn times. */
async function converse(turns: number): Promise<number[]> {
  const created = await (await post('/api/sessions', { type: 'annual-summary' })).json();
  let field: string | null = created.reply.field;
  const times: number[] = [];
  for (let i = 0; i < turns; i++) {
    await think();
    const text = field ? (ANSWERS[field] ?? '跳过') : '重新开始';
    const start = performance.now();
    const response = await post(`/api/sessions/${created.id}/messages`, { text });
    const body = await response.json();
    times.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`turn failed: ${response.status} ${JSON.stringify(body)}`);
    field = body.state === 'asking' ? body.reply.field : null;
  }
  return times;
}

async function baseline(requests: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    await think();
    const start = performance.now();
    const response = await fetch(`${base}/api/report-types`);
    await response.arrayBuffer();
    times.push(performance.now() - start);
  }
  return times;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

// Warm up both paths, then measure the baseline and the turns, each with SESSIONS clients at once.
await Promise.all(Array.from({ length: 5 }, () => converse(10)));
await Promise.all(Array.from({ length: 5 }, () => baseline(10)));
const base50 = (await Promise.all(Array.from({ length: SESSIONS }, () => baseline(TURNS)))).flat();
const turns = (await Promise.all(Array.from({ length: SESSIONS }, () => converse(TURNS)))).flat();
close();
rmSync(dir, { recursive: true, force: true });

const row = (name: string, values: number[]) =>
  `| ${name} | ${values.length} | ${percentile(values, 50).toFixed(2)} | ${percentile(values, 99).toFixed(2)} |`;
console.log(`store: ${MEMORY ? 'memory' : 'lowdb JSON file'}; ${SESSIONS} sessions at once, ${TURNS} turns each, think ${THINK_MS} ms`);
console.log('| request | samples | p50 ms | p99 ms |');
console.log('| --- | --- | --- | --- |');
console.log(row('GET /api/report-types (baseline)', base50));
console.log(row('POST /api/sessions/:id/messages', turns));
console.log(
  `ratio turn/baseline: p50 ${(percentile(turns, 50) / percentile(base50, 50)).toFixed(2)}x, p99 ${(percentile(turns, 99) / percentile(base50, 99)).toFixed(2)}x; target p99 < 20 ms: ${percentile(turns, 99) < 20 ? 'met' : 'NOT met'}`,
);
