/**
 * The one place that builds the app: middleware, the error handler, and every resource's routes, from
 * injected parts. `src/node.ts` and `src/worker.ts` build the parts for their runtime; tests build them in memory.
 */
import { useChineseMessages } from '../domain/validation-messages.js';
import { ApiError, errorJson, toApiError } from './errors.js';
import { createRouter, type AppDeps, type Deps } from './router.js';
import { consolidationRoutes } from './routes/consolidations/consolidations.index.js';
import { docsRoutes } from './routes/docs/docs.index.js';
import { draftRoutes } from './routes/drafts/drafts.index.js';
import { importRoutes } from './routes/imports/imports.index.js';
import { IMPORT_UPLOAD_LIMIT } from './routes/imports/imports.routes.js';
import { proofreadRoutes } from './routes/proofread/proofread.index.js';
import { reportTypeRoutes } from './routes/report-types/report-types.index.js';
import { sessionRoutes } from './routes/sessions/sessions.index.js';
import { widgetRoutes } from './routes/widget/widget.index.js';
import { randomId } from '../domain/ids.js';
import { offlineParser } from '../dialogue/offline-parser.js';
import { CONSOLIDATION_LIMITS } from '../consolidate/consolidate-files.js';
import { accessControl } from './middleware/access.js';
import { BEARER, securitySchemes, withReportTypes } from './openapi/parts.js';
import { staticAnswer } from './static-answer.js';
import { corsFor } from './middleware/cors.js';
import { allowedHostNames, hostCheck } from './middleware/host-check.js';
import { requestBodyGate } from './middleware/request-body.js';
import { setResponseHeader } from './middleware/response-headers.js';
import { createRateLimiter } from '../services/rate-limiter.js';
import { requestLogLine } from './middleware/request-log.js';

useChineseMessages();

export type { AppDeps } from './router.js';

const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: '公文起草助手 API',
    version: '1.0.0',
    description: '根据事实表起草教育系统工作总结、工作计划、工作要点；所有数字均来自用户提供的事实。错误一律为 4xx JSON：{ error: { code, message, issues? } }，message 为中文。',
    // package.json: private, no licence granted.
    license: { name: 'UNLICENSED（未授权公开使用）', identifier: 'LicenseRef-UNLICENSED' },
  },
  // Relative: the API is wherever this document is served from (a deployment's own address).
  servers: [{ url: '/', description: '本服务（与本文档同一地址）' }],
};

/** Request bodies above this answer 413 (JSON); uploads have their own, larger limit. */
export const JSON_BODY_LIMIT = 256 * 1024;

/**
 * Builds the Hono app.
 * @example const app = createApp({ store, reportTypes, composer: offlineComposer, config: parseConfig({}) })
 */
export function createApp(deps: AppDeps) {
  const full: Deps = {
    now: () => new Date(),
    newId: randomId,
    answerParser: offlineParser,
    pieceRewriter: null,
    wordingChecker: null,
    widget: null,
    log: () => {},
    // In memory, on the injected clock; Workers passes Durable Object buckets instead.
    rateLimiters: (_scope, perMinute) => createRateLimiter({ perMinute, now: () => full.now().getTime() }),
    serverHost: '127.0.0.1',
    ...deps,
  };
  const app = createRouter();
  app.use('*', async (c, next) => {
    c.set('deps', full);
    const started = Date.now();
    await next();
    setResponseHeader(c, 'X-Content-Type-Options', 'nosniff');
    full.log({ ...requestLogLine(c, started) });
  });
  // DNS rebinding: only the hosts this server answers to (Node; Workers passes null, Cloudflare routes by host).
  if (full.serverHost !== null) app.use('*', hostCheck(allowedHostNames(full.config, full.serverHost)));
  // Browsers on other sites may call the API only from ALLOWED_ORIGINS; unset, same origin only (no CORS headers).
  const allowOrigin = corsFor(() => full.config.ALLOWED_ORIGINS);
  app.use('/api/*', allowOrigin);
  app.use('/openapi.json', allowOrigin);
  // Keys for tool routes, origins for the widget's, rate limits for all (src/http/middleware/access.ts).
  app.use('/api/*', accessControl(full.config, full.rateLimiters));
  // JSON only (415) and size limits (413), in one pass (src/http/middleware/request-body.ts).
  app.use('/api/*', requestBodyGate({ json: JSON_BODY_LIMIT, upload: IMPORT_UPLOAD_LIMIT, consolidation: CONSOLIDATION_LIMITS.totalBytes }));
  // One router per resource (src/http/routes/<resource>/<resource>.index.ts); the document lists their paths in this order.
  app.route('/', reportTypeRoutes());
  app.route('/', draftRoutes());
  app.route('/', proofreadRoutes());
  app.route('/', sessionRoutes());
  app.route('/', importRoutes());
  app.route('/', consolidationRoutes());
  app.route('/', docsRoutes());
  app.route('/', widgetRoutes());
  // Built once, when first asked for (the routes are fixed by then), with the loaded report types as enums.
  app.openAPIRegistry.registerComponent('securitySchemes', BEARER, securitySchemes[BEARER]);
  let spec: string | undefined;
  app.get('/openapi.json', (c) => {
    spec ??= JSON.stringify(withReportTypes(app.getOpenAPI31Document(OPENAPI_INFO), [...full.reportTypes.keys()]));
    return staticAnswer(c, spec, { contentType: 'application/json', cacheControl: 'no-cache' });
  });
  app.notFound((c) => errorJson(c, new ApiError(404, 'not_found', '没有这个地址，请查看 /docs 中的接口说明')));
  app.onError((error, c) => {
    const api = toApiError(error);
    if (api.status >= 500) full.log({ level: 'error', route: c.req.routePath, error: (error as Error)?.name ?? 'Error' });
    return errorJson(c, api);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
