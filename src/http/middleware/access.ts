/**
 * Who may call what under /api. Tool-facing routes (POST /api/drafts, POST /api/imports, POST /api/proofread, and a draft made
 * without a session) need `Authorization: Bearer <key>` when API_KEYS is set. The widget's routes (sessions,
 * and drafts made from a session) hold no secret: their unguessable id is the capability, browsers may call
 * them only from ALLOWED_ORIGINS (or the same origin), and every client is rate limited.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Config } from '../../config.js';
import { ID_PATTERN } from '../../domain/ids.js';
import { liveSession, toolDraftExpired } from '../../services/expiry.js';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../router.js';
import { bearerToken, matchingKey } from './api-keys.js';
import { clientAddress, clientBucket } from './client-address.js';
import type { RateLimiterFactory } from '../../services/rate-limiter.js';

type Access = 'public' | 'widget' | 'tool' | 'open';

const unauthorized = () =>
  new ApiError(401, 'unauthorized', '需要有效的 API 密钥：请在请求头中加入 Authorization: Bearer <密钥>（密钥由管理员在 API_KEYS 中配置）', undefined, {
    'WWW-Authenticate': 'Bearer realm="report-drafter"',
  });
/** Readable by the refused page (Allow-Origin its own): it can say the site is not allowed, not "no network". */
const forbiddenOrigin = (origin: string) =>
  new ApiError(403, 'origin_not_allowed', '这个网站未获准调用起草助手：请联系管理员把它的地址加入 ALLOWED_ORIGINS', undefined, {
    'Access-Control-Allow-Origin': origin,
  });
const tooMany = (seconds: number) =>
  new ApiError(429, 'rate_limited', `请求过于频繁，请 ${seconds} 秒后再试`, undefined, { 'Retry-After': String(seconds) });
const gone = () => new ApiError(404, 'not_found', '稿件不存在或已过期，请检查链接或重新开始');

/** A browser's Origin is allowed when listed, or (unlisted) when it is this server's own host. */
export function originAllowed(origin: string, requestUrl: string, allowed: readonly string[]): boolean {
  if (allowed.includes(origin)) return true;
  try {
    // Host only: behind a TLS-terminating proxy the page is https:// while this server sees http://.
    return origin !== 'null' && new URL(origin).host === new URL(requestUrl).host;
  } catch {
    return false;
  }
}

/** The draft id of /api/drafts/:id and anything under it. */
const draftIdOf = (path: string) => /^\/api\/drafts\/([^/]+)/.exec(path)?.[1];

/**
 * Which kind of route a request is; for a stored draft, whether it came from a session. A session draft whose
 * session has expired is removed with it (by the services' expiry check), so no route serves it.
 */
async function classify(c: Context<AppEnv>): Promise<Access> {
  const path = c.req.path;
  if (path === '/api/report-types' || path.startsWith('/api/report-types/')) return 'public';
  if (path === '/api/sessions' || path.startsWith('/api/sessions/')) return 'widget';
  if (path === '/api/drafts' || path === '/api/imports' || path === '/api/proofread') return 'tool';
  const draftId = draftIdOf(path);
  if (draftId === undefined) return 'open'; // no such route: the 404 answers
  if (!ID_PATTERN.test(draftId)) return 'widget'; // not an id we issue: the route answers 404 without a look-up
  const deps = c.get('deps');
  const draft = await deps.store.getDraft(draftId);
  if (!draft) return 'widget'; // the route answers 404, with or without a key
  if (!draft.sessionId) {
    // A tool draft past DRAFT_RETENTION_DAYS is gone (the Node sweep or the Workers alarm removes it).
    if (toolDraftExpired(deps, draft)) throw gone();
    return 'tool';
  }
  // Expiry is the services' (src/services/expiry.ts): an expired session is removed there, with its drafts.
  if (!(await liveSession(deps, draft.sessionId))) throw gone();
  return 'widget';
}

/**
 * The /api/* gate: rate limit (per key, else per client), then origin, then key. `limiters` keeps the counts: in
 * memory on Node, in Durable Objects on Workers.
 * @example app.use('/api/*', accessControl(config, (scope, perMinute) => createRateLimiter({ perMinute })))
 */
export function accessControl(config: Config, limiters: RateLimiterFactory): MiddlewareHandler<AppEnv> {
  const perClient = limiters('client', config.RATE_LIMIT_PER_MINUTE);
  const perKey = limiters('key', config.KEY_RATE_LIMIT_PER_MINUTE);
  const keys = config.API_KEYS;
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next(); // preflights: CORS has answered them
    const keyIndex = matchingKey(bearerToken(c.req.header('authorization')), keys);
    const keyed = keyIndex >= 0;
    // Limited before anything is looked up, so a flood of bad keys or ids costs nothing but the bucket.
    const address = keyed ? undefined : clientAddress(c, config.CLIENT_IP_HEADER);
    // An in-process call (tests' app.request) has no address: nothing to count it under.
    const decision = keyed ? await perKey.take(`key#${keyIndex}`) : address ? await perClient.take(clientBucket(address)) : { ok: true, retryAfter: 0 };
    if (!decision.ok) throw tooMany(decision.retryAfter);
    const access = await classify(c);
    if (access === 'public' || keyed) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && !originAllowed(origin, c.req.url, config.ALLOWED_ORIGINS)) throw forbiddenOrigin(origin);
    if (access === 'tool' && keys.length) throw unauthorized();
    return next();
  };
}
