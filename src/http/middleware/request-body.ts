/**
 * The /api/* gate for request bodies, in one pass: JSON only (415) except uploads to /api/imports, and a size
 * limit (413): 256 KiB for JSON, the larger upload limit for a multipart file sent to /api/imports.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';
import { declaredBodyLimit } from './body-limit.js';

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
export function requestBodyGate(limits: { json: number; upload: number }): MiddlewareHandler {
  const jsonLimit = declaredBodyLimit(limits.json, () => {
    throw new ApiError(413, 'payload_too_large', `请求内容超过 ${limits.json / 1024} KiB 上限，请精简后重试`);
  });
  const uploadLimit = declaredBodyLimit(limits.upload, () => {
    throw new ApiError(413, 'payload_too_large', `上传的文件超过 ${limits.upload / 1024 / 1024} MiB 上限`);
  });
  return (c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    if ((method === 'POST' || method === 'PUT') && !path.startsWith('/api/imports')) {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/json\b/i.test(type) && !withoutBody(c.req.header.bind(c.req))) {
        throw new ApiError(415, 'unsupported_media_type', '请求体应为 JSON（Content-Type: application/json）');
      }
    }
    // A file upload to /api/imports (a .docx) may be larger; JSON everywhere keeps the small limit.
    const upload = path === '/api/imports' && /^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '');
    return (upload ? uploadLimit : jsonLimit)(c, next);
  };
}
