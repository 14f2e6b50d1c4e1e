/** The data-file lease: judged by its heartbeat and token, not by a PID alone (another host or namespace). */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/node/data-file.js';
import { lockDataFile } from '../../src/node/lock.js';

const dirs: string[] = [];
const timers: Array<ReturnType<typeof setInterval>> = [];
afterEach(() => {
  for (const timer of timers.splice(0)) clearInterval(timer);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function dataFile() {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  dirs.push(dir);
  return join(dir, 'db.json');
}
/** A lease as a server in another container writes it: its own host name, a PID that means nothing here. */
const foreign = (beat: number) => JSON.stringify({ token: 'f'.repeat(32), pid: 1, pidns: 'pid:[1]', host: 'other-container', beat });

describe('lockDataFile', () => {
  it('refuses while another server\'s heartbeat moves, whatever its PID', async () => {
    const file = dataFile();
    writeFileSync(`${file}.lock`, foreign(Date.now()));
    timers.push(setInterval(() => writeFileSync(`${file}.lock`, foreign(Date.now())), 100));
    await expect(lockDataFile(file, { staleMs: 2_000 })).rejects.toThrow(DataFileError);
    await expect(lockDataFile(file, { staleMs: 2_000 })).rejects.toThrow(/PID 1，主机 other-container/);
  });

  it('takes over a lease whose heartbeat stopped, and releases only its own', async () => {
    const file = dataFile();
    writeFileSync(`${file}.lock`, foreign(Date.now()));
    const release = await lockDataFile(file, { staleMs: 600, heartbeatMs: 100 });
    const mine = JSON.parse(readFileSync(`${file}.lock`, 'utf8'));
    expect(mine.pid).toBe(process.pid);
    await new Promise((r) => setTimeout(r, 350));
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).beat).toBeGreaterThan(mine.beat); // it beats
    release();
    expect(existsSync(`${file}.lock`)).toBe(false);

    // A lock someone else holds now is not removed by a release of ours.
    const again = await lockDataFile(file, { staleMs: 600, heartbeatMs: 100 });
    writeFileSync(`${file}.lock`, foreign(Date.now()));
    again();
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).host).toBe('other-container');
  });

  it('tells its owner when another server took the lease over', async () => {
    const file = dataFile();
    const lost: string[] = [];
    const release = await lockDataFile(file, { heartbeatMs: 50, onLost: (message) => lost.push(message) });
    writeFileSync(`${file}.lock`, foreign(Date.now()));
    await new Promise((r) => setTimeout(r, 200));
    expect(lost.join('')).toMatch(/已被另一个服务进程接管/);
    release();
  });

  it('judges a lock of the earlier kind (a bare PID) by that process', async () => {
    const file = dataFile();
    writeFileSync(`${file}.lock`, String(process.ppid)); // alive: our parent
    await expect(lockDataFile(file)).rejects.toThrow(/正被另一个服务进程/);
    writeFileSync(`${file}.lock`, '999999999'); // no such process
    (await lockDataFile(file))();
  });
});
