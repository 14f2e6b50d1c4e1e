/**
 * Node only: the data file on disk — where it really is (through symlinks), that it is not an empty leftover, and
 * its snapshot format: a lowdb JSON object written and read one record per line, never as one string.
 */
import { createReadStream, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { DbShape } from '../store/store.js';

export class DataFileError extends Error {}

export type Kind = 'drafts' | 'sessions';
export const KINDS: Kind[] = ['drafts', 'sessions'];

/**
 * The file DATA_FILE names, through any symlinks, so the lock, the journal and the rewritten file all sit at the
 * real file (a rewrite renames onto the target and leaves the link in place). A missing file is a new database.
 */
export function resolveDataFile(file: string): string {
  const absolute = resolve(file);
  let link: ReturnType<typeof lstatSync> | undefined;
  try {
    link = lstatSync(absolute);
  } catch {
    link = undefined;
  }
  if (link?.isSymbolicLink() && !existsSync(absolute)) {
    throw new DataFileError(`数据文件 ${file} 是指向 ${readlinkSync(absolute)} 的符号链接，但那个位置不存在：请修正链接或 DATA_FILE。`);
  }
  if (link) return realpathSync(absolute);
  mkdirSync(dirname(absolute), { recursive: true });
  return join(realpathSync(dirname(absolute)), basename(absolute));
}

/**
 * A data file of 0 bytes or only whitespace, with no journal beside it to explain it, is what a power cut can
 * leave of a file being replaced: starting on it as a new database would drop everything. Refuse, naming it.
 */
export function checkNotBlank(file: string, journalFile: string): void {
  if (!existsSync(file)) return;
  const size = statSync(file).size;
  // Whitespace only can only be a small file; a real one is not read whole here.
  if (size > 4096 || readFileSync(file, 'utf8').trim()) return;
  if (existsSync(journalFile) && statSync(journalFile).size > 0) return;
  throw new DataFileError(
    `数据文件 ${file} 是空的（${size} 字节），旁边也没有日志可以恢复：这通常是断电或磁盘写满时留下的，服务未启动，文件保持原样。请从备份恢复该文件（见 README“备份与恢复”）；确实要从空数据开始时，删除该文件后再启动。`,
  );
}

/** Each saved record's JSON, kept while the record lives: the store never changes a record after saving it. */
const recordJson = new WeakMap<object, string>();

/** A record's JSON, made once per saved record (the journal line and the next rewrite share it). */
export function recordJsonOf(record: object): string {
  let json = recordJson.get(record);
  if (json === undefined) recordJson.set(record, (json = JSON.stringify(record)));
  return json;
}

const OPENING = '{"drafts":{';
const BETWEEN = '},"sessions":{';

/**
 * Writes the snapshot through `handle` in pieces of about 1 MiB: `{"drafts":{` / one `"id":record,` per line /
 * `},"sessions":{` / … / `}}` — still one valid JSON object, as lowdb and any JSON tool read it. Answers its bytes.
 */
export async function writeSnapshot(handle: FileHandle, records: Record<Kind, Iterable<[string, object]>>): Promise<number> {
  let buffer = '';
  let bytes = 0;
  const flush = async () => {
    if (!buffer) return;
    const chunk = Buffer.from(buffer);
    buffer = '';
    bytes += chunk.length;
    await handle.write(chunk);
  };
  buffer += `${OPENING}\n`;
  for (const kind of KINDS) {
    if (kind === 'sessions') buffer += `${BETWEEN}\n`;
    let first = true;
    for (const [id, record] of records[kind]) {
      buffer += `${first ? '' : ',\n'}${JSON.stringify(id)}:${recordJsonOf(record)}`;
      first = false;
      if (buffer.length >= 512 * 1024) await flush();
    }
    if (!first) buffer += '\n';
  }
  buffer += '}}\n';
  await flush();
  return bytes;
}

/** Puts one record read from disk into `data`, refusing an id that would replace the object's prototype. */
function putRecord(data: DbShape, kind: Kind, id: string, record: unknown, where: string) {
  // Ids are ours (128-bit base64url); `__proto__` as a key would replace the object's prototype instead.
  if (id === '__proto__' || record === null || typeof record !== 'object') throw new DataFileError(`${where}：记录格式不对`);
  data[kind][id] = record as never;
}

/**
 * Reads a data file into `data` record by record, so no string of the whole database is built (V8 caps strings
 * near 2^29 characters). A file in another layout (one written by an older version, or by hand) is parsed
 * whole, as before. Answers the file's size in bytes.
 */
export async function readSnapshot(file: string, data: DbShape): Promise<number> {
  if (!existsSync(file)) return 0;
  const size = statSync(file).size;
  const damaged = (line: number, why: string) =>
    new DataFileError(`数据文件 ${file} 第 ${line} 行已损坏（${why}），服务未启动，文件保持原样。请修复该文件或从备份恢复后再启动。`);
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  let kind: Kind | undefined;
  let closed = false;
  try {
    for await (const line of lines) {
      number++;
      if (number === 1) {
        if (line !== OPENING) return readWhole(file, data, size);
        kind = 'drafts';
        continue;
      }
      if (closed) {
        if (line.trim()) throw damaged(number, '结尾之后还有内容');
        continue;
      }
      if (line === BETWEEN && kind === 'drafts') {
        kind = 'sessions';
        continue;
      }
      if (line === '}}' && kind === 'sessions') {
        closed = true;
        continue;
      }
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(`{${line.endsWith(',') ? line.slice(0, -1) : line}}`);
      } catch (error) {
        throw damaged(number, (error as Error).message);
      }
      const keys = Object.keys(entry);
      if (keys.length !== 1) throw damaged(number, '每行应是一条记录');
      putRecord(data, kind!, keys[0], entry[keys[0]], `数据文件 ${file} 第 ${number} 行`);
    }
  } finally {
    lines.close();
  }
  if (number > 0 && !closed) throw damaged(number, '文件不完整，缺少结尾');
  return size;
}

/** An older or hand-written data file: one JSON object, parsed whole (such files were written as one string). */
function readWhole(file: string, data: DbShape, size: number): number {
  let parsed: unknown;
  const text = readFileSync(file, 'utf8');
  if (!text.trim()) return size; // blank, with a journal to replay (checkNotBlank refused it otherwise)
  try {
    parsed = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('不是 JSON 对象');
  } catch (error) {
    throw new DataFileError(`数据文件 ${file} 已损坏（${(error as Error).message}），服务未启动，文件保持原样。请修复该文件或从备份恢复后再启动。`);
  }
  const whole = parsed as Partial<DbShape>;
  for (const kind of KINDS) {
    for (const [id, record] of Object.entries(whole[kind] ?? {})) putRecord(data, kind, id, record, `数据文件 ${file}`);
  }
  return size;
}
