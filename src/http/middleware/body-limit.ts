/** Request body size limits that read the declared length first, so the body itself is left for the route to read. */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Like Hono's `bodyLimit`, which decides by Content-Length too when there is one, but without touching the request
 * body first: on @hono/node-server that touch builds a full web Request and stream around the socket, where the
 * route's `c.req.json()` would otherwise read the bytes directly. A body without a declared length (chunked) is
 * counted by Hono's `bodyLimit` as before.
 * @example app.use('/api/*', declaredBodyLimit(256 * 1024, () => { throw new ApiError(413, …) }))
 */
export function declaredBodyLimit(maxSize: number, onError: (c: Context) => never): MiddlewareHandler {
  const counting = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next(); // a web Request never carries a body for these
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return parseInt(length || '0', 10) > maxSize ? onError(c) : next();
    }
    return counting(c, next);
  };
}
