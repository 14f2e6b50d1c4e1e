/**
 * 10,000 generated malformed requests across every route through the Node app (app.request), then 10,000 more
 * over loopback against the real Node server (API keys and origins on): never a status of 500 or more, every
 * error in our JSON shape, the server still answering, no prototype polluted. Seeded: a failure names its
 * seed and index, so it reproduces.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { json } from '../helpers/app.js';
import { assertNoPollution, generator, toInit } from './fuzz-requests.js';
import { hardenedApp, sessionWithDraft } from './hardened-app.js';
import { killServer, startServer, type RunningServer } from '../helpers/node-process.js';
import { answerProblem, describeRequest, fuzzOverHttp, unknownMethod } from './fuzz-over-http.js';

const BATCHES = [0x5eed01, 0x5eed02, 0x5eed03, 0x5eed04];
const PER_BATCH = 2_500;

describe('fuzz: the Node app (app.request)', async () => {
  const { app } = await hardenedApp();
  const live = await sessionWithDraft(app);
  const counts = new Map<number, number>();

  for (const seed of BATCHES) {
    it(`answers ${PER_BATCH} malformed requests (seed ${seed.toString(16)}) below 500, in our error shape, polluting nothing`, async () => {
      const next = generator(seed, live);
      const failures: string[] = [];
      for (let i = 0; i < PER_BATCH; i++) {
        const request = next();
        let response: Response;
        try {
          response = await app.request(request.path, toInit(request));
        } catch (error) {
          failures.push(`threw ${(error as Error).message} ${describeRequest(seed, i, request)}`);
          continue;
        }
        counts.set(response.status, (counts.get(response.status) ?? 0) + 1);
        const problem = answerProblem({ status: response.status, text: request.method === 'HEAD' ? '' : await response.text() }, request);
        if (problem) failures.push(`${problem} ${describeRequest(seed, i, request)}`);
      }
      expect(failures.slice(0, 10)).toEqual([]);
      assertNoPollution();
    }, 180_000);
  }

  it('still answers afterwards: report types, and a whole new session to a draft', async () => {
    expect((await app.request('/api/report-types')).status).toBe(200);
    const again = await sessionWithDraft(app);
    expect((await app.request(`/api/drafts/${again.draftId}`)).status).toBe(200);
    // The requests reached past validation, not only the 4xx walls: some succeeded, many kinds of refusal.
    expect([...counts.keys()].filter((s) => s < 300).length).toBeGreaterThan(0);
    expect([...counts.keys()].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(5);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(BATCHES.length * PER_BATCH);
  });
});

describe('fuzz: the real Node server over loopback', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-server-'));
  let server: RunningServer | undefined;
  afterAll(async () => {
    if (server) await killServer(server.child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 10,000 malformed requests below 500 with keys and origins on, and keeps serving', async () => {
    const key = 'fuzz-key-0123456789abcdef0123';
    server = await startServer({ DATA_FILE: join(dir, 'db.json'), API_KEYS: key, ALLOWED_ORIGINS: 'https://intranet.example.cn', RATE_LIMIT_PER_MINUTE: '1000000', KEY_RATE_LIMIT_PER_MINUTE: '1000000' });
    const origin = server.origin;
    const session = await (await fetch(`${origin}/api/sessions`, json({ type: 'annual-summary' }))).json();
    await fetch(`${origin}/api/sessions/${session.id}/messages`, json({ text: '完成' }));
    const draft = await (await fetch(`${origin}/api/sessions/${session.id}/draft`, json({}))).json();
    const run = await fuzzOverHttp({
      origin,
      seed: 0xf022,
      count: 10_000,
      live: { sessionId: session.id, draftId: draft.id },
      // A third of them with the key, some from an allowed origin and some from a stranger's.
      adjust(request, i) {
        if (i % 3 === 0) request.headers.authorization = `Bearer ${key}`;
        if (i % 7 === 0) request.headers.origin = i % 2 ? 'https://evil.example' : 'https://intranet.example.cn';
      },
      // Node's HTTP parser itself answers a bare 400 to a method it does not know; the app never sees it.
      excuse: (request, answer) => (unknownMethod(request) && answer.status === 400 && answer.text === '' ? 'unknown method: 400 from Node' : undefined),
    });
    expect(run.answered).toBeGreaterThan(9_500);
    expect(run.failures.slice(0, 10)).toEqual([]);
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(`${origin}/api/report-types`)).status).toBe(200);
    expect((await fetch(`${origin}/api/sessions/${session.id}`)).status).toBe(200);
    // The log kept one JSON line per request and never the key.
    const logLines = server.output().split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(1_000);
    expect(server.output()).not.toContain(key);
  }, 240_000);
});
