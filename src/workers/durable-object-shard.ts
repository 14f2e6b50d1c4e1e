/**
 * The Durable Object that holds one shard of the data: the records whose id names it, in lowdb over the
 * object's own storage. Called by RPC from src/workers/durable-object-store.ts; Workers only.
 */
import { DurableObject } from 'cloudflare:workers';
import { Low } from 'lowdb';
import type { RetentionSettings } from '../config.js';
import { DurableObjectAdapter } from './durable-object-adapter.js';
import { isExpired } from '../store/retention.js';
import type { DraftRecord, SessionRecord } from '../store/store.js';

interface ShardData {
  drafts: Record<string, DraftRecord>;
  sessions: Record<string, SessionRecord>;
  /** session id → ids of the drafts made from it, which live in their own shards: deleted with the session. */
  sessionDrafts: Record<string, string[]>;
}

const emptyShard = (): ShardData => ({ drafts: {}, sessions: {}, sessionDrafts: {} });

/** The RPC surface, also what the router in durable-object-store.ts calls. */
export interface ShardRpc {
  getDraft(id: string): Promise<DraftRecord | undefined>;
  saveDraft(draft: DraftRecord): Promise<void>;
  deleteDraft(id: string): Promise<boolean>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  saveSession(session: SessionRecord): Promise<void>;
  /** Deletes the session; answers the ids of its drafts (to delete in their shards), or null when there was none. */
  deleteSession(id: string): Promise<string[] | null>;
  linkDraft(sessionId: string, draftId: string): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The binding a shard needs to reach the others (to delete a session's drafts). */
interface ShardEnv {
  STORE: { idFromName(name: string): unknown; get(id: never): unknown };
  [name: string]: unknown;
}

/** The shard's logic; the Workers entry (src/worker.ts) names the class and passes the retention settings in. */
export abstract class StoreShardBase extends DurableObject<ShardEnv> implements ShardRpc {
  private readonly db = new Low<ShardData>(new DurableObjectAdapter<ShardData>(this.ctx.storage), emptyShard());

  constructor(ctx: DurableObjectState, env: ShardEnv) {
    super(ctx, env);
    // Requests wait until the shard is loaded; from then on lowdb serves reads from memory.
    void ctx.blockConcurrencyWhile(async () => {
      await this.db.read();
      this.db.data = { ...emptyShard(), ...(this.db.data ?? {}) };
    });
  }

  async getDraft(id: string) {
    return Object.hasOwn(this.db.data.drafts, id) ? this.db.data.drafts[id] : undefined;
  }

  async saveDraft(draft: DraftRecord) {
    this.db.data.drafts[draft.id] = draft;
    await this.db.write();
    if (!draft.sessionId) await this.scheduleExpiry(); // a tool draft expires on its own (DRAFT_RETENTION_DAYS)
  }

  async deleteDraft(id: string) {
    if (!Object.hasOwn(this.db.data.drafts, id)) return false;
    delete this.db.data.drafts[id];
    await this.db.write();
    return true;
  }

  async getSession(id: string) {
    return Object.hasOwn(this.db.data.sessions, id) ? this.db.data.sessions[id] : undefined;
  }

  async saveSession(session: SessionRecord) {
    this.db.data.sessions[session.id] = session;
    await this.db.write();
    await this.scheduleExpiry();
  }

  /** Workers has no sweep like Node's: each shard wakes itself when its session (or tool draft) is due to expire. */
  async alarm() {
    const now = new Date();
    const { draftDays } = this.retention();
    for (const draft of Object.values(this.db.data.drafts)) {
      if (!draft.sessionId && isExpired(draft, now, draftDays)) await this.deleteDraft(draft.id);
    }
    for (const session of Object.values(this.db.data.sessions)) {
      if (!isExpired(session, now, this.retention().sessionDays)) continue;
      const drafts = (await this.deleteSession(session.id)) ?? [];
      await Promise.all(
        drafts.map((id) => (this.env.STORE.get(this.env.STORE.idFromName(`draft:${id}`) as never) as ShardRpc).deleteDraft(id)),
      );
    }
    await this.scheduleExpiry();
  }

  /** How long sessions and tool drafts are kept (SESSION_TTL_DAYS, DRAFT_RETENTION_DAYS). */
  protected abstract retention(): RetentionSettings;

  /** One alarm per object, at the earliest expiry of the sessions and tool drafts it holds (none: no alarm). */
  private async scheduleExpiry() {
    const { sessionDays, draftDays } = this.retention();
    const due = (updatedAt: unknown, days: number) => (typeof updatedAt === 'string' ? Date.parse(updatedAt) + days * DAY_MS : Number.NaN);
    const times = [
      ...Object.values(this.db.data.sessions).map((s) => due(s.updatedAt, sessionDays)),
      ...Object.values(this.db.data.drafts).filter((d) => !d.sessionId).map((d) => due(d.updatedAt, draftDays)),
    ].filter(Number.isFinite);
    if (!times.length) return this.ctx.storage.deleteAlarm();
    // Just past the TTL, so isExpired (strictly greater) holds when the alarm runs.
    await this.ctx.storage.setAlarm(Math.min(...times) + 1000);
  }

  async deleteSession(id: string) {
    if (!Object.hasOwn(this.db.data.sessions, id)) return null;
    const drafts = this.db.data.sessionDrafts[id] ?? [];
    delete this.db.data.sessions[id];
    delete this.db.data.sessionDrafts[id];
    await this.db.write();
    return drafts;
  }

  async linkDraft(sessionId: string, draftId: string) {
    const linked = (this.db.data.sessionDrafts[sessionId] ??= []);
    if (linked.includes(draftId)) return;
    linked.push(draftId);
    await this.db.write();
  }
}

type DurableObjectState = ConstructorParameters<typeof DurableObject>[0];
