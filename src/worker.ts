/**
 * Workers entry: the same app as on Node, with the report types bundled at build time
 * (src/generated/prompt-files.ts) and drafts and sessions kept in Durable Objects, one per record.
 */
import { ConfigError, parseConfig, retentionSettings } from './config.js';
import { loadReportTypes } from './domain/report-types.js';
import { promptFiles } from './generated/prompt-files.js';
import { createApp, type App } from './http/app.js';
import { buildParts } from './parts.js';
import { durableObjectRateLimiters, type BucketNamespace } from './workers/rate-limit-object.js';
import { StoreShardBase } from './workers/durable-object-shard.js';
import { createDurableObjectStore, type ShardNamespace } from './workers/durable-object-store.js';

/** The shard Workers instantiates (wrangler.toml), with its retention read from the configuration here. */
export class StoreShard extends StoreShardBase {
  protected retention() {
    return retentionSettings(this.env);
  }
}
export { RateLimitBucket } from './workers/rate-limit-object.js';

/** Bindings (wrangler.toml) plus vars and secrets (CONTRACTS.md §4). */
export interface Env {
  STORE: ShardNamespace;
  /** One Durable Object per rate-limit bucket: every isolate counts against the same one. */
  RATE_LIMITS: BucketNamespace;
  [name: string]: unknown;
}

/** Built on the first request and kept for the isolate's life: an isolate's bindings and vars never change. */
let app: App | undefined;

function appFor(env: Env): App {
  if (app) return app;
  const config = parseConfig(env);
  const reportTypes = loadReportTypes(promptFiles);
  const log = (line: Record<string, unknown>) => console.log(JSON.stringify(line));
  // LOG_REQUESTS=0 (the tests' default) drops the one line per request; errors are logged all the same.
  const quiet = !config.LOG_REQUESTS;
  app = createApp({
    ...buildParts(config, reportTypes),
    store: createDurableObjectStore(env.STORE),
    log: quiet ? (line) => void (line.level === 'error' && log(line)) : log,
    rateLimiters: durableObjectRateLimiters(env.RATE_LIMITS, log),
    // No Host check: Cloudflare routes to the Worker only the hosts configured for it (workers.dev, its routes).
    serverHost: null,
  });
  return app;
}

/** A broken deployment (bad vars, broken prompts/) answers one clear JSON error instead of an exception page. */
function startupError(error: unknown): Response {
  const known = error instanceof ConfigError || (error as Error)?.name === 'ReportTypeError';
  console.error(known ? (error as Error).message : `启动失败：${(error as Error)?.message ?? error}`);
  const message = known ? `服务配置有误：${(error as Error).message}` : '服务启动失败，请查看 Worker 日志';
  return Response.json({ error: { code: 'misconfigured', message } }, { status: 500 });
}

export default {
  fetch(request: Request, env: Env, ctx: unknown): Response | Promise<Response> {
    let current: App;
    try {
      current = appFor(env);
    } catch (error) {
      return startupError(error);
    }
    return current.fetch(request, env, ctx as never);
  },
};
