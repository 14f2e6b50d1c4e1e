/** Adds headers to the finished response in place, so middleware that run after the route do not copy the response. */
import type { Context } from 'hono';

/**
 * Sets (or appends) a header on `c.res` after the route has answered. Hono's `c.header()` at that point rebuilds
 * the response around its body; on @hono/node-server that turns a string body into a stream and loses the direct
 * write (about a third of a small JSON request's time). Responses we build have mutable headers; one with
 * immutable headers (a `fetch()` result) falls back to Hono's copy.
 * @example await next(); setResponseHeader(c, 'X-Content-Type-Options', 'nosniff')
 */
export function setResponseHeader(c: Context, name: string, value: string, append = false): void {
  try {
    if (append) c.res.headers.append(name, value);
    else c.res.headers.set(name, value);
  } catch {
    c.header(name, value, { append });
  }
}
