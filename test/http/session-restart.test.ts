/**
 * A session survives a server restart: the real Node server (npx tsx src/node.ts, lowdb JSON file, 127.0.0.1),
 * half an interview, the process killed without warning, a new server on the same file, the same session
 * carried on to a draft.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killNow, killServer, startServer, type RunningServer } from '../helpers/node-process.js';

const dir = mkdtempSync(join(tmpdir(), 'session-restart-'));
const dataFile = join(dir, 'db.json');
const running: RunningServer[] = [];

afterAll(() => {
  for (const server of running) killNow(server.child);
  rmSync(dir, { recursive: true, force: true });
});

const start = async () => {
  const server = await startServer({ DATA_FILE: dataFile });
  running.push(server);
  return server;
};

const post = async (origin: string, path: string, body: unknown) => {
  const response = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
};

describe('sessions across a server restart', () => {
  it('continues the same session to a draft after the server is killed and started again', async () => {
    const first = await start();
    let origin = first.origin;
    const created = await post(origin, '/api/sessions', { type: 'annual-summary' });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    await post(origin, `/api/sessions/${id}/messages`, { text: '我们是青河区教育局，写2025年的总结' });
    await post(origin, `/api/sessions/${id}/messages`, { text: '党建工作、教师队伍建设' });
    const half = await post(origin, `/api/sessions/${id}/messages`, { text: '新发展党员２３名；开展专题党课12场' });
    expect(half.body.reply.field).toBe('sections[1].facts');
    await killServer(first.child);

    const second = await start();
    origin = second.origin;
    const resumed = await (await fetch(`${origin}/api/sessions/${id}`)).json();
    expect(resumed.state).toBe('asking');
    expect(resumed.reply.field).toBe('sections[1].facts');
    expect(resumed.facts.sections[0].facts).toEqual(['新发展党员２３名', '开展专题党课12场']);

    const next = await post(origin, `/api/sessions/${id}/messages`, { text: '招聘教师135名，培训覆盖率98.4%' });
    expect(next.body.facts.sections[1].facts).toEqual(['招聘教师135名，培训覆盖率98.4%']);
    expect((await post(origin, `/api/sessions/${id}/messages`, { text: '直接生成' })).body.state).toBe('ready');
    const draft = await post(origin, `/api/sessions/${id}/draft`, {});
    expect(draft.status).toBe(201);
    for (const figure of ['２３名', '12场', '135名', '98.4%', '2025年']) expect(draft.body.markdown).toContain(figure);
    expect(draft.body.sessionId).toBe(id);
    await killServer(second.child);
  }, 120_000);
});
