/**
 * A session survives a server restart: the real Node server (npx tsx src/node.ts, lowdb JSON file, 127.0.0.1),
 * half an interview, the process killed without warning, a new server on the same file, the same session
 * carried on to a draft.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'session-restart-'));
const dataFile = join(dir, 'db.json');
const running: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the server in its own process group (npx → tsx → node), resolved once it answers. */
async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn('npx', ['tsx', 'src/node.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_FILE: dataFile, HOST: '127.0.0.1', OPENAI_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/report-types`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${output}`);
}

/** Kills the whole process group at once, as a crash or power cut would: no shutdown handler runs. */
async function killServer(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
}

afterAll(() => {
  for (const child of running) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

const post = async (port: number, path: string, body: unknown) => {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
};

describe('sessions across a server restart', () => {
  it('continues the same session to a draft after the server is killed and started again', async () => {
    const port = await freePort();
    const first = await startServer(port);
    const created = await post(port, '/api/sessions', { type: 'annual-summary' });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    await post(port, `/api/sessions/${id}/messages`, { text: '我们是青河区教育局，写2025年的总结' });
    await post(port, `/api/sessions/${id}/messages`, { text: '党建工作、教师队伍建设' });
    const half = await post(port, `/api/sessions/${id}/messages`, { text: '新发展党员２３名；开展专题党课12场' });
    expect(half.body.reply.field).toBe('sections[1].facts');
    await killServer(first);

    const second = await startServer(port);
    const resumed = await (await fetch(`http://127.0.0.1:${port}/api/sessions/${id}`)).json();
    expect(resumed.state).toBe('asking');
    expect(resumed.reply.field).toBe('sections[1].facts');
    expect(resumed.facts.sections[0].facts).toEqual(['新发展党员２３名', '开展专题党课12场']);

    const next = await post(port, `/api/sessions/${id}/messages`, { text: '招聘教师135名，培训覆盖率98.4%' });
    expect(next.body.facts.sections[1].facts).toEqual(['招聘教师135名，培训覆盖率98.4%']);
    expect((await post(port, `/api/sessions/${id}/messages`, { text: '直接生成' })).body.state).toBe('ready');
    const draft = await post(port, `/api/sessions/${id}/draft`, {});
    expect(draft.status).toBe(201);
    for (const figure of ['２３名', '12场', '135名', '98.4%', '2025年']) expect(draft.body.markdown).toContain(figure);
    expect(draft.body.sessionId).toBe(id);
    await killServer(second);
  }, 120_000);
});
