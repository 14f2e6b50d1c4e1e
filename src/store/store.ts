/** Storage of drafts and sessions behind one small interface; lowdb holds the data on every runtime. */
import type { Adapter } from 'lowdb';
import { Low } from 'lowdb';
import type { FactSheet } from '../domain/fact-sheet.js';
import type { DraftWarning, FigureReport } from '../domain/figure-guard.js';
import type { Outline } from '../domain/outline.js';

export interface DraftVersion {
  version: number;
  markdown: string;
  createdAt: string;
  /** compose (a composer wrote it), edit (a person saved it), rewrite (one part rewritten). */
  source: 'compose' | 'edit' | 'rewrite';
  composer: string;
  warnings: DraftWarning[];
  figures: FigureReport;
}

export interface DraftRecord {
  id: string;
  type: string;
  facts: FactSheet;
  outline: Outline;
  versions: DraftVersion[];
  sessionId?: string;
  createdAt: string;
  updatedAt: string;
}

/** A dialogue session; its shape belongs to the dialogue, the store keeps it whole. */
export interface SessionRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

export interface Store {
  getDraft(id: string): Promise<DraftRecord | undefined>;
  saveDraft(draft: DraftRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  saveSession(session: SessionRecord): Promise<void>;
  deleteSession(id: string): Promise<boolean>;
  /** Removes sessions last used before `cutoff` (ISO time) and their drafts; answers how many. Node sweeps with it. */
  removeSessionsBefore?(cutoff: string): Promise<number>;
  /** Removes drafts made without a session (tool drafts) last changed before `cutoff`; answers how many. */
  removeToolDraftsBefore?(cutoff: string): Promise<number>;
}

/**
 * A write the storage could not make: the disk is full, the data cap (DATA_MAX_MB) is reached, or the device
 * failed. The record was not kept; the API answers 507 with the code and this (Chinese) message.
 */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: 'storage_full' | 'storage_error',
    message: string,
  ) {
    super(message);
  }
}

export interface DbShape {
  drafts: Record<string, DraftRecord>;
  sessions: Record<string, SessionRecord>;
}

export const emptyDb = (): DbShape => ({ drafts: {}, sessions: {} });

/**
 * Records leave the store as copies, so a caller can change what it read and save it back (or not) without
 * touching stored data. What is saved becomes the store's: callers don't use an object after saving it.
 */
const copy = <T>(value: T): T => structuredClone(value);

/**
 * A Store over any lowdb adapter (a JSON file on Node, a Durable Object on Workers, memory in tests).
 * @example const store = await createLowStore(new Memory<DbShape>())
 */
/**
 * An adapter that is told which records a write changes, so it need not look at every record to find them (the
 * Node journal: a save's cost then does not grow with the database).
 */
export interface ChangeTracking {
  changed(kind: keyof DbShape, id: string): void;
}

export async function createLowStore(adapter: Adapter<DbShape>): Promise<Store> {
  const db = new Low<DbShape>(adapter, emptyDb());
  await db.read();
  db.data ??= emptyDb();
  db.data.drafts ??= {};
  db.data.sessions ??= {};
  const data = db.data;
  const tracking = typeof (adapter as Partial<ChangeTracking>).changed === 'function' ? (adapter as unknown as ChangeTracking) : undefined;
  const changed = (kind: keyof DbShape, id: string) => tracking?.changed(kind, id);
  /** Removes a session's drafts (all drafts are looked at: deleting is rare, saving is not). */
  const removeDraftsOf = (sessions: Set<string>) => {
    for (const [draftId, draft] of Object.entries(data.drafts)) {
      if (draft.sessionId && sessions.has(draft.sessionId)) {
        delete data.drafts[draftId];
        changed('drafts', draftId);
      }
    }
  };
  return {
    async getDraft(id) {
      return Object.hasOwn(data.drafts, id) ? copy(data.drafts[id]) : undefined;
    },
    async saveDraft(draft) {
      data.drafts[draft.id] = draft;
      changed('drafts', draft.id);
      await db.write();
    },
    async getSession(id) {
      return Object.hasOwn(data.sessions, id) ? copy(data.sessions[id]) : undefined;
    },
    async saveSession(session) {
      data.sessions[session.id] = session;
      changed('sessions', session.id);
      await db.write();
    },
    async deleteSession(id) {
      if (!Object.hasOwn(data.sessions, id)) return false;
      delete data.sessions[id];
      changed('sessions', id);
      removeDraftsOf(new Set([id]));
      await db.write();
      return true;
    },
    async removeSessionsBefore(cutoff) {
      const gone = new Set(Object.values(data.sessions).filter((s) => typeof s.updatedAt === 'string' && s.updatedAt < cutoff).map((s) => s.id));
      if (!gone.size) return 0;
      for (const id of gone) {
        delete data.sessions[id];
        changed('sessions', id);
      }
      removeDraftsOf(gone);
      await db.write();
      return gone.size;
    },
    async removeToolDraftsBefore(cutoff) {
      const gone = Object.values(data.drafts).filter((d) => !d.sessionId && typeof d.updatedAt === 'string' && d.updatedAt < cutoff);
      if (!gone.length) return 0;
      for (const draft of gone) {
        delete data.drafts[draft.id];
        changed('drafts', draft.id);
      }
      await db.write();
      return gone.length;
    },
  };
}
