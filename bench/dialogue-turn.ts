/**
 * A dialogue turn's latency (POST /api/sessions/:id/messages) on the Node server over loopback, with 50 sessions
 * answering at once, against GET /api/report-types under the same load in the same run (read the ratio first).
 * The store is the real Node one: the lowdb JSON file in a temporary folder (STORE=memory for the in-memory one).
 * Each session waits THINK_MS (default 100, jittered ±50%) between its turns, as people do; THINK_MS=0 hammers the
 * server closed-loop, which measures queueing at saturation rather than a turn's latency.
 * Then (unless RECORDS=0) the write path against the size of the database: the same turns on a data file that
 * already holds 1,000 and then 20,000 stored records (copies of a real interviewed session), each against its own
 * baseline; the ratio of the two turn p99s is the growth of a write's cost with the database.
 * Run: npx tsx bench/dialogue-turn.ts   (SESSIONS, TURNS, THINK_MS, STORE=memory, RECORDS=1000,20000 to change it)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Memory } from 'lowdb';
import { offlineComposer } from '../src/compose/offline-composer.js';
import { parseConfig } from '../src/config.js';
import { loadReportTypes } from '../src/domain/report-types.js';
import { createApp } from '../src/http/app.js';
import { writeSnapshot } from '../src/node/data-file.js';
import { JournaledDataFile } from '../src/node/journaled-data-file.js';
import { readPromptFiles } from '../src/node/prompt-files.js';
import { createLowStore, type DbShape, type Store } from '../src/store/store.js';

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

const RECORDS = (process.env.RECORDS ?? '1000,20000').split(',').map(Number).filter((n) => n > 0);
const reportTypes = loadReportTypes(readPromptFiles());
let base = '';

/** Serves `store` on a free loopback port for the duration of `run`. */
async function serving<T>(store: Store, run: () => Promise<T>): Promise<T> {
  const app = createApp({ store, reportTypes, composer: offlineComposer, config: parseConfig({ RATE_LIMIT_PER_MINUTE: '1000000' }) });
  const { origin, close } = await new Promise<{ origin: string; close: () => void }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ origin: `http://127.0.0.1:${info.port}`, close: () => server.close() }),
    );
  });
  base = origin;
  try {
    return await run();
  } finally {
    close();
  }
}

const post = (path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The last session interviewed: copied to fill the data file for the stored-records measurement. */
let lastSession = '';

/** One session's interview, turn after turn; starts over (重新开始) when it reaches review. Returns turn times. */
async function converse(turns: number): Promise<number[]> {
  const created = await (await post('/api/sessions', { type: 'annual-summary' })).json();
  lastSession = created.id;
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

/** Warm-up, then the baseline and the turns, each with SESSIONS clients at once. */
/**
 * Also the process's CPU time per request in each phase (server and client share the process): on a loaded
 * machine latency mostly measures the wait for a core, CPU time what a request costs.
 */
async function measure(): Promise<{ base50: number[]; turns: number[]; baseCpu: number; turnCpu: number }> {
  await Promise.all(Array.from({ length: 5 }, () => converse(10)));
  await Promise.all(Array.from({ length: 5 }, () => baseline(10)));
  let cpu = process.cpuUsage();
  const base50 = (await Promise.all(Array.from({ length: SESSIONS }, () => baseline(TURNS)))).flat();
  const baseCpu = cpuMs(process.cpuUsage(cpu)) / base50.length;
  cpu = process.cpuUsage();
  const turns = (await Promise.all(Array.from({ length: SESSIONS }, () => converse(TURNS)))).flat();
  const turnCpu = cpuMs(process.cpuUsage(cpu)) / turns.length;
  return { base50, turns, baseCpu, turnCpu };
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

const row = (name: string, values: number[]) =>
  `| ${name} | ${values.length} | ${percentile(values, 50).toFixed(2)} | ${percentile(values, 99).toFixed(2)} |`;

const dir = mkdtempSync(join(tmpdir(), 'bench-dialogue-'));
const store = await createLowStore(MEMORY ? new Memory<DbShape>() : new JournaledDataFile(join(dir, 'db.json')));
const { base50, turns, baseCpu, turnCpu } = await serving(store, measure);
console.log(`store: ${MEMORY ? 'memory' : 'lowdb JSON file'}; ${SESSIONS} sessions at once, ${TURNS} turns each, think ${THINK_MS} ms`);
console.log('| request | samples | p50 ms | p99 ms |');
console.log('| --- | --- | --- | --- |');
console.log(row('GET /api/report-types (baseline)', base50));
console.log(row('POST /api/sessions/:id/messages', turns));
console.log(
  `ratio turn/baseline: p50 ${(percentile(turns, 50) / percentile(base50, 50)).toFixed(2)}x, p99 ${(percentile(turns, 99) / percentile(base50, 99)).toFixed(2)}x; target p99 < 20 ms: ${percentile(turns, 99) < 20 ? 'met' : 'NOT met'}`,
);
console.log(`CPU ms per request (process, client included): baseline ${baseCpu.toFixed(2)}, turn ${turnCpu.toFixed(2)}; load average ${loadavg()[0].toFixed(1)}`);

// The write path against the database's size: a data file holding N copies of a real session, written as the
// server writes it, then the same measurement.
if (!MEMORY && RECORDS.length) {
  const sample = (await store.getSession(lastSession))!;
  const results: Array<{ records: number; bytes: number; base50: number[]; turns: number[]; baseCpu: number; turnCpu: number }> = [];
  for (const records of RECORDS) {
    const file = join(dir, `db-${records}.json`);
    const handle = await open(file, 'w');
    const sessions: Array<[string, object]> = Array.from({ length: records }, (_, i) => [`stored${i}`, { ...sample, id: `stored${i}` }]);
    const bytes = await writeSnapshot(handle, { drafts: [], sessions });
    await handle.close();
    const adapter = new JournaledDataFile(file, { maxBytes: 4 * 1024 * 1024 * 1024 });
    const sized = await createLowStore(adapter);
    const measured = await serving(sized, measure);
    await adapter.close();
    results.push({ records, bytes, ...measured });
  }
  console.log('');
  console.log(`write path against stored records (${SESSIONS} sessions at once, ${TURNS} turns each, think ${THINK_MS} ms)`);
  console.log('| stored records | data file MB | baseline p50 ms | baseline p99 ms | turn p50 ms | turn p99 ms | baseline CPU ms | turn CPU ms |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.records} | ${(r.bytes / 1024 / 1024).toFixed(1)} | ${percentile(r.base50, 50).toFixed(2)} | ${percentile(r.base50, 99).toFixed(2)} | ${percentile(r.turns, 50).toFixed(2)} | ${percentile(r.turns, 99).toFixed(2)} | ${r.baseCpu.toFixed(2)} | ${r.turnCpu.toFixed(2)} |`,
    );
  }
  if (results.length >= 2) {
    const [small, large] = [results[0], results.at(-1)!];
    console.log(
      `ratio ${large.records}/${small.records} records: turn p50 ${(percentile(large.turns, 50) / percentile(small.turns, 50)).toFixed(2)}x, turn p99 ${(percentile(large.turns, 99) / percentile(small.turns, 99)).toFixed(2)}x, turn CPU ${(large.turnCpu / small.turnCpu).toFixed(2)}x (baseline p99 ${(percentile(large.base50, 99) / percentile(small.base50, 99)).toFixed(2)}x, baseline CPU ${(large.baseCpu / small.baseCpu).toFixed(2)}x); load average ${loadavg()[0].toFixed(1)}`,
    );
  }
}
rmSync(dir, { recursive: true, force: true });
