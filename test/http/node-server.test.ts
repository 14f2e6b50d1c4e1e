/**
 * The real Node server over loopback (`tsx src/node.ts` as a child process): drafts land in the DATA_FILE and
 * survive a restart, a second server on the same file is refused, and a damaged file is reported and left alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { examples } from '../helpers/examples.js';
import { freePort } from '../helpers/node-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'report-drafter-server-'));
const running = new Set<ChildProcess>();

afterEach(async () => {
  await Promise.all([...running].map((child) => stop(child)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  base: string;
}

interface Exited {
  code: number | null;
  stderr: string;
}

/** Starts `tsx src/node.ts`; resolves when it says it is listening, or with its exit when it refuses to start. */
async function startServer(dataFile: string): Promise<Started | Exited> {
  const port = await freePort();
  // NODE_ENV=test on purpose: lowdb's JSONFilePreset would quietly keep data in memory; the file must still be written.
  const child = spawn(TSX, ['src/node.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', DATA_FILE: dataFile, OPENAI_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stdout}${stderr}`)), 30_000);
    child.stdout!.on('data', () => {
      if (stdout.includes(`127.0.0.1:${port}`)) {
        clearTimeout(timer);
        resolve({ child, base: `http://127.0.0.1:${port}` });
      }
    });
    child.once('exit', (code) => {
      running.delete(child);
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

async function started(dataFile: string): Promise<Started> {
  const result = await startServer(dataFile);
  if (!('child' in result)) throw new Error(`server exited ${result.code}: ${result.stderr}`);
  return result;
}

async function refused(dataFile: string): Promise<Exited> {
  const result = await startServer(dataFile);
  if ('child' in result) throw new Error('server started but should have been refused');
  return result;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

describe('Node server over loopback', () => {
  it('writes drafts to the data file and reads them back after a restart', async () => {
    const dataFile = join(dir, 'restart', 'db.json');
    const facts = examples.find((e) => e.name === 'work-plan')?.facts ?? examples[0].facts;

    const first = await started(dataFile);
    const created = await fetch(`${first.base}/api/drafts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(facts),
    });
    expect(created.status).toBe(201);
    const draft = await created.json();
    // Answered once on disk: appended to the journal beside the data file (the whole file is rewritten later).
    const journaled = readFileSync(`${dataFile}.journal`, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(journaled.at(-1).record.versions[0].markdown).toBe(draft.markdown);
    // The data file is a whole lowdb JSON file from the start.
    expect(JSON.parse(readFileSync(dataFile, 'utf8'))).toHaveProperty('drafts');

    const edited = await fetch(`${first.base}/api/drafts/${draft.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ markdown: `${draft.markdown}\n补充说明一段。\n` }),
    });
    expect(edited.status).toBe(200);
    await stop(first.child);
    expect(existsSync(`${dataFile}.lock`)).toBe(false);
    // A clean stop leaves the data file alone current, for whoever reads it: both versions, and an empty journal.
    const onDisk = JSON.parse(readFileSync(dataFile, 'utf8'));
    expect(onDisk.drafts[draft.id].versions.map((v: { markdown: string }) => v.markdown)).toEqual([draft.markdown, `${draft.markdown}\n补充说明一段。\n`]);
    expect(readFileSync(`${dataFile}.journal`, 'utf8')).toBe('');

    const second = await started(dataFile);
    const read = await fetch(`${second.base}/api/drafts/${draft.id}?version=1`);
    expect(read.status).toBe(200);
    const back = await read.json();
    expect(back.markdown).toBe(draft.markdown);
    expect(back.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('refuses a second server on the same data file, with a message naming the file and the way out', async () => {
    const dataFile = join(dir, 'shared', 'db.json');
    const owner = await started(dataFile);
    const second = await refused(dataFile);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(dataFile);
    expect(second.stderr).toMatch(/PID \d+/); // tsx runs the server in a child process, so not owner.child.pid itself
    expect(second.stderr).toContain('DATA_FILE');
    expect(second.stderr).not.toMatch(/\n\s+at /); // no stack trace

    // The first server is unharmed.
    expect((await fetch(`${owner.base}/api/report-types`)).status).toBe(200);
  });

  it('reports a damaged data file and leaves it exactly as it was', async () => {
    const dataFile = join(dir, 'damaged.json');
    const damaged = '{"drafts": {"abc": {"id": "abc", "markdown": "# 半截';
    writeFileSync(dataFile, damaged);
    const result = await refused(dataFile);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('已损坏');
    expect(result.stderr).toContain(dataFile);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(dataFile, 'utf8')).toBe(damaged);
    expect(existsSync(`${dataFile}.lock`)).toBe(false);
  });
});
