/**
 * The /api/* gate for request bodies, in one pass: JSON only (415) except uploads to /api/imports and
 * /api/consolidations, a size limit (413): 256 KiB for JSON, larger limits for the multipart uploads; and JSON text
 * decoded by its declared charset, with invalid bytes and lone surrogates refused (400, src/http/middleware/json-text.ts).
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';
import { declaredBodyLimit } from './body-limit.js';
import { decodeJsonBody } from './json-text.js';

/**
 * A request that says it carries no body: `Content-Length: 0`, or (as curl -X POST sends it) neither a length,
 * a chunked transfer nor a content type. Routes without a body (POST /api/sessions/:id/draft) accept it; routes
 * that need one answer 400 naming the missing fields.
 */
const withoutBody = (header: (name: string) => string | undefined) =>
  header('content-length') === '0' || (header('content-length') === undefined && header('transfer-encoding') === undefined && header('content-type') === undefined);

/**
 * One middleware rather than two: every /api request passes here, and each layer of Hono's chain costs a little.
 * @example app.use('/api/*', requestBodyGate({ json: 256 * 1024, upload: 8 * 1024 * 1024 }))
 */
export function requestBodyGate(limits: { json: number; upload: number; consolidation?: number }): MiddlewareHandler {
  const jsonLimit = declaredBodyLimit(limits.json, () => {
    throw new ApiError(413, 'payload_too_large', `请求内容超过 ${limits.json / 1024} KiB 上限，请精简后重试`);
  });
  const uploadLimit = declaredBodyLimit(limits.upload, () => {
    throw new ApiError(413, 'payload_too_large', `上传的文件超过 ${limits.upload / 1024 / 1024} MiB 上限`);
  });
  // Several schools' reports uploaded at once to /api/consolidations: their own, larger total.
  const consolidationLimit = declaredBodyLimit(limits.consolidation ?? limits.upload, () => {
    throw new ApiError(413, 'payload_too_large', `上传的文件合计超过 ${(limits.consolidation ?? limits.upload) / 1024 / 1024} MiB 上限，请分批汇总`);
  });
  return (c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    if ((method === 'POST' || method === 'PUT') && !path.startsWith('/api/imports') && path !== '/api/consolidations') {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/json\b/i.test(type) && !withoutBody(c.req.header.bind(c.req))) {
        throw new ApiError(415, 'unsupported_media_type', '请求体应为 JSON（Content-Type: application/json）');
      }
    }
    // A file upload to /api/imports (a .docx) may be larger; JSON everywhere keeps the small limit.
    const type = c.req.header('content-type') ?? '';
    const multipart = /^multipart\/form-data\b/i.test(type);
    if (path === '/api/consolidations' && multipart) return consolidationLimit(c, next);
    const upload = path === '/api/imports' && multipart;
    if (upload || (method !== 'POST' && method !== 'PUT') || !/^application\/json\b/i.test(type)) return (upload ? uploadLimit : jsonLimit)(c, next);
    return jsonLimit(c, async () => {
      // The route's validator reads the text from Hono's body cache (c.req.json() parses bodyCache.text).
      const text = decodeJsonBody(new Uint8Array(await c.req.arrayBuffer()), type);
      // Hono keeps promises there at run time (its type says string).
      (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
      await next();
    });
  };
}
