/**
 * The fuzz test against the Worker as it would be deployed: the bundle `wrangler deploy --dry-run` writes, run in
 * workerd by Miniflare with wrangler.toml's bindings (Durable Object store persisted to a temp dir, static assets),
 * listening on 127.0.0.1. 10,000 generated malformed requests (the seeded generator of fuzz-requests.ts) over
 * loopback HTTP, eight at a time, each on a connection of its own: never a status of 500 or more, every error the
 * app gives in our JSON shape, no connection dropped, no uncaught exception in workerd's log, the Worker still
 * answering afterwards.
 *
 * Miniflare rather than `wrangler dev`: wrangler dev puts a proxy Worker in front that reuses connections to the
 * app; when the app answers before reading a body (413 by Content-Length, 415, 404) workerd closes that connection,
 * and the proxy, meeting the close on reuse, answered 503 "Your worker restarted mid-request" (about once in 5,000
 * requests here). That race is the dev proxy's, not the Worker's; the deployed edge has no such proxy.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { Log, LogLevel, Miniflare } from 'miniflare';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { json } from '../helpers/app.js';
import { fuzzOverHttp, unknownMethod } from './fuzz-over-http.js';

const root = new URL('../../', import.meta.url).pathname;
const COUNT = 10_000;
const DEADLINE_MS = 240_000;

const work = mkdtempSync(join(tmpdir(), 'fuzz-workerd-'));
let miniflare: Miniflare | undefined;
let origin = '';
/** workerd's own output and Miniflare's warnings and errors: an uncaught exception shows here. */
let runtimeLog = '';

/** Keeps Miniflare's warnings and errors (its per-request info lines are left out: 10,000 of them). */
class KeptLog extends Log {
  constructor() {
    super(LogLevel.WARN);
  }
  override log(message: string) {
    runtimeLog += `${message}\n`;
  }
}

const keepStream = (stream: Readable) => stream.on('data', (chunk) => (runtimeLog += chunk));

beforeAll(async () => {
  const outdir = join(work, 'bundle');
  // The deployable bundle, built by wrangler exactly as `wrangler deploy` would (its [build] step included).
  await promisify(execFile)(join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, 'wrangler.toml'));
  miniflare = new Miniflare({
    ...workerOptions,
    modules: true,
    modulesRoot: outdir,
    scriptPath: join(outdir, 'worker.js'),
    // Rate limits raised so the requests reach past them (the limits have their own tests); no keys or origins set.
    bindings: { ...workerOptions.bindings, RATE_LIMIT_PER_MINUTE: '1000000', KEY_RATE_LIMIT_PER_MINUTE: '1000000' },
    durableObjectsPersist: join(work, 'state'),
    host: '127.0.0.1',
    port: 0,
    // No request.cf from the network (this machine has none); Miniflare's placeholder instead.
    cf: false,
    log: new KeptLog(),
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      keepStream(stdout);
      keepStream(stderr);
    },
  } as ConstructorParameters<typeof Miniflare>[0]);
  origin = (await miniflare.ready).origin;
}, 180_000);

afterAll(async () => {
  await miniflare?.dispose();
  rmSync(work, { recursive: true, force: true });
});

it(`answers ${COUNT.toLocaleString('en')} malformed requests below 500 in workerd over HTTP, and keeps serving`, async () => {
  const session = (await (await fetch(`${origin}/api/sessions`, json({ type: 'annual-summary' }))).json()) as { id: string };
  await fetch(`${origin}/api/sessions/${session.id}/messages`, json({ text: '完成' }));
  const draft = (await (await fetch(`${origin}/api/sessions/${session.id}/draft`, json({}))).json()) as { id: string };
  expect(draft.id).toBeTruthy();

  const run = await fuzzOverHttp({
    origin,
    seed: 0x3e12,
    count: COUNT,
    live: { sessionId: session.id, draftId: draft.id },
    deadlineMs: DEADLINE_MS,
    excuse(request, answer) {
      // workerd's HTTP parser answers a method it does not know (X-FUZZ) itself, with a plain-text 501
      // (RFC 9110 §15.6.2), before any Worker code runs. Only that exact answer is let through.
      if (unknownMethod(request) && answer.status === 501 && answer.text === 'ERROR: Unrecognized request method.') return 'unknown method: 501 from workerd';
      // /widget.js is a static asset on Workers (wrangler.toml [assets]), served before the Worker runs: the asset
      // layer answers any other method with an empty 405. Not the app, not 5xx; let through only that answer.
      if (/^\/widget\.js(\?|$)/.test(request.path) && request.method !== 'GET' && request.method !== 'HEAD' && answer.status === 405 && answer.text === '') return 'asset layer: 405';
      return undefined;
    },
  });
  console.log(
    `fuzz-workerd: ${run.answered} answered of ${run.generated} generated in ${run.seconds.toFixed(1)} s (${run.notSent} refused by Node's client); ` +
      `excused ${JSON.stringify(Object.fromEntries(run.excused))}; statuses ${JSON.stringify(Object.fromEntries([...run.counts].sort((a, b) => a[0] - b[0])))}`,
  );

  expect(run.failures.slice(0, 10)).toEqual([]);
  // All of them went out, within the deadline: a stall would show here.
  expect(run.generated).toBeGreaterThanOrEqual(COUNT);
  expect(run.answered).toBeGreaterThan(COUNT * 0.95);
  // They reached past validation too, and met many kinds of refusal.
  expect([...run.counts.keys()].filter((s) => s < 300).length).toBeGreaterThan(0);
  expect([...run.counts.keys()].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(5);
  // Nothing thrown past the app: workerd logs an uncaught exception even when the answer went out. The log is
  // the runtime's whole output: the app's own request lines (console.log in the Worker) are in it.
  expect(runtimeLog).toContain('"route":"/api/sessions/:id/messages"');
  expect(runtimeLog).not.toMatch(/uncaught|exception|internal error/i);
  // Still serving: the report types, the live session and a whole new session to a draft.
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
