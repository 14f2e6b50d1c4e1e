/**
 * Node only: the lowdb JSON file, owned by one server at a time. lowdb writes safely from one process
 * only, so a second server on the same file is refused; a damaged file is reported and left as it is.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DbShape } from '../store/store.js';

export class DataFileError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed server not yet reaped by its parent still answers signal 0: on Linux, a zombie ('Z') holds nothing.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Takes `<file>.lock` for this process; a live owner means another server: refuse. Returns the release function. */
export function lockDataFile(file: string): () => void {
  const lock = `${resolve(file)}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(lock);
        } catch {
          /* already gone */
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(lock, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner)) {
        throw new DataFileError(
          `数据文件 ${file} 正被另一个服务进程（PID ${owner}）使用。lowdb 只能由一个进程安全写入：请先停止那个进程，或用 DATA_FILE 指定另一个文件。`,
        );
      }
      unlinkSync(lock); // the owner is gone: a stale lock from a crash
    }
  }
  throw new DataFileError(`无法锁定数据文件 ${file}`);
}

/** Checks the file parses before lowdb touches it, so a damaged file is never overwritten. */
export function checkDataFile(file: string): void {
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  if (!text.trim()) return;
  try {
    const data = JSON.parse(text);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error('不是 JSON 对象');
  } catch (error) {
    throw new DataFileError(
      `数据文件 ${file} 已损坏（${(error as Error).message}），服务未启动，文件保持原样。请修复或移走该文件后再启动。`,
    );
  }
}

/** Each saved record's JSON, kept while the record lives: the store never changes a record after saving it. */
const recordJson = new WeakMap<object, string>();

/** A record's JSON, made once per saved record (the journal line and the next rewrite share it). */
export function recordJsonOf(record: object): string {
  let json = recordJson.get(record);
  if (json === undefined) recordJson.set(record, (json = JSON.stringify(record)));
  return json;
}

function recordsJson(records: Record<string, object>): string {
  const parts: string[] = [];
  for (const [id, record] of Object.entries(records)) parts.push(`${JSON.stringify(id)}:${recordJsonOf(record)}`);
  return `{${parts.join(',')}}`;
}

/**
 * The whole database as compact JSON, serialising only records saved since the last rewrite: a record's JSON is
 * made once (for its journal line) and reused by every rewrite of the file while the record lives.
 */
export function stringifyDb(data: DbShape): string {
  const { drafts, sessions, ...rest } = data;
  const extra = Object.entries(rest).map(([key, value]) => `,${JSON.stringify(key)}:${JSON.stringify(value)}`).join('');
  return `{"drafts":${recordsJson(drafts ?? {})},"sessions":${recordsJson(sessions ?? {})}${extra}}`;
}
