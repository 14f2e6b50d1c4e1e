/**
 * Load: SESSIONS (default 200) sessions answering TURNS (default 20) turns each, all at once, against the real
 * Node server (npx tsx src/node.ts, lowdb JSON file in a temporary folder, 127.0.0.1), rate limit raised for the
 * run. Checks nothing is lost (every acknowledged answer is in its session's transcript) and no request failed.
 * Baseline in the same run: one session answering TURNS turns alone on the same server, before the load.
 * Bounded: TIMEOUT_MS (default 300000) for the whole load phase.
 * Run: npx tsx bench/load-sessions.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killServer, startServer } from '../test/helpers/node-process.js';
import { percentile, runSessions, type LoadResult } from '../test/hardening/session-load.js';

const SESSIONS = Number(process.env.SESSIONS ?? 200);
const TURNS = Number(process.env.TURNS ?? 20);
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS ?? 300_000);

const ms = (v: number) => v.toFixed(1);
const row = (name: string, r: LoadResult) =>
  `| ${name} | ${r.sessions}×${r.turns} | ${r.latencies.length} | ${ms(percentile(r.latencies, 50))} | ${ms(percentile(r.latencies, 99))} | ${ms(Math.max(...r.latencies))} | ${((r.latencies.length / r.wallMs) * 1000).toFixed(0)} | ${r.errors.length} | ${r.lost.length} |`;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'load-sessions-'));
  const server = await startServer({ DATA_FILE: join(dir, 'db.json'), RATE_LIMIT_PER_MINUTE: '1000000' });
  try {
    await runSessions(server.origin, 5, 4); // warm-up: module loading, JIT
    const baseline = await runSessions(server.origin, 1, TURNS);
    const load = await runSessions(server.origin, SESSIONS, TURNS, TIMEOUT_MS);
    console.log('| run | sessions×turns | turns acknowledged | p50 ms | p99 ms | max ms | turns/s | errors | lost |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    console.log(row('baseline: one session alone', baseline));
    console.log(row('load: all sessions at once', load));
    console.log(`\nratio p50 ${(percentile(load.latencies, 50) / percentile(baseline.latencies, 50)).toFixed(1)}x, p99 ${(percentile(load.latencies, 99) / percentile(baseline.latencies, 99)).toFixed(1)}x; wall ${(load.wallMs / 1000).toFixed(1)} s`);
    if (load.errors.length) console.log(`errors (first 5): ${load.errors.slice(0, 5).join('; ')}`);
    if (load.errors.length || load.lost.length || load.latencies.length !== SESSIONS * TURNS) process.exitCode = 1;
  } finally {
    await killServer(server.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
