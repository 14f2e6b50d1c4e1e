/**
 * The fuzz test against the real Worker in workerd: `wrangler dev --local` as a child process on 127.0.0.1 (Durable
 * Object store persisted to a temp dir), 10,000 generated malformed requests (the seeded generator of
 * fuzz-requests.ts) over loopback HTTP, eight at a time: never a status of 500 or more, every error the app gives in
 * our JSON shape, the Worker still answering afterwards. Over real HTTP, because the vitest-pool-workers pool stalls
 * on long runs (test/workers/fuzz.test.ts keeps a shorter run in the pool).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { METHODS } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { json } from '../helpers/app.js';
import { generator, toInit, type FuzzRequest } from './fuzz-requests.js';
import { freePort, killServer } from '../helpers/node-process.js';

const root = new URL('../../', import.meta.url).pathname;
const COUNT = 10_000;
const CONCURRENCY = 8;
/** The whole run's bound: past it the test fails instead of hanging (the run takes about 100 s on two cores). */
const DEADLINE_MS = 240_000;
/** One request's bound: a request workerd never answers is a failure, named so it reproduces. */
const REQUEST_MS = 20_000;

const dir = mkdtempSync(join(tmpdir(), 'fuzz-workerd-'));
let child: ChildProcess | undefined;
let origin = '';
let output = '';

beforeAll(async () => {
  const [port, inspector] = [await freePort(), await freePort()];
  child = spawn(
    join(root, 'node_modules/.bin/wrangler'),
    // Rate limits raised so the requests reach past them (the limits have their own tests); no keys or origins set.
    ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--persist-to', dir,
      '--show-interactive-dev-session=false', '--var', 'RATE_LIMIT_PER_MINUTE:1000000', '--var', 'KEY_RATE_LIMIT_PER_MINUTE:1000000'],
    { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1_200; i++) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited: ${output.slice(-2000)}`);
    try {
      if ((await fetch(`${origin}/api/report-types`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`wrangler dev did not answer in 120 s: ${output.slice(-2000)}`);
}, 150_000);

afterAll(async () => {
  // The whole group: wrangler (node) and the workerd it started.
  if (child) await killServer(child);
  rmSync(dir, { recursive: true, force: true });
});

const RESTARTED = 'Your worker restarted mid-request';

const describeRequest = (seed: number, index: number, r: FuzzRequest) =>
  `seed ${seed.toString(16)} #${index}: ${r.method} ${r.path.slice(0, 160)} ${JSON.stringify(r.headers).slice(0, 160)} body ${typeof r.body === 'string' ? r.body.slice(0, 120) : r.body ? `bytes(${r.body.length})` : 'none'}`;

it(`answers ${COUNT.toLocaleString('en')} malformed requests below 500 in workerd over HTTP, and keeps serving`, async () => {
  const session = (await (await fetch(`${origin}/api/sessions`, json({ type: 'annual-summary' }))).json()) as { id: string };
  await fetch(`${origin}/api/sessions/${session.id}/messages`, json({ text: '完成' }));
  const draft = (await (await fetch(`${origin}/api/sessions/${session.id}/draft`, json({}))).json()) as { id: string };
  expect(draft.id).toBeTruthy();

  const seed = 0x3e12;
  const next = generator(seed, { sessionId: session.id, draftId: draft.id });
  const failures: string[] = [];
  const restarts: string[] = [];
  const counts = new Map<number, number>();
  const started = Date.now();
  let index = 0;
  let sent = 0;
  let unknownMethod = 0;
  let assetMethod = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (index < COUNT && Date.now() - started < DEADLINE_MS && failures.length < 20) {
        const i = index++;
        const request = next();
        const where = describeRequest(seed, i, request);
        let response: Response;
        let text: string;
        try {
          const send = async () => {
            const signal = AbortSignal.timeout(REQUEST_MS);
            const answer = await fetch(`${origin}${request.path}`, { ...toInit(request), duplex: 'half', signal } as RequestInit);
            return { answer, body: request.method === 'HEAD' ? '' : await answer.text() };
          };
          let sentOnce = await send();
          // wrangler dev answers this 503 itself when workerd restarted under a request (seen about once in
          // 10,000 on this machine, on a different request each run). Sent again once: a request that brings the
          // Worker down every time fails the test on its second try; a sporadic restart is counted and bounded.
          if (sentOnce.answer.status === 503 && sentOnce.body.startsWith(RESTARTED)) {
            restarts.push(where);
            sentOnce = await send();
          }
          response = sentOnce.answer;
          text = sentOnce.body;
        } catch (error) {
          const message = `${(error as Error).message} ${(error as Error).cause ?? ''}`;
          if ((error as Error).name === 'TimeoutError') failures.push(`no answer in ${REQUEST_MS / 1000} s ${where}`);
          // fetch itself refuses some odd paths or methods before sending; the Worker never saw them.
          else if (!/Invalid|not a valid|Request with (GET|HEAD)|forbidden/i.test(message)) failures.push(`client error ${message} ${where}`);
          continue;
        }
        sent++;
        counts.set(response.status, (counts.get(response.status) ?? 0) + 1);
        // workerd's HTTP parser answers a method it does not know (X-FUZZ) itself, with a plain-text 501 "Not
        // Implemented" (RFC 9110 §15.6.2), before any Worker code runs; Node's parser gives a bare 400 there. Only
        // that exact answer is let through; on Cloudflare the edge answers such a request before workerd does.
        if (!METHODS.includes(request.method) && response.status === 501 && text === 'ERROR: Unrecognized request method.') {
          unknownMethod++;
          continue;
        }
        // /widget.js is a static asset on Workers (wrangler.toml [assets]), served before the Worker runs: the asset
        // layer answers any other method with an empty 405. Not the app, not 5xx; let through only that answer.
        if (/^\/widget\.js(\?|$)/.test(request.path) && request.method !== 'GET' && request.method !== 'HEAD' && response.status === 405 && text === '') {
          assetMethod++;
          continue;
        }
        if (response.status >= 500) failures.push(`${response.status} ${where}: ${text.slice(0, 300)}`);
        else if (response.status >= 400 && request.method !== 'HEAD') {
          let body: { error?: { code?: unknown; message?: unknown } } | undefined;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          if (typeof body?.error?.code !== 'string' || !/[\u4e00-\u9fff]/.test(String(body.error.message))) failures.push(`not our error shape ${response.status} ${where}: ${text.slice(0, 200)}`);
        }
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  console.log(`fuzz-workerd: ${sent} answered of ${index} generated in ${seconds.toFixed(1)} s (${unknownMethod} unknown-method 501s from workerd's HTTP parser, ${assetMethod} asset-layer 405s); restarts ${restarts.length}; statuses ${JSON.stringify(Object.fromEntries([...counts].sort((a, b) => a[0] - b[0])))}`);

  if (restarts.length) console.log(`fuzz-workerd: workerd restarted under ${restarts.length} request(s), each answered when sent again:\n${restarts.join('\n')}`);
  expect(failures.slice(0, 10)).toEqual([]);
  expect(restarts.length).toBeLessThanOrEqual(3);
  // All of them went out, within the deadline: a stall would show here.
  expect(index).toBeGreaterThanOrEqual(COUNT);
  expect(sent).toBeGreaterThan(COUNT * 0.95);
  // They reached past validation too, and met many kinds of refusal.
  expect([...counts.keys()].filter((s) => s < 300).length).toBeGreaterThan(0);
  expect([...counts.keys()].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(5);
  // Still serving: the process, the report types, the live session and a whole new session to a draft.
  expect(child!.exitCode).toBeNull();
  expect((await fetch(`${origin}/api/report-types`)).status).toBe(200);
  expect((await fetch(`${origin}/api/sessions/${session.id}`)).status).toBe(200);
  const again = (await (await fetch(`${origin}/api/sessions`, json({ type: 'work-plan' }))).json()) as { id: string };
  await fetch(`${origin}/api/sessions/${again.id}/messages`, json({ text: '完成' }));
  const draftAgain = await fetch(`${origin}/api/sessions/${again.id}/draft`, json({}));
  expect(draftAgain.status).toBe(201);
  // No prototype polluted in the Worker's isolate (not reachable from here, so seen through behaviour): the generator
  // sends `__proto__` objects with text, type and markdown; had one reached Object.prototype, an empty body would
  // inherit the field and pass validation instead of being refused.
  for (const [path, method] of [[`/api/sessions/${session.id}/messages`, 'POST'], ['/api/sessions', 'POST'], [`/api/drafts/${draft.id}`, 'PUT']] as const) {
    const refused = await fetch(`${origin}${path}`, { ...json({}), method });
    expect([path, refused.status]).toEqual([path, 400]);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBeTypeOf('string');
  }
}, DEADLINE_MS + 60_000);
