/** 校对's contract for any text (POST /api/proofread → `{ issues }`); a stored draft's is the drafts' (POST /api/drafts/:id/proofread). */
import { createRoute, z } from '@hono/zod-openapi';
import { PROOFREAD_TEXT_LIMIT } from '../../../services/proofread.js';
import { BODY_ERRORS, errorResponses, issuesSchema, modelQuery, securityOf } from '../../openapi/parts.js';

const textBody = z.object({
  text: z.string({ error: '待校对的文字（text）应为字符串' }).openapi({ example: '全区共有幼儿园１２６所,其中公办园68所。' }),
  format: z.enum(['text', 'markdown'], { error: '格式（format）应为 text 或 markdown' }).optional().openapi({ description: 'markdown 时不把 #、|、** 等标记当作文字；默认 text' }),
});

export const proofread = createRoute({
  method: 'post',
  path: '/api/proofread',
  operationId: 'proofreadText',
  security: securityOf('tool'),
  summary: '校对一段文字（离线规则，不用模型）',
  description: `检查标点（GB/T 15834）、数字（GB/T 15835）、层次编号（GB/T 9704）、日期、易错词、重复字词和【待补充】标记。text 不超过 ${PROOFREAD_TEXT_LIMIT} 字（UTF-16 码元），超出答 413。`,
  request: { query: z.object({ model: modelQuery }), body: { required: true, content: { 'application/json': { schema: textBody } } } },
  responses: {
    200: { description: '发现的问题，按位置排列', content: { 'application/json': { schema: issuesSchema } } },
    ...errorResponses('tool', { 400: '请求内容有误（text 不是字符串）', ...BODY_ERRORS, 413: '文字过长' }),
  },
});
