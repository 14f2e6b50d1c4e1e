/**
 * The Node server (npx tsx src/node.ts, over loopback) against real failures: a full disk (a small tmpfs, filled),
 * a second server in another PID namespace (`unshare --pid --fork`) and through a symlink, SIGKILL and SIGTERM.
 * Needs root for mount and unshare, as CI has: a missing capability fails loudly, it is never skipped.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killServer, ServerExited, startServer, type RunningServer } from '../helpers/node-process.js';

const UNSHARE = ['unshare', '--pid', '--fork', '--mount-proc'];
const mounts: string[] = [];
const dirs: string[] = [];

beforeAll(() => {
  try {
    execFileSync(UNSHARE[0], [...UNSHARE.slice(1), 'true'], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`这组测试需要 root（CAP_SYS_ADMIN）来运行 unshare --pid --fork --mount-proc：${(error as Error).message}`);
  }
});
afterAll(() => {
  for (const dir of mounts.splice(0)) execFileSync('umount', ['-l', dir]);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder on its own tmpfs of `size` (e.g. '2m'): a disk that really fills up. */
function smallDisk(size: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'full-disk-'));
  dirs.push(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`这组测试需要 root（CAP_SYS_ADMIN）来挂载 tmpfs 模拟磁盘写满：mount -t tmpfs 失败：${(error as Error).message}`);
  }
  mounts.push(dir);
  return dir;
}

/** Fills the disk holding `dir` to the last byte; answers how to free it. */
function fill(dir: string): () => void {
  const filler = join(dir, `filler-${Date.now()}`);
  const fd = openSync(filler, 'w');
  for (const size of [64 * 1024, 4096, 512, 64, 1]) {
    const chunk = Buffer.alloc(size, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    }
  }
  closeSync(fd);
  return () => unlinkSync(filler);
}

const post = (origin: string, path: string, body: unknown) =>
  fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/**
 * An answer of ~4.5 KB, so the record it makes is larger than the free end of the journal's last page: on a full
 * disk it cannot be written (a short one might still fit in that slack).
 */
const long = (head: string) => `${head}：${'全年新发展党员23名，开展专题党课12场。'.repeat(75)}`;

/** What each session's transcript must hold: the user answers that were acknowledged (200). */
const acknowledged = new Map<string, string[]>();

async function newSession(origin: string): Promise<string> {
  const response = await post(origin, '/api/sessions', { type: 'annual-summary' });
  expect(response.status).toBe(201);
  const { id } = await response.json();
  acknowledged.set(id, []);
  return id;
}

async function answer(origin: string, id: string, text: string): Promise<Response> {
  const response = await post(origin, `/api/sessions/${id}/messages`, { text });
  if (response.status === 200) acknowledged.get(id)!.push(text);
  return response;
}

/** Every acknowledged answer is in its session, and no refused one is. */
async function expectAllAcknowledged(origin: string, refused: string[]) {
  for (const [id, texts] of acknowledged) {
    const response = await fetch(`${origin}/api/sessions/${id}`);
    expect(response.status, id).toBe(200);
    const said = ((await response.json()).transcript as Array<{ role: string; text: string }>).filter((e) => e.role === 'user').map((e) => e.text);
    expect(said).toEqual(texts);
    for (const text of refused) expect(said).not.toContain(text);
  }
}

async function stop(server: RunningServer, signal: 'SIGTERM' | 'SIGKILL') {
  if (signal === 'SIGKILL') return killServer(server.child);
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  process.kill(-server.child.pid!, 'SIGTERM');
  await exited;
  await killServer(server.child); // the group, should anything be left
}

describe('a full disk', () => {
  it('answers 507 storage_full, keeps nothing it refused, goes on once space is freed, and loses no acknowledged write through kill -9, SIGTERM and restarts', async () => {
    const dir = smallDisk('2m');
    const env = { DATA_FILE: join(dir, 'db.json'), RATE_LIMIT_PER_MINUTE: '100000' };
    let server = await startServer(env);
    const ids = [await newSession(server.origin), await newSession(server.origin), await newSession(server.origin)];
    for (const [n, id] of ids.entries()) expect((await answer(server.origin, id, `我们是青河区教育局，写2025年的总结（${n}）`)).status).toBe(200);

    let free = fill(dir);
    const refused: string[] = [];
    for (let i = 0; i < 6; i++) {
      const text = long(`磁盘已满时的回答 ${i}`);
      refused.push(text);
      const response = await answer(server.origin, ids[i % ids.length], text);
      expect(response.status).toBe(507);
      const { error } = await response.json();
      expect(error.code).toBe('storage_full');
      expect(error.message).toMatch(/磁盘已满.*未保存/);
      // The failed append was cut back to the last whole line: the journal never ends in half a record.
      expect(readFileSync(`${env.DATA_FILE}.journal`, 'utf8')).toMatch(/(^|\n)$/);
    }
    // Cutting back freed a page or two: fill those too; a new record larger than the slack of the journal's last
    // page is refused as well.
    const freeRest = fill(dir);
    const created = await post(server.origin, '/api/sessions', { import: `某区教育局2025年工作总结\n一、党建工作\n${'全年发展党员12名。'.repeat(600)}` });
    expect(created.status).toBe(507);
    expect((await created.json()).error.code).toBe('storage_full');
    freeRest();
    // Reads go on, and show nothing of the refused answers (not kept in memory either); no temp file is left.
    await expectAllAcknowledged(server.origin, refused);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    free();
    // No restart: the next writes are kept.
    expect((await answer(server.origin, ids[0], '1. 党建工作\n2. 教师队伍建设')).status).toBe(200);
    ids.push(await newSession(server.origin));
    await expectAllAcknowledged(server.origin, refused);

    // kill -9 right after: the journal holds what was answered, with no torn line glued to it.
    await stop(server, 'SIGKILL');
    server = await startServer(env);
    await expectAllAcknowledged(server.origin, refused);
    expect(server.output()).not.toMatch(/已损坏/);

    // Full again, then SIGTERM (its final compaction fails), then a restart once space is freed: nothing acknowledged
    // is lost. (Whether a start on a disk still full can write its lock depends on which page the old lock freed,
    // so the restart is tested after freeing; a full disk right after the start answers 507 again.)
    free = fill(dir);
    expect((await answer(server.origin, ids[1], long('又满了：不会保存'))).status).toBe(507);
    refused.push(long('又满了：不会保存'));
    await stop(server, 'SIGTERM');
    free();
    server = await startServer(env);
    await expectAllAcknowledged(server.origin, refused);
    free = fill(dir);
    expect((await answer(server.origin, ids[2], long('启动后磁盘又满'))).status).toBe(507);
    refused.push(long('启动后磁盘又满'));
    free();
    expect((await answer(server.origin, ids[2], '腾出空间后继续')).status).toBe(200);
    await stop(server, 'SIGKILL');
    server = await startServer(env);
    await expectAllAcknowledged(server.origin, refused);
    await stop(server, 'SIGTERM');
    // A clean stop leaves a current data file (valid JSON) and an empty journal.
    const data = JSON.parse(readFileSync(env.DATA_FILE, 'utf8'));
    expect(Object.keys(data.sessions).sort()).toEqual([...acknowledged.keys()].sort());
    expect(readFileSync(`${env.DATA_FILE}.journal`, 'utf8')).toBe('');
  }, 180_000);

  it('answers 507 at DATA_MAX_MB with a message saying what to do, serves reads, and restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'data-cap-'));
    dirs.push(dir);
    const env = { DATA_FILE: join(dir, 'db.json'), DATA_MAX_MB: '1', RATE_LIMIT_PER_MINUTE: '100000' };
    let server = await startServer(env);
    const id = await newSession(server.origin);
    // Each import keeps its text in the session (~100 KB): ten of them pass 1 MiB.
    const text = `某区教育局2025年工作总结\n一、加强党的建设\n${'全年发展党员12名，开展专题党课36场。'.repeat(2500)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await post(server.origin, '/api/sessions', { import: text })).status);
    expect(statuses).toContain(201);
    const refusal = await post(server.origin, '/api/sessions', { import: text });
    expect(refusal.status).toBe(507);
    const { error } = await refusal.json();
    expect(error.code).toBe('storage_full');
    expect(error.message).toMatch(/DATA_MAX_MB=1.*调高 DATA_MAX_MB/);
    expect((await fetch(`${server.origin}/api/sessions/${id}`)).status).toBe(200);
    await stop(server, 'SIGKILL');
    server = await startServer(env);
    expect((await fetch(`${server.origin}/api/sessions/${id}`)).status).toBe(200);
    // Deleting frees room without a restart.
    expect((await fetch(`${server.origin}/api/sessions/${id}`, { method: 'DELETE' })).status).toBe(204);
    await stop(server, 'SIGKILL');
    acknowledged.delete(id);
  }, 180_000);
});

describe('one server per data file', () => {
  /** Starts a second server that must refuse; answers what it printed. */
  async function refusedStart(env: Record<string, string>, prefix: string[] = []): Promise<string> {
    try {
      const server = await startServer(env, prefix);
      await killServer(server.child);
    } catch (error) {
      if (error instanceof ServerExited) {
        expect(error.code).toBe(1);
        return error.output;
      }
      throw error;
    }
    throw new Error('the second server started');
  }

  it('refuses a second server in another PID namespace and through a symlink; its exit leaves the first one\'s lock; a crashed owner is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'volume'));
    const file = join(dir, 'volume', 'db.json');
    symlinkSync(file, join(dir, 'link.json'));
    const first = await startServer({ DATA_FILE: file });
    const id = (await (await post(first.origin, '/api/sessions', { type: 'annual-summary' })).json()).id;
    const lock = readFileSync(`${file}.lock`, 'utf8');

    // Another PID namespace: the first server's PID means nothing there, the heartbeat does.
    expect(await refusedStart({ DATA_FILE: file }, UNSHARE)).toMatch(/正被另一个服务进程.*使用/);
    // The same file through a symlink shares the lock.
    expect(await refusedStart({ DATA_FILE: join(dir, 'link.json') })).toMatch(/正被另一个服务进程/);
    // Neither refusal touched the first server's lock, and it still answers and writes.
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).token).toBe(JSON.parse(lock).token);
    expect((await post(first.origin, `/api/sessions/${id}/messages`, { text: '我们是青河区教育局' })).status).toBe(200);

    // kill -9: the lease stops beating, and a server in another namespace takes it over (within the stale time).
    await killServer(first.child);
    const second = await startServer({ DATA_FILE: join(dir, 'link.json') }, UNSHARE);
    const session = await (await fetch(`${second.origin}/api/sessions/${id}`)).json();
    expect(session.transcript.filter((e: { role: string }) => e.role === 'user').map((e: { text: string }) => e.text)).toEqual(['我们是青河区教育局']);
    await stop(second, 'SIGTERM');
    expect(existsSync(`${file}.lock`)).toBe(false); // its own lock, removed on a clean stop
  }, 180_000);
});
