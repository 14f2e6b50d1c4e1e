/**
 * kill -9 during a burst of writes: the real Node server (lowdb JSON file, written by steno as a temp file then
 * a rename) is killed while 20 sessions send answers at once. After a restart on the same file, every answer
 * that got a 2xx is in its session: an acknowledged write is never lost, and the file is never half written.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { killNow, killServer, startServer, type RunningServer } from '../helpers/node-process.js';
import { answerText } from './session-load.js';

const dir = mkdtempSync(join(tmpdir(), 'crash-'));
const dataFile = join(dir, 'db.json');
const servers: RunningServer[] = [];
afterAll(() => {
  for (const server of servers) killNow(server.child);
  rmSync(dir, { recursive: true, force: true });
});

const post = (origin: string, path: string, body: unknown) =>
  fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

it('loses no acknowledged answer when the server is killed with SIGKILL mid-burst', async () => {
  const env = { DATA_FILE: dataFile, RATE_LIMIT_PER_MINUTE: '1000000' };
  const first = await startServer(env);
  servers.push(first);
  const ids: string[] = [];
  for (let s = 0; s < 20; s++) ids.push((await (await post(first.origin, '/api/sessions', { type: 'annual-summary' })).json()).id);

  const acknowledged: Array<{ session: number; text: string }> = [];
  let cut = 0;
  const burst = Promise.all(
    ids.map(async (id, s) => {
      // Each session answers as fast as it is answered, until the connection dies.
      for (let t = 0; t < 60; t++) {
        const text = answerText(s, t);
        try {
          const response = await post(first.origin, `/api/sessions/${id}/messages`, { text });
          await response.arrayBuffer();
          if (response.ok) acknowledged.push({ session: s, text });
        } catch {
          cut++;
          return;
        }
      }
    }),
  );
  // Kill once the burst is well under way: writes acknowledged, more in flight.
  while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
  killNow(first.child);
  await burst;
  await killServer(first.child);
  // The kill came mid-burst: every session was still answering (none got through its 60 turns) and was cut off.
  expect(cut).toBe(ids.length);

  // The file on disk is whole JSON (never a half-written one), and a new server takes it over.
  expect(() => JSON.parse(readFileSync(dataFile, 'utf8'))).not.toThrow();
  const second = await startServer(env);
  servers.push(second);
  const missing: string[] = [];
  for (const [s, id] of ids.entries()) {
    const session = await (await fetch(`${second.origin}/api/sessions/${id}`)).json();
    const said = new Set((session.transcript as Array<{ role: string; text: string }>).filter((e) => e.role === 'user').map((e) => e.text));
    for (const a of acknowledged) if (a.session === s && !said.has(a.text)) missing.push(a.text);
  }
  expect(acknowledged.length).toBeGreaterThanOrEqual(150);
  expect(missing).toEqual([]);
}, 180_000);
