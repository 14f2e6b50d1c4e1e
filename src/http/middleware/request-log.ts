/**
 * One structured line per request: method, route pattern, status, milliseconds, and the first 6 characters of
 * a session or draft id (enough to follow one user's requests, too few to open their data). Never a body, a
 * query string, a header or a key: facts, answers and keys stay out of logs.
 */
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/** Characters of an id a log line keeps. */
export const ID_PREFIX = 6;

export interface RequestLogLine {
  method: string;
  route: string;
  status: number;
  ms: number;
  /** `s:abc123` for a session, `d:abc123` for a draft. */
  id?: string;
}

/**
 * @example requestLogLine(c, started) // { method: 'POST', route: '/api/sessions/:id/messages', status: 200, ms: 3, id: 's:Q2hhbm' }
 */
export function requestLogLine(c: Context, started: number): RequestLogLine {
  const match = /^\/api\/(sessions|drafts)\/([A-Za-z0-9_-]+)/.exec(c.req.path);
  // The pattern of the route that would answer (also when a middleware refused first), never the raw path
  // (it may hold a whole id); a path no route matches logs as '*'.
  const route = matchedRoutes(c).filter((r) => r.method !== 'ALL').at(-1)?.path ?? '*';
  return {
    method: c.req.method.slice(0, 16),
    route,
    status: c.res.status,
    ms: Date.now() - started,
    ...(match ? { id: `${match[1] === 'sessions' ? 's' : 'd'}:${match[2].slice(0, ID_PREFIX)}` } : {}),
  };
}
