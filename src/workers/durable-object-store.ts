/**
 * The Store on Workers: each record lives in the Durable Object named after it (`draft:<id>`,
 * `session:<id>`), so load spreads over as many objects as there are records instead of queueing on one.
 */
import type { ShardRpc } from './durable-object-shard.js';
import { StorageError, type Store } from '../store/store.js';

/** A failed write to a Durable Object (storage over its limits, an object reset) answers 507 like a full disk on Node. */
async function saved<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    throw new StorageError('storage_error', `数据保存失败（Durable Object 存储出错：${(error as Error)?.name ?? 'Error'}），这次的内容未保存，请稍后重试。`);
  }
}

/** The part of a DurableObjectNamespace binding the store uses. */
export interface ShardNamespace {
  idFromName(name: string): unknown;
  get(id: never): unknown;
}

export const draftShard = (id: string) => `draft:${id}`;
export const sessionShard = (id: string) => `session:${id}`;

/**
 * @example const store = createDurableObjectStore(env.STORE)
 */
export function createDurableObjectStore(namespace: ShardNamespace): Store {
  // A stub is cheap and holds no data; one per call keeps nothing stale if an object is reset.
  const shard = (name: string) => namespace.get(namespace.idFromName(name) as never) as ShardRpc;
  return {
    getDraft: (id) => shard(draftShard(id)).getDraft(id),
    async saveDraft(draft) {
      await saved(shard(draftShard(draft.id)).saveDraft(draft));
      if (draft.sessionId) await saved(shard(sessionShard(draft.sessionId)).linkDraft(draft.sessionId, draft.id));
    },
    getSession: (id) => shard(sessionShard(id)).getSession(id),
    saveSession: (session) => saved(shard(sessionShard(session.id)).saveSession(session)),
    async deleteSession(id) {
      const drafts = await shard(sessionShard(id)).deleteSession(id);
      if (drafts === null) return false;
      await Promise.all(drafts.map((draftId) => shard(draftShard(draftId)).deleteDraft(draftId)));
      return true;
    },
  };
}
