/** The router every resource uses: our env, and our validation hook turning zod issues into the one error shape. */
import { OpenAPIHono, type RouteConfig, type RouteHandler } from '@hono/zod-openapi';
import { toFieldIssues } from '../domain/fact-sheet.js';
import type { ServiceParts } from '../services/deps.js';
import type { RateLimiterFactory } from '../services/rate-limiter.js';
import { errorJson, validationError } from './errors.js';

/** The services' parts (src/services/deps.ts) plus what only the http layer uses. */
export interface AppDeps extends ServiceParts {
  /**
   * The built widget script for GET /widget.js. Node passes it; on Workers it is a static asset served before the
   * Worker runs (wrangler.toml [assets]), which keeps ~25 KiB out of the Worker bundle.
   */
  widget?: { script: string; hash: string } | null;
  /**
   * The address Node listens on, for the Host check against DNS rebinding (src/http/middleware/host-check.ts).
   * null turns the check off: on Workers, Cloudflare routes only the hosts configured for the Worker.
   * Default: 127.0.0.1 (tests' app.request uses http://localhost/, which is allowed).
   */
  serverHost?: string | null;
  /** Where rate limits are counted; default: in memory (one count per process). */
  rateLimiters?: RateLimiterFactory;
}

export type Deps = Required<AppDeps>;
export type AppEnv = { Variables: { deps: Deps } };

/**
 * A handler typed from its route's contract (src/http/routes/<resource>/<resource>.routes.ts): what it may read
 * and the statuses and bodies it may answer, so it cannot drift from the document.
 * @example export const getOne: AppRouteHandler<typeof routes.getOne> = async (c) => { … }
 */
export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      // The validator passes the value it checked as `data` (not in its type): it tells 缺少 from 类型不对.
      if (!result.success) return errorJson(c, validationError(toFieldIssues(result.error, (result as { data?: unknown }).data)));
    },
  });
}
