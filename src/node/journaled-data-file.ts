/**
 * Node only: the lowdb adapter for DATA_FILE. A save is answered once the records it changed are appended to a
 * journal beside the file (`<DATA_FILE>.journal`, one JSON line per record); the whole file is rewritten now and
 * then (compaction) while saves go on, after which the journal keeps only the lines that came in meanwhile. An
 * append is the size of one record, so a save's cost does not grow with the database.
 *
 * All or nothing: a save that cannot be written (full disk, the DATA_MAX_MB cap, a failing device) is rejected
 * with a StorageError, its records are put back in memory as they were, and the journal is cut back to its last
 * whole line, so nothing unanswered is kept and nothing answered is glued to a torn line. The data file is always
 * a whole snapshot: written record by record to a temp file, fsynced, renamed over the file, and the folder fsynced.
 * Appends are not fsynced: a crashed process loses nothing it answered; a power cut may lose the last seconds.
 */
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Adapter } from 'lowdb';
import { emptyDb, StorageError, type ChangeTracking, type DbShape } from '../store/store.js';
import { checkNotBlank, DataFileError, KINDS, readSnapshot, recordJsonOf, writeSnapshot, type Kind } from './data-file.js';

/** One journal line: a record as saved, or its removal. Later lines win. */
type JournalEntry = { op: 'put'; kind: Kind; id: string; record: object } | { op: 'del'; kind: Kind; id: string };

/** A change on its way to the journal, with what it replaced: put back in memory if the append fails. */
interface Change {
  kind: Kind;
  id: string;
  /** The saved record, or undefined for a removal. */
  record: object | undefined;
  previous: object | undefined;
  line: string;
  bytes: number;
  previousBytes: number;
}

export interface JournalOptions {
  /** Compact once the journal holds this many bytes (and at least as many as the data file). */
  compactAfterBytes?: number;
  /** Compact this long after the last save, so a quiet server's data file is current. */
  compactAfterMs?: number;
  /** The cap on the stored records (DATA_MAX_MB), in bytes of their JSON; a save that would pass it is refused. */
  maxBytes?: number;
  /** Where a skipped torn line or a failed compaction is reported. */
  warn?: (message: string) => void;
}

const MB = 1024 * 1024;

/** The StorageError for a failed file operation: a full disk (or quota) is `storage_full`, anything else `storage_error`. */
function storageErrorOf(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new StorageError('storage_full', '服务器磁盘已满，这次保存没有完成（内容未保存）。请稍后重试；如果一直这样，请联系管理员清理磁盘空间。');
  }
  return new StorageError('storage_error', `数据保存失败（存储设备出错：${code ?? '未知错误'}），这次的内容未保存。请稍后重试；如果一直这样，请联系管理员。`);
}

export class JournaledDataFile implements Adapter<DbShape>, ChangeTracking {
  readonly journalFile: string;
  private readonly compactAfterBytes: number;
  private readonly compactAfterMs: number;
  private readonly maxBytes: number;
  private readonly warn: (message: string) => void;
  /** The record object last handed to the journal per id: a save stores a new object, so identity tells what changed. */
  private readonly journaled: Record<Kind, Map<string, object>> = { drafts: new Map(), sessions: new Map() };
  /** What the files hold (the data file plus the journal): what a snapshot writes, never a save still unanswered. */
  private readonly durable: Record<Kind, Map<string, object>> = { drafts: new Map(), sessions: new Map() };
  /** Bytes of each record's JSON in memory, and their sum: what DATA_MAX_MB caps. */
  private readonly sizes: Record<Kind, Map<string, number>> = { drafts: new Map(), sessions: new Map() };
  private storedBytes = 0;
  private data: DbShape | undefined;
  private handle: FileHandle | undefined;
  /** The journal's size in bytes (where a failed append is cut back to); -1 when unknown until asked again. */
  private journalBytes = 0;
  /** The journal may end in a torn line that could not be cut off: the next append starts on a fresh line. */
  private torn = false;
  private fileBytes = 0;
  /** Changes waiting to be appended, and the saves waiting for them: every save in one burst shares one append. */
  private pending: Change[] = [];
  private waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private appending: Promise<void> | undefined;
  /** The one append on its way to the file, which a compaction lets finish before it empties the journal. */
  private inFlight: Promise<void> | undefined;
  private compacting: Promise<void> | undefined;
  /** The short step at the end of a compaction that drops the journal's covered lines: appends wait for it only. */
  private trimming: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Records the store says it changed since the last write; none marked means look at every record. */
  private marked: Record<Kind, Set<string>> = { drafts: new Set(), sessions: new Set() };

  /** `file` should be resolved through symlinks already (resolveDataFile), so the rewrite keeps a link in place. */
  constructor(
    readonly file: string,
    options: JournalOptions = {},
  ) {
    this.journalFile = `${file}.journal`;
    this.compactAfterBytes = options.compactAfterBytes ?? 4 * MB;
    this.compactAfterMs = options.compactAfterMs ?? 2_000;
    this.maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    this.warn = options.warn ?? ((message) => console.error(message));
    mkdirSync(dirname(file), { recursive: true });
  }

  /** The data file with the journal replayed onto it; a journal left by the last run is compacted away first. */
  async read(): Promise<DbShape | null> {
    checkNotBlank(this.file, this.journalFile);
    const data: DbShape = emptyDb();
    const existed = existsSync(this.file);
    this.fileBytes = await readSnapshot(this.file, data);
    const replayed = await this.replay(data);
    // A temp file is a rewrite that never finished (a crash, a full disk): the data file was never replaced.
    rmSync(`${this.file}.tmp`, { force: true });
    rmSync(`${this.journalFile}.tmp`, { force: true });
    this.data = data;
    for (const kind of KINDS) {
      for (const [id, record] of Object.entries(data[kind])) {
        this.journaled[kind].set(id, record);
        this.durable[kind].set(id, record);
        const bytes = Buffer.byteLength(recordJsonOf(record));
        this.sizes[kind].set(id, bytes);
        this.storedBytes += bytes;
      }
    }
    // A new data file is written at once, so DATA_FILE is a whole lowdb JSON file from the first start. A disk
    // still full does not stop the start: the journal stays and is compacted after a later save.
    if (replayed || !existed) {
      await this.compact().catch((error) => this.warn(`数据文件整理失败，先用日志继续（已确认的保存都在日志中）：${(error as Error).message}`));
    }
    return data;
  }

  /** Appends what changed since the last save; answers when it is written, or rejects with a StorageError. */
  write(data: DbShape): Promise<void> {
    this.data = data;
    const changes = this.changes(data);
    if (!changes.length) return Promise.resolve();
    const growth = changes.reduce((sum, change) => sum + change.bytes - change.previousBytes, 0);
    if (growth > 0 && this.storedBytes + growth > this.maxBytes) {
      this.undo(changes);
      return Promise.reject(
        new StorageError(
          'storage_full',
          `数据已达到上限（DATA_MAX_MB=${Math.round(this.maxBytes / MB)}），这次的内容未保存；已有的会话和稿件仍可查看、导出和删除。请联系管理员：删除不再需要的会话、缩短保留天数，或调高 DATA_MAX_MB。`,
        ),
      );
    }
    for (const change of changes) this.setSize(change.kind, change.id, change.bytes);
    this.pending.push(...changes);
    const written = new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.appending ??= this.appendPending();
    return written;
  }

  /**
   * Rewrites the data file from what the files hold, then drops the journal lines it covers. Saves go on while
   * the file is written (its size does not hold them up) and wait only for the journal's short trim at the end.
   */
  compact(): Promise<void> {
    this.compacting ??= this.rewrite().finally(() => (this.compacting = undefined));
    return this.compacting;
  }

  /** Compacts and lets go of the journal: for a clean stop, so the data file alone is current. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    try {
      await this.compact();
    } finally {
      // A failed rewrite (a full disk) leaves the journal, which the next start replays.
      await this.handle?.close();
      this.handle = undefined;
    }
  }

  /** The store's word that a record was saved or removed: the next write looks at these only. */
  changed(kind: Kind, id: string): void {
    this.marked[kind].add(id);
  }

  /** Bytes of the stored records' JSON (what DATA_MAX_MB caps). */
  get bytes(): number {
    return this.storedBytes;
  }

  /** The saves since the last call, by record identity: new or replaced records, and removed ones. */
  private changes(data: DbShape): Change[] {
    const changes: Change[] = [];
    const marked = this.marked;
    const anyMarked = marked.drafts.size + marked.sessions.size > 0;
    this.marked = { drafts: new Set(), sessions: new Set() };
    for (const kind of KINDS) {
      const seen = this.journaled[kind];
      const records = data[kind];
      const check = (id: string) => {
        const record = Object.hasOwn(records, id) ? (records[id] as object) : undefined;
        const previous = seen.get(id);
        if (previous === record) return;
        const previousBytes = this.sizes[kind].get(id) ?? 0;
        if (record) {
          seen.set(id, record);
          const line = `${entryJson({ op: 'put', kind, id, record })}\n`;
          changes.push({ kind, id, record, previous, line, bytes: Buffer.byteLength(recordJsonOf(record)), previousBytes });
        } else {
          seen.delete(id);
          changes.push({ kind, id, record: undefined, previous, line: `${entryJson({ op: 'del', kind, id })}\n`, bytes: 0, previousBytes });
        }
      };
      if (anyMarked) {
        for (const id of marked[kind]) check(id);
        continue;
      }
      // Nothing marked (a caller writing through lowdb directly): every record, and every one removed.
      for (const id of Object.keys(records)) check(id);
      for (const id of [...seen.keys()]) if (!Object.hasOwn(records, id)) check(id);
    }
    return changes;
  }

  /** Puts memory back as it was before `changes` (newest first), for a save that was not written. */
  private undo(changes: Change[]) {
    for (const change of [...changes].reverse()) {
      const { kind, id, record, previous } = change;
      const records = this.data![kind];
      // A later save of the same record, still pending, now replaces what this one replaced.
      for (const later of this.pending) if (later.kind === kind && later.id === id && later.previous === record) later.previous = previous;
      const current = Object.hasOwn(records, id) ? records[id] : undefined;
      if (current !== record) continue; // saved again since: that save stands or falls on its own
      if (previous === undefined) {
        delete records[id];
        this.journaled[kind].delete(id);
      } else {
        records[id] = previous as never;
        this.journaled[kind].set(id, previous);
      }
      this.setSize(kind, id, change.previousBytes);
    }
  }

  private setSize(kind: Kind, id: string, bytes: number) {
    this.storedBytes += bytes - (this.sizes[kind].get(id) ?? 0);
    if (bytes) this.sizes[kind].set(id, bytes);
    else this.sizes[kind].delete(id);
  }

  private async appendPending(): Promise<void> {
    while (this.pending.length) {
      // The journal is being replaced by its uncovered tail: append after that.
      while (this.trimming) await this.trimming.catch(() => {});
      const changes = this.pending;
      const waiting = this.waiting;
      this.pending = [];
      this.waiting = [];
      this.inFlight = this.appendText(changes.map((change) => change.line).join(''));
      try {
        await this.inFlight;
        for (const { kind, id, record } of changes) {
          if (record) this.durable[kind].set(id, record);
          else this.durable[kind].delete(id);
        }
        for (const { resolve } of waiting) resolve();
      } catch (error) {
        this.undo(changes);
        const failure = storageErrorOf(error);
        for (const { reject } of waiting) reject(failure);
      } finally {
        this.inFlight = undefined;
      }
    }
    this.appending = undefined;
    this.scheduleCompaction();
  }

  private async appendText(text: string): Promise<void> {
    this.handle ??= await open(this.journalFile, 'a');
    if (this.journalBytes < 0) this.journalBytes = (await this.handle.stat()).size;
    const line = this.torn ? `\n${text}` : text;
    try {
      await this.handle.appendFile(line);
    } catch (error) {
      // Cut back to where this append began, so the next one does not glue a record to a torn line.
      try {
        await this.handle.truncate(this.journalBytes);
      } catch {
        this.torn = true; // replay skips the torn line, and the next append starts on a fresh one
        this.journalBytes = await this.handle.stat().then((stat) => stat.size, () => -1);
      }
      throw error;
    }
    this.torn = false;
    this.journalBytes += Buffer.byteLength(line);
  }

  private scheduleCompaction() {
    clearTimeout(this.timer);
    if (this.journalBytes >= Math.max(this.compactAfterBytes, this.fileBytes)) return this.compactInBackground();
    this.timer = setTimeout(() => this.compactInBackground(), this.compactAfterMs);
    this.timer.unref();
  }

  /** No save waits on it: a failure leaves the journal as it is, and the next save schedules another try. */
  private compactInBackground() {
    void this.compact().catch((error) => this.warn(`数据文件整理失败，稍后重试（已确认的保存都在日志中）：${(error as Error).message}`));
  }

  private async rewrite(): Promise<void> {
    // The append under way finishes first, so the snapshot and the journal's covered length agree.
    while (this.inFlight) await this.inFlight.catch(() => {});
    if (!this.data) return;
    // What the files hold, taken at once: records are never changed after saving, so the references suffice.
    // The journal's bytes so far are what the snapshot covers; appends from here on stay in the journal.
    const records = { drafts: [...this.durable.drafts], sessions: [...this.durable.sessions] };
    const covered = existsSync(this.journalFile) ? statSync(this.journalFile).size : 0;
    const temp = `${this.file}.tmp`;
    let bytes: number;
    const handle = await open(temp, 'w');
    try {
      bytes = await writeSnapshot(handle, records);
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => {});
      await rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await rename(temp, this.file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncFolder(dirname(this.file));
    this.fileBytes = bytes;
    // Replaying the covered lines onto the new file would change nothing: drop them, keeping the tail.
    let done!: () => void;
    this.trimming = new Promise<void>((resolve) => (done = resolve));
    try {
      while (this.inFlight) await (this.inFlight as Promise<void>).catch(() => {}); // one begun while the file was written
      await this.dropJournalHead(covered);
    } finally {
      this.trimming = undefined;
      done();
    }
  }

  /** Replaces the journal by its bytes after `covered` (what came in during the rewrite: a few lines). */
  private async dropJournalHead(covered: number): Promise<void> {
    this.handle ??= await open(this.journalFile, 'a');
    const size = (await this.handle.stat()).size;
    if (size <= covered) {
      await this.handle.truncate(0);
      this.journalBytes = 0;
      this.torn = false;
      return;
    }
    const tail = Buffer.alloc(size - covered);
    const reader = await open(this.journalFile, 'r');
    try {
      await reader.read(tail, 0, tail.length, covered);
    } finally {
      await reader.close();
    }
    const temp = `${this.journalFile}.tmp`;
    const writer = await open(temp, 'w');
    try {
      await writer.write(tail);
      await writer.sync();
      await writer.close();
      await rename(temp, this.journalFile);
    } catch (error) {
      // A full disk: the journal stays whole (replaying its covered lines changes nothing).
      await writer.close().catch(() => {});
      await rm(temp, { force: true });
      throw error;
    }
    await this.handle.close();
    this.handle = await open(this.journalFile, 'a');
    this.journalBytes = tail.length;
  }

  /**
   * Applies the journal to `data`, line by line; answers whether there was one. A line that is not whole JSON is
   * a torn append that was never answered: skipped with a warning naming it. A whole line of the wrong shape is
   * damage: refused, leaving the files as they are.
   */
  private async replay(data: DbShape): Promise<boolean> {
    if (!existsSync(this.journalFile)) return false;
    // Until a compaction empties it, appends go after what is there: cut back to its whole lines on a failure,
    // and start on a fresh line if it ends in a torn one.
    const size = statSync(this.journalFile).size;
    this.journalBytes = size;
    if (size) {
      const last = Buffer.alloc(1);
      const fd = openSync(this.journalFile, 'r');
      readSync(fd, last, 0, 1, size - 1);
      closeSync(fd);
      this.torn = last[0] !== 0x0a;
    }
    const lines = createInterface({ input: createReadStream(this.journalFile, { encoding: 'utf8' }), crlfDelay: Infinity });
    let number = 0;
    let any = false;
    try {
      for await (const line of lines) {
        number++;
        if (!line) continue;
        any = true;
        let entry: JournalEntry;
        try {
          entry = JSON.parse(line) as JournalEntry;
        } catch {
          this.warn(`日志 ${this.journalFile} 第 ${number} 行没有写完（写入时进程退出或磁盘已满，那次保存未被确认），已略过。`);
          continue;
        }
        // Ids are ours (128-bit base64url); `__proto__` as a key would replace the object's prototype instead.
        const valid =
          entry !== null && typeof entry === 'object' && (entry.op === 'put' || entry.op === 'del') && KINDS.includes(entry.kind) && typeof entry.id === 'string' && entry.id !== '__proto__' && (entry.op === 'del' || (entry.record !== null && typeof entry.record === 'object'));
        if (!valid) {
          throw new DataFileError(`数据日志 ${this.journalFile} 第 ${number} 行已损坏（格式不对），服务未启动，文件保持原样。请修复或移走该文件后再启动。`);
        }
        if (entry.op === 'put') data[entry.kind][entry.id] = entry.record as never;
        else delete data[entry.kind][entry.id];
      }
    } finally {
      lines.close();
    }
    return any;
  }
}

/** fsync of a folder, so a rename in it survives a power cut. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A journal line, reusing the record's JSON that the next compaction will also need. */
function entryJson(entry: JournalEntry): string {
  const head = `{"op":"${entry.op}","kind":"${entry.kind}","id":${JSON.stringify(entry.id)}`;
  return entry.op === 'put' ? `${head},"record":${recordJsonOf(entry.record)}}` : `${head}}`;
}

export { DataFileError };
