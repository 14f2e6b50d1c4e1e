/** The Node data file: saves appended to a journal, the whole file rewritten now and then, everything read back. */
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/node/data-file.js';
import { JournaledDataFile } from '../../src/node/journaled-data-file.js';
import { createLowStore, type DraftRecord, type SessionRecord } from '../../src/store/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempFile() {
  const dir = mkdtempSync(join(tmpdir(), 'journal-'));
  dirs.push(dir);
  return join(dir, 'db.json');
}

const session = (id: string, answer: string): SessionRecord => ({ id, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z', answers: [answer] });
const draft = (id: string, sessionId?: string) =>
  ({ id, type: 'work-plan', facts: {}, outline: { items: [] }, versions: [], createdAt: 'x', updatedAt: 'x', ...(sessionId ? { sessionId } : {}) }) as unknown as DraftRecord;

/** A second process's view: a fresh adapter on the same file, as a restart after `kill -9` would read it. */
async function reopen(file: string) {
  const warnings: string[] = [];
  const adapter = new JournaledDataFile(file, { warn: (m) => warnings.push(m), compactAfterMs: 60_000 });
  const store = await createLowStore(adapter);
  return { adapter, store, warnings };
}

describe('JournaledDataFile', () => {
  it('answers a save after appending only the changed record, and a restart reads every answered save', async () => {
    const file = tempFile();
    const { store } = await reopen(file);
    await store.saveSession(session('s1', '第一条'));
    await store.saveSession(session('s2', '第二条'));
    await store.saveSession(session('s1', '第一条改过'));
    // Nothing rewrote the data file (written empty at the first start): the three saves are three journal
    // lines, each one record.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ drafts: {}, sessions: {} });
    const lines = readFileSync(`${file}.journal`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.op, l.id])).toEqual([['put', 's1'], ['put', 's2'], ['put', 's1']]);

    // No close, no compaction: as after a crash.
    const again = await reopen(file);
    expect((await again.store.getSession('s1'))?.answers).toEqual(['第一条改过']);
    expect((await again.store.getSession('s2'))?.answers).toEqual(['第二条']);
    // Reading compacted the journal into the data file: a complete lowdb JSON file, and an empty journal.
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).sessions).sort()).toEqual(['s1', 's2']);
    expect(readFileSync(`${file}.journal`, 'utf8')).toBe('');
  });

  it('journals removals: a deleted session and its drafts stay deleted after a restart', async () => {
    const file = tempFile();
    const { store } = await reopen(file);
    await store.saveSession(session('s1', '甲'));
    await store.saveDraft(draft('d1', 's1'));
    await store.saveDraft(draft('d2'));
    expect(await store.deleteSession('s1')).toBe(true);
    const again = await reopen(file);
    expect(await again.store.getSession('s1')).toBeUndefined();
    expect(await again.store.getDraft('d1')).toBeUndefined();
    expect((await again.store.getDraft('d2'))?.id).toBe('d2');
  });

  it('compacts by size on its own: the data file then holds everything and the journal starts empty', async () => {
    const file = tempFile();
    const adapter = new JournaledDataFile(file, { compactAfterBytes: 1, compactAfterMs: 60_000 });
    const store = await createLowStore(adapter);
    await store.saveSession(session('s1', '一'.repeat(100)));
    await adapter.compact(); // the one the save started, if still running
    expect(JSON.parse(readFileSync(file, 'utf8')).sessions.s1.answers).toEqual(['一'.repeat(100)]);
    expect(readFileSync(`${file}.journal`, 'utf8')).toBe('');
    await store.saveSession(session('s2', '二'));
    await adapter.close();
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).sessions).sort()).toEqual(['s1', 's2']);
  });

  it('loses no answered save when saves and compactions interleave', async () => {
    const file = tempFile();
    // A compaction after every append: the worst interleaving of rewrite, truncate and append.
    const adapter = new JournaledDataFile(file, { compactAfterBytes: 1, compactAfterMs: 60_000 });
    const store = await createLowStore(adapter);
    const saves = Array.from({ length: 300 }, (_, i) => store.saveSession(session(`s${i % 50}`, `回答 ${i}`)));
    await Promise.all(saves);
    // What a crash now would leave on disk: the data file plus the journal, copied in this same tick (the first
    // adapter's background compaction goes on, and two adapters must not share one file).
    const copy = tempFile();
    if (existsSync(file)) copyFileSync(file, copy);
    copyFileSync(`${file}.journal`, `${copy}.journal`);
    await adapter.close();
    const again = await reopen(copy);
    for (let id = 0; id < 50; id++) {
      // The last save of each session is the 250th-or-later: that is what every reader must see.
      const last = 250 + id;
      expect((await again.store.getSession(`s${id}`))?.answers).toEqual([`回答 ${last}`]);
    }
  });

  it('answers saves while a compaction writes the file, and keeps their lines in the journal after it', async () => {
    const file = tempFile();
    const adapter = new JournaledDataFile(file, { compactAfterMs: 60_000 });
    const store = await createLowStore(adapter);
    for (let i = 0; i < 400; i++) await store.saveSession(session(`bulk${i}`, '数'.repeat(20_000))); // ~24 MB
    const order: string[] = [];
    const compaction = adapter.compact().then(() => order.push('compacted'));
    await store.saveSession(session('during', '整理期间的保存'));
    order.push('saved');
    await compaction;
    expect(order).toEqual(['saved', 'compacted']);
    // The file holds what was written before; the journal only what came in meanwhile.
    const journal = readFileSync(`${file}.journal`, 'utf8').trim().split('\n').map((line) => JSON.parse(line).id);
    expect(journal).toEqual(['during']);
    const again = await reopen(file);
    expect((await again.store.getSession('during'))?.answers).toEqual(['整理期间的保存']);
    expect((await again.store.getSession('bulk399'))?.answers).toEqual(['数'.repeat(20_000)]);
  });

  it('skips a torn last line (a crash mid-append, never answered) and says so', async () => {
    const file = tempFile();
    const { store } = await reopen(file);
    await store.saveSession(session('s1', '完整'));
    appendFileSync(`${file}.journal`, '{"op":"put","kind":"sessions","id":"s2","record":{"id":"s2","answ');
    const again = await reopen(file);
    expect((await again.store.getSession('s1'))?.answers).toEqual(['完整']);
    expect(await again.store.getSession('s2')).toBeUndefined();
    expect(again.warnings.join('')).toMatch(/第 2 行没有写完/);
  });

  it('skips a torn line before the last one (an append that failed and could not be cut back), keeping the lines around it', async () => {
    const file = tempFile();
    writeFileSync(file, '{"drafts":{},"sessions":{}}');
    const journal = '{"op":"put","kind":"sessions","id":"s1","record":{"id":"s1","answers":["甲"]}}\n{"op":"put","kind":"sess\n{"op":"put","kind":"sessions","id":"s3","record":{"id":"s3","answers":["丙"]}}\n';
    writeFileSync(`${file}.journal`, journal);
    const again = await reopen(file);
    expect((await again.store.getSession('s1'))?.answers).toEqual(['甲']);
    expect((await again.store.getSession('s3'))?.answers).toEqual(['丙']);
    expect(again.warnings).toHaveLength(1);
    expect(again.warnings[0]).toContain(`${file}.journal 第 2 行`);
  });

  it('refuses a whole journal line of the wrong shape (damage, not a torn append), and leaves both files as they are', async () => {
    const file = tempFile();
    writeFileSync(file, '{"drafts":{},"sessions":{}}');
    const journal = '{"op":"put","kind":"sessions","id":"s1","record":{"id":"s1"}}\n{"op":"put","kind":"sessions","id":"__proto__","record":{}}\n';
    writeFileSync(`${file}.journal`, journal);
    await expect(reopen(file)).rejects.toThrow(DataFileError);
    await expect(reopen(file)).rejects.toThrow(/第 2 行已损坏/);
    expect(readFileSync(`${file}.journal`, 'utf8')).toBe(journal);
    expect(readFileSync(file, 'utf8')).toBe('{"drafts":{},"sessions":{}}');
  });

  it('writes the snapshot one record per line, as one valid JSON object, and reads it back (and the older one-line form)', async () => {
    const file = tempFile();
    const { store, adapter } = await reopen(file);
    for (let i = 0; i < 5; i++) await store.saveSession(session(`s${i}`, `第${i}条，含"引号"和\\反斜杠\n换行`));
    await store.saveDraft(draft('d1'));
    await adapter.close();
    const text = readFileSync(file, 'utf8');
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed.sessions)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(parsed.sessions.s3.answers).toEqual(['第3条，含"引号"和\\反斜杠\n换行']);
    // 1 opening line, 1 draft, the sessions' opening, 5 sessions, the closing line.
    expect(text.trimEnd().split('\n')).toHaveLength(9);
    const again = await reopen(file);
    expect((await again.store.getSession('s4'))?.answers).toEqual(['第4条，含"引号"和\\反斜杠\n换行']);
    await again.adapter.close();
    // A file written by an earlier version (one line, or pretty-printed) is read whole, as before.
    writeFileSync(file, JSON.stringify({ drafts: {}, sessions: { old: session('old', '旧格式') } }, null, 2));
    const legacy = await reopen(file);
    expect((await legacy.store.getSession('old'))?.answers).toEqual(['旧格式']);
  });

  it('refuses a snapshot cut short (no closing line), naming the file', async () => {
    const file = tempFile();
    writeFileSync(file, '{"drafts":{\n},"sessions":{\n"s1":{"id":"s1"},\n');
    await expect(reopen(file)).rejects.toThrow(/文件不完整/);
  });

  it('refuses a 0-byte or whitespace-only data file with no journal, naming it; a missing file is a new database', async () => {
    for (const content of ['', '  \n\t\n']) {
      const file = tempFile();
      writeFileSync(file, content);
      await expect(reopen(file)).rejects.toThrow(DataFileError);
      await expect(reopen(file)).rejects.toThrow(new RegExp(`数据文件 ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 是空的`));
      expect(readFileSync(file, 'utf8')).toBe(content); // left as it was
    }
    // Blank, but with a journal that explains it: the journal is replayed.
    const file = tempFile();
    writeFileSync(file, '');
    writeFileSync(`${file}.journal`, '{"op":"put","kind":"sessions","id":"s1","record":{"id":"s1","answers":["日志里的"]}}\n');
    expect((await (await reopen(file)).store.getSession('s1'))?.answers).toEqual(['日志里的']);
    const fresh = await reopen(tempFile());
    expect(await fresh.store.getSession('s1')).toBeUndefined();
  });

  it('refuses a save past DATA_MAX_MB with storage_full, keeps nothing of it, and still serves reads, removals and a restart', async () => {
    const file = tempFile();
    const adapter = new JournaledDataFile(file, { maxBytes: 4000, compactAfterMs: 60_000 });
    const store = await createLowStore(adapter);
    await store.saveSession(session('s1', '甲'.repeat(500))); // ~1.6 KB of JSON
    await store.saveSession(session('s2', '乙'.repeat(300)));
    const refused = store.saveSession(session('s3', '丙'.repeat(600)));
    await expect(refused).rejects.toMatchObject({ name: 'StorageError', code: 'storage_full' });
    await expect(refused).rejects.toThrow(/DATA_MAX_MB/);
    expect(await store.getSession('s3')).toBeUndefined(); // not kept in memory
    // A save that grows an existing record past the cap is refused too, and the old record stays as it was.
    await expect(store.saveSession(session('s2', '乙'.repeat(900)))).rejects.toMatchObject({ code: 'storage_full' });
    expect((await store.getSession('s2'))?.answers).toEqual(['乙'.repeat(300)]);
    // Freeing room (a deletion) makes the next save fit, without a restart.
    expect(await store.deleteSession('s1')).toBe(true);
    await store.saveSession(session('s3', '丙'.repeat(600)));
    await adapter.close();
    const again = await reopen(file);
    expect(await again.store.getSession('s1')).toBeUndefined();
    expect((await again.store.getSession('s2'))?.answers).toEqual(['乙'.repeat(300)]);
    expect((await again.store.getSession('s3'))?.answers).toEqual(['丙'.repeat(600)]);
    expect(readFileSync(`${file}.journal`, 'utf8')).not.toContain('乙'.repeat(900));
  });

  it('removes tool drafts unchanged before the cutoff, and keeps session drafts and newer ones', async () => {
    const file = tempFile();
    const { store } = await reopen(file);
    const dated = (id: string, updatedAt: string, sessionId?: string) => ({ ...draft(id, sessionId), updatedAt });
    await store.saveDraft(dated('old', '2026-01-01T00:00:00.000Z'));
    await store.saveDraft(dated('new', '2026-03-01T00:00:00.000Z'));
    await store.saveDraft(dated('of-session', '2026-01-01T00:00:00.000Z', 's1'));
    expect(await store.removeToolDraftsBefore!('2026-02-01T00:00:00.000Z')).toBe(1);
    const again = await reopen(file);
    expect(await again.store.getDraft('old')).toBeUndefined();
    expect((await again.store.getDraft('new'))?.id).toBe('new');
    expect((await again.store.getDraft('of-session'))?.id).toBe('of-session');
  });
});
