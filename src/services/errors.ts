/**
 * The error a service throws for anything a caller can cause: a status, a code and a Chinese message. src/http
 * turns it into the one JSON shape `{ error: { code, message, issues? } }`; the CLI into a line.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldIssue } from '../domain/fact-sheet.js';

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** The validation failure of a request body: one message naming the fields, and each issue listed. */
export function validationError(issues: FieldIssue[]): AppError {
  const summary = issues
    .slice(0, 5)
    .map((i) => `${i.path}：${i.message}`)
    .join('；');
  return new AppError(400, 'invalid_request', `请求内容有误：${summary}${issues.length > 5 ? ' 等' : ''}`, issues);
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what}不存在或已过期，请检查链接或重新开始`);
