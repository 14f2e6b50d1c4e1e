/**
 * Expiry, checked in this one place when a record is read: a session unused past SESSION_TTL_DAYS (and the drafts
 * made from it), a tool draft unchanged past DRAFT_RETENTION_DAYS. The stores' own sweeps (Node hourly, the
 * Workers alarm) remove the same records by the same rule (src/store/retention.ts) when nobody reads them.
 */
import { isExpired } from '../store/retention.js';
import type { DraftRecord, SessionRecord } from '../store/store.js';
import type { Deps } from './deps.js';

/** Whether a tool draft (one made without a session) is past DRAFT_RETENTION_DAYS. */
export const toolDraftExpired = (deps: Deps, draft: DraftRecord): boolean => isExpired(draft, deps.now(), deps.config.DRAFT_RETENTION_DAYS);

/**
 * The session if it is still in use; one past SESSION_TTL_DAYS is removed now, with its drafts, and reads as none.
 * @example const session = await liveSession(deps, id) // undefined: unknown or expired
 */
export async function liveSession(deps: Deps, id: string): Promise<SessionRecord | undefined> {
  const record = await deps.store.getSession(id);
  if (record && isExpired(record, deps.now(), deps.config.SESSION_TTL_DAYS)) {
    await deps.store.deleteSession(id);
    return undefined;
  }
  return record;
}
