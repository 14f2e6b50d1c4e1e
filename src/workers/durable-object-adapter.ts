/** A lowdb Adapter over a Durable Object's storage: the data as JSON text, in chunks, written atomically. */
import type { DurableObjectStorage } from '@cloudflare/workers-types';
import type { Adapter } from 'lowdb';

/**
 * Characters per stored value. Chinese text is two bytes a character in storage, so a chunk stays near
 * 64 KiB: under the 128 KiB per-value cap of key-value–backed objects and far under SQLite-backed ones' 2 MB.
 */
export const CHUNK_CHARS = 32 * 1024;
/** The storage API takes at most 128 keys per put/delete call. */
const KEYS_PER_CALL = 128;
const COUNT_KEY = 'lowdb:chunks';
const chunkKey = (index: number) => `lowdb:chunk:${index}`;

export type ChunkStorage = Pick<DurableObjectStorage, 'get' | 'put' | 'delete'>;

const batches = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / KEYS_PER_CALL) }, (_, i) => items.slice(i * KEYS_PER_CALL, (i + 1) * KEYS_PER_CALL));

/**
 * @example const db = new Low(new DurableObjectAdapter<DbShape>(ctx.storage), emptyDb())
 */
export class DurableObjectAdapter<T> implements Adapter<T> {
  constructor(
    private readonly storage: ChunkStorage,
    private readonly chunkChars: number = CHUNK_CHARS,
  ) {}

  async read(): Promise<T | null> {
    const count = (await this.storage.get<number>(COUNT_KEY)) ?? 0;
    if (!count) return null;
    const keys = Array.from({ length: count }, (_, i) => chunkKey(i));
    let text = '';
    for (const batch of batches(keys)) {
      const values = await this.storage.get<string>(batch);
      for (const key of batch) {
        const part = values.get(key);
        // A missing chunk means storage lost part of a write: fail loudly rather than hand lowdb half a record.
        if (typeof part !== 'string') throw new Error(`Durable Object storage is missing ${key}`);
        text += part;
      }
    }
    return JSON.parse(text) as T;
  }

  async write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    const count = Math.max(1, Math.ceil(text.length / this.chunkChars));
    const previous = (await this.storage.get<number>(COUNT_KEY)) ?? 0;
    const entries: Record<string, string | number> = { [COUNT_KEY]: count };
    for (let i = 0; i < count; i++) entries[chunkKey(i)] = text.slice(i * this.chunkChars, (i + 1) * this.chunkChars);
    const stale = Array.from({ length: Math.max(0, previous - count) }, (_, i) => chunkKey(count + i));
    // Every call is issued before any is awaited: the runtime coalesces writes with no await between them
    // into one atomic commit, so a reader never sees new chunks under an old count or the reverse.
    const writes: Array<Promise<unknown>> = batches(Object.entries(entries)).map((batch) => this.storage.put(Object.fromEntries(batch)));
    for (const batch of batches(stale)) writes.push(this.storage.delete(batch));
    await Promise.all(writes);
  }
}
