/** The router every resource uses: our env, and our validation hook turning zod issues into the one error shape. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Composer } from '../compose/draft-events.js';
import type { Config } from '../config.js';
import { toFieldIssues } from '../domain/fact-sheet.js';
import type { ReportType } from '../domain/report-types.js';
import type { AnswerParser } from '../dialogue/answer-parser.js';
import type { Store } from '../store/store.js';
import type { RateLimiterFactory } from './middleware/rate-limiter.js';
import { errorJson, validationError } from './errors.js';

export interface AppDeps {
  store: Store;
  reportTypes: Map<string, ReportType>;
  /** Writes drafts: the offline composer, or the model composer when one is configured. */
  composer: Composer;
  config: Config;
  /** Current time; injected so tests control it. */
  now?: () => Date;
  /** New ids; injected so tests control them. */
  newId?: () => string;
  /** One line per request, without facts or keys; silent when absent. */
  log?: (line: Record<string, unknown>) => void;
  /** Reads dialogue answers: tried first, the offline parser stays the fallback; default: the offline parser. */
  answerParser?: AnswerParser;
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

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      // The validator passes the value it checked as `data` (not in its type): it tells 缺少 from 类型不对.
      if (!result.success) return errorJson(c, validationError(toFieldIssues(result.error, (result as { data?: unknown }).data)));
    },
  });
}
