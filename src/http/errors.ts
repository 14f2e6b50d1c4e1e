/** One error shape for every failure a caller can cause: `{ error: { code, message, issues? } }`, 4xx, in Chinese; the services' AppError mapped to its status. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { AppError as ApiError } from '../services/errors.js';
import { StorageError } from '../store/store.js';

/** The http side's name for the services' error: the same class, so `instanceof` holds on both sides. */
export { AppError as ApiError, notFound, validationError } from '../services/errors.js';

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export function errorJson(c: Context, error: ApiError): Response {
  const body = { error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
  return c.json(body, error.status, error.headers);
}

/** Turns anything thrown in a handler into the error shape; only a bug of ours becomes a 500, logged without data. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  // The write was not kept (full disk, the data cap, a failing device): 507, and the caller may retry later.
  if (error instanceof StorageError) return new ApiError(507, error.code, error.message);
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    if (status === 413) return new ApiError(413, 'payload_too_large', '请求内容过大，请精简后重试');
    if (status === 400 && /json/i.test(error.message)) return new ApiError(400, 'invalid_json', '请求体不是合法的 JSON');
    // The validator's words for an upload it could not parse (a missing or wrong multipart boundary, a cut body).
    if (status === 400 && /formdata/i.test(error.message)) {
      return new ApiError(400, 'invalid_form', '上传内容无法解析：请用 multipart/form-data 上传文件（字段名 file），不要手工拼写 Content-Type');
    }
    if (status === 415) return new ApiError(415, 'unsupported_media_type', '不支持这种请求类型，请查看 /docs 中该接口接受的 Content-Type');
    return new ApiError(status, 'bad_request', '请求有误，请检查后重试');
  }
  return new ApiError(500, 'internal_error', '服务器内部错误，请稍后重试');
}
