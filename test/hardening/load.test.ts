/** 20 sessions answering 10 turns each at once against the real Node server: no errors, no answer lost (bench/load-sessions.ts runs 200×20). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { killServer, startServer, type RunningServer } from '../helpers/node-process.js';
import { runSessions } from './session-load.js';

const dir = mkdtempSync(join(tmpdir(), 'load-'));
let server: RunningServer | undefined;
afterAll(async () => {
  if (server) await killServer(server.child);
  rmSync(dir, { recursive: true, force: true });
});

it('keeps every answer of 20 concurrent sessions × 10 turns, with no errors', async () => {
  server = await startServer({ DATA_FILE: join(dir, 'db.json'), RATE_LIMIT_PER_MINUTE: '100000' });
  const result = await runSessions(server.origin, 20, 10, 90_000);
  expect(result.errors).toEqual([]);
  expect(result.latencies).toHaveLength(200);
  expect(result.lost).toEqual([]);
}, 120_000);

it('answers 429 with Retry-After when one client goes past the default per-client limit', async () => {
  const limited = await startServer({ DATA_FILE: join(dir, 'limited.json'), RATE_LIMIT_PER_MINUTE: '5' });
  try {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    // startServer's readiness check already took one of the five.
    for (let i = 0; i < 7; i++) {
      const response = await fetch(`${limited.origin}/api/report-types`);
      statuses.push(response.status);
      // The real server names no software or version, and every answer carries nosniff.
      expect(response.headers.get('server')).toBeNull();
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  } finally {
    await killServer(limited.child);
  }
}, 60_000);
