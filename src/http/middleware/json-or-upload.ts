/** The 415 gate of a route that takes JSON or a multipart upload (imports, consolidations), answered before the body is read. */
import { ApiError } from '../errors.js';

/**
 * Middleware answering 415 in our shape for anything but JSON or multipart/form-data, with the route's own Chinese
 * message saying what to send.
 * @example createRoute({ …, middleware: [jsonOrUpload('请以 JSON 提交，或上传 .docx 文件')] as const })
 */
export function jsonOrUpload(message: string) {
  return async (c: { req: { header: (name: string) => string | undefined } }, next: () => Promise<void>) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\b/i.test(type) && !/^multipart\/form-data\b/i.test(type)) throw new ApiError(415, 'unsupported_media_type', message);
    await next();
  };
}
