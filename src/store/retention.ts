/** Retention: a session (and the drafts made from it) unused for SESSION_TTL_DAYS is gone. Pure. */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The oldest `updatedAt` still kept at `now`.
 * @example expiryCutoff(new Date('2025-03-31T00:00:00Z'), 30) // '2025-03-01T00:00:00.000Z'
 */
export function expiryCutoff(now: Date, ttlDays: number): string {
  return new Date(now.getTime() - ttlDays * DAY_MS).toISOString();
}

/**
 * Whether a session was last used longer ago than the time to live. A record without a readable time is
 * kept: retention must never remove data by mistake.
 * @example isExpired({ updatedAt: '2025-01-01T00:00:00Z' }, new Date('2025-03-01T00:00:00Z'), 30) // true
 */
export function isExpired(record: { updatedAt?: unknown }, now: Date, ttlDays: number): boolean {
  const used = typeof record.updatedAt === 'string' ? Date.parse(record.updatedAt) : Number.NaN;
  return Number.isFinite(used) && now.getTime() - used > ttlDays * DAY_MS;
}
