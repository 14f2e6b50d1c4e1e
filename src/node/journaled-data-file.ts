/**
 * Node only: the lowdb adapter for DATA_FILE. A save is answered once the records it changed are appended to a
 * journal beside the file (`<DATA_FILE>.journal`, one JSON line per record); the whole file is rewritten from
 * memory now and then (compaction), after which the journal starts empty. Rewriting the whole file on every save
 * made each dialogue turn wait for a write of every session; an append is the size of one record.
 *
 * Crash safety is the same as before: a save is answered after its bytes are written (no fsync: a crashed process
 * loses nothing it answered; a power cut may lose the last seconds). The data file itself is always a complete
 * lowdb JSON file (temp file + rename); at start-up the journal is replayed onto it and compacted.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open, rename, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Adapter } from 'lowdb';
import { emptyDb, type DbShape } from '../store/store.js';
import { DataFileError, recordJsonOf, stringifyDb } from './data-file.js';

type Kind = 'drafts' | 'sessions';
const KINDS: Kind[] = ['drafts', 'sessions'];

/** One journal line: a record as saved, or its removal. Later lines win. */
type JournalEntry = { op: 'put'; kind: Kind; id: string; record: object } | { op: 'del'; kind: Kind; id: string };

export interface JournalOptions {
  /** Compact once the journal holds this many bytes (and at least as many as the data file). */
  compactAfterBytes?: number;
  /** Compact this long after the last save, so a quiet server's data file is current. */
  compactAfterMs?: number;
  /** Where a torn last line (a crash mid-append, never answered) is reported. */
  warn?: (message: string) => void;
}

export class JournaledDataFile implements Adapter<DbShape> {
  readonly journalFile: string;
  private readonly compactAfterBytes: number;
  private readonly compactAfterMs: number;
  private readonly warn: (message: string) => void;
  /** The record object last journaled per id: a save stores a new object, so identity tells what changed. */
  private readonly journaled: Record<Kind, Map<string, object>> = { drafts: new Map(), sessions: new Map() };
  private data: DbShape | undefined;
  private handle: FileHandle | undefined;
  private journalBytes = 0;
  private fileBytes = 0;
  /** Lines waiting to be appended, and the saves waiting for them: every save in one burst shares one append. */
  private pending: string[] = [];
  private waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private appending: Promise<void> | undefined;
  /** The one append on its way to the file, which a compaction lets finish before it empties the journal. */
  private inFlight: Promise<void> | undefined;
  private compacting: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly file: string,
    options: JournalOptions = {},
  ) {
    this.journalFile = `${file}.journal`;
    this.compactAfterBytes = options.compactAfterBytes ?? 4 * 1024 * 1024;
    this.compactAfterMs = options.compactAfterMs ?? 2_000;
    this.warn = options.warn ?? ((message) => console.error(message));
    mkdirSync(dirname(resolve(file)), { recursive: true });
  }

  /** The data file with the journal replayed onto it; a journal left by the last run is compacted away first. */
  async read(): Promise<DbShape | null> {
    const text = existsSync(this.file) ? readFileSync(this.file, 'utf8') : '';
    const data: DbShape = { ...emptyDb(), ...(text.trim() ? (JSON.parse(text) as DbShape) : {}) };
    this.fileBytes = Buffer.byteLength(text);
    const replayed = this.replay(data);
    this.data = data;
    for (const kind of KINDS) for (const [id, record] of Object.entries(data[kind])) this.journaled[kind].set(id, record);
    // A new data file is written at once, so DATA_FILE is a whole lowdb JSON file from the first start.
    if (replayed || !text) await this.compact();
    return data;
  }

  /** Appends what changed since the last save; answers when it is written. */
  write(data: DbShape): Promise<void> {
    this.data = data;
    for (const entry of this.changes(data)) this.pending.push(`${entryJson(entry)}\n`);
    if (!this.pending.length) return Promise.resolve();
    const written = new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.appending ??= this.appendPending();
    return written;
  }

  /** Rewrites the data file from memory and empties the journal. Saves wait meanwhile (a few ms per MB). */
  compact(): Promise<void> {
    this.compacting ??= this.rewrite().finally(() => (this.compacting = undefined));
    return this.compacting;
  }

  /** Compacts and lets go of the journal: for a clean stop, so the data file alone is current. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    await this.compact();
    await this.handle?.close();
    this.handle = undefined;
  }

  /** The saves since the last call, by record identity: new or replaced records, and removed ones. */
  private changes(data: DbShape): JournalEntry[] {
    const entries: JournalEntry[] = [];
    for (const kind of KINDS) {
      const seen = this.journaled[kind];
      const records = data[kind];
      for (const [id, record] of Object.entries(records)) {
        if (seen.get(id) === record) continue;
        seen.set(id, record);
        entries.push({ op: 'put', kind, id, record });
      }
      for (const id of seen.keys()) {
        if (Object.hasOwn(records, id)) continue;
        seen.delete(id);
        entries.push({ op: 'del', kind, id });
      }
    }
    return entries;
  }

  private async appendPending(): Promise<void> {
    while (this.pending.length) {
      // A compaction rewrites the file from memory, which already holds these saves: append after it.
      if (this.compacting) await this.compacting.catch(() => {});
      const text = this.pending.join('');
      const waiting = this.waiting;
      this.pending = [];
      this.waiting = [];
      this.inFlight = this.appendText(text);
      try {
        await this.inFlight;
        for (const { resolve } of waiting) resolve();
      } catch (error) {
        for (const { reject } of waiting) reject(error);
      } finally {
        this.inFlight = undefined;
      }
    }
    this.appending = undefined;
    this.scheduleCompaction();
  }

  private async appendText(text: string): Promise<void> {
    this.handle ??= await open(this.journalFile, 'a');
    await this.handle.appendFile(text);
    this.journalBytes += Buffer.byteLength(text);
  }

  private scheduleCompaction() {
    clearTimeout(this.timer);
    if (this.journalBytes >= Math.max(this.compactAfterBytes, this.fileBytes)) return this.compactInBackground();
    this.timer = setTimeout(() => this.compactInBackground(), this.compactAfterMs);
    this.timer.unref();
  }

  /** No save waits on it: a failure leaves the journal as it is, and the next save schedules another try. */
  private compactInBackground() {
    void this.compact().catch((error) => this.warn(`数据文件整理失败，稍后重试：${(error as Error).message}`));
  }

  private async rewrite(): Promise<void> {
    // The append under way finishes first (the next waits for this compaction): the journal is emptied below,
    // and must hold nothing the file lacks.
    while (this.inFlight) await this.inFlight.catch(() => {});
    if (!this.data) return;
    const text = stringifyDb(this.data);
    const temp = `${this.file}.tmp`;
    await writeFile(temp, text);
    await rename(temp, this.file);
    this.fileBytes = Buffer.byteLength(text);
    // The file now holds everything the journal did (replaying it again would change nothing): start it empty.
    this.handle ??= await open(this.journalFile, 'a');
    await this.handle.truncate(0);
    this.journalBytes = 0;
  }

  /** Applies the journal to `data`; answers whether there was one. A torn last line was never answered: skipped. */
  private replay(data: DbShape): boolean {
    if (!existsSync(this.journalFile)) return false;
    const text = readFileSync(this.journalFile, 'utf8');
    if (!text) return false;
    const lines = text.split('\n');
    const last = lines.length - 1;
    lines.forEach((line, index) => {
      if (!line) return;
      let entry: JournalEntry;
      try {
        entry = JSON.parse(line) as JournalEntry;
        // Ids are ours (128-bit base64url); `__proto__` as a key would replace the object's prototype instead.
        if ((entry.op !== 'put' && entry.op !== 'del') || !KINDS.includes(entry.kind) || typeof entry.id !== 'string' || entry.id === '__proto__') throw new Error('格式不对');
      } catch (error) {
        if (index === last) {
          this.warn(`日志 ${this.journalFile} 的最后一行没有写完（上次退出时正在写入，那次保存未被确认），已略过。`);
          return;
        }
        throw new DataFileError(
          `数据日志 ${this.journalFile} 第 ${index + 1} 行已损坏（${(error as Error).message}），服务未启动，文件保持原样。请修复或移走该文件后再启动。`,
        );
      }
      if (entry.op === 'put') data[entry.kind][entry.id] = entry.record as never;
      else delete data[entry.kind][entry.id];
    });
    return true;
  }
}

/** A journal line, reusing the record's JSON that the next compaction will also need. */
function entryJson(entry: JournalEntry): string {
  const head = `{"op":"${entry.op}","kind":"${entry.kind}","id":${JSON.stringify(entry.id)}`;
  return entry.op === 'put' ? `${head},"record":${recordJsonOf(entry.record)}}` : `${head}}`;
}
