/**
 * CORS for the browsers of ALLOWED_ORIGINS: the same headers as Hono's `cors()` with our options, but written on
 * the finished response (response-headers.ts) instead of through `c.res` before the route, which made Hono copy
 * every response once more.
 */
import type { MiddlewareHandler } from 'hono';
import { setResponseHeader } from './response-headers.js';

const ALLOW_METHODS = 'GET,POST,PUT,DELETE';
const ALLOW_HEADERS = 'Content-Type,Accept,Authorization';
/** Readable by a page: the file name of an export, and how long to wait after a 429. */
const EXPOSE_HEADERS = 'Content-Disposition,Retry-After';
const MAX_AGE = '600';

/**
 * Browsers on other sites may call only from `allowed` origins; with none listed, same origin only (no
 * Access-Control-Allow-Origin). Preflights (OPTIONS) are answered here, 204, for any origin: the request that
 * follows meets the /api gate (access.ts), whose 403 for an origin not allowed carries Allow-Origin itself, so the
 * page can read why ("这个网站未获准…") instead of seeing a network failure. No other answer to such an origin does.
 * @example app.use('/api/*', corsFor(() => config.ALLOWED_ORIGINS))
 */
export function corsFor(allowed: () => readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin') || '';
    const allowOrigin = allowed().includes(origin) ? origin : null;
    if (c.req.method === 'OPTIONS') {
      const headers = new Headers();
      if (origin) headers.set('Access-Control-Allow-Origin', origin);
      headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
      headers.append('Vary', 'Origin');
      headers.set('Access-Control-Max-Age', MAX_AGE);
      headers.set('Access-Control-Allow-Methods', ALLOW_METHODS);
      headers.set('Access-Control-Allow-Headers', ALLOW_HEADERS);
      headers.append('Vary', 'Access-Control-Request-Headers');
      return new Response(null, { headers, status: 204, statusText: 'No Content' });
    }
    await next();
    if (allowOrigin) setResponseHeader(c, 'Access-Control-Allow-Origin', allowOrigin);
    setResponseHeader(c, 'Access-Control-Expose-Headers', EXPOSE_HEADERS);
    setResponseHeader(c, 'Vary', 'Origin', true);
  };
}
