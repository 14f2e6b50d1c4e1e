/** 校对: POST /api/proofread (any text) and POST /api/drafts/:id/proofread (a stored draft, ?version=N) → `{ issues }`. */
import { createRoute, z } from '@hono/zod-openapi';
import { PROOFREAD_TEXT_LIMIT, proofreadDraft, proofreadText } from '../services/proofread.js';
import { BODY_ERRORS, errorResponses, idParam, securityOf } from './openapi-parts.js';
import { createRouter } from './router.js';

const issueSchema = z
  .object({
    start: z.number().int().openapi({ description: '起始位置（UTF-16 码元，从 0 起）' }),
    end: z.number().int().openapi({ description: '结束位置（不含）' }),
    kind: z.enum(['punctuation', 'number', 'numbering', 'date', 'typo', 'repeat', 'marker', 'figure', 'wording']),
    message: z.string().openapi({ example: '标点：中文里用了半角逗号“,”，应为全角“，”（GB/T 15834）' }),
    suggestion: z.string().optional().openapi({ description: '有把握的改法（替换 start—end 之间的文字）；没有把握时不给。source 为 model 时是模型的措辞建议，由用户决定是否采用' }),
    source: z.literal('model').optional().openapi({ description: '只在模型的第二遍（?model=true）给出的措辞建议上出现' }),
  })
  .openapi('ProofIssue');

const issuesSchema = z
  .object({
    issues: z.array(issueSchema),
    model: z.object({ used: z.boolean(), message: z.string().optional() }).optional().openapi({ description: '请求了模型第二遍时：是否用上了模型，没用上的原因' }),
  })
  .openapi('ProofreadResult');

const modelQuery = z
  .enum(['true', 'false', '1', '0'], { error: '模型第二遍（model）应为 true 或 false' })
  .optional()
  .openapi({ description: '配置了模型时，另请模型提出措辞建议（kind 为 wording、source 为 model），不会自动采用；离线规则的结果不受影响' });

const textBody = z.object({
  text: z.string({ error: '待校对的文字（text）应为字符串' }).openapi({ example: '全区共有幼儿园１２６所,其中公办园68所。' }),
  format: z.enum(['text', 'markdown'], { error: '格式（format）应为 text 或 markdown' }).optional().openapi({ description: 'markdown 时不把 #、|、** 等标记当作文字；默认 text' }),
});

const proofreadRoute = createRoute({
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

const draftProofreadRoute = createRoute({
  method: 'post',
  path: '/api/drafts/{id}/proofread',
  operationId: 'proofreadDraft',
  security: securityOf('draft'),
  summary: '校对一份已保存的稿件（默认最新版本）',
  description: '检查稿件的 Markdown 原文（位置指向它），另外核对数字：事实表中没有的数字逐一列出（kind 为 figure）。',
  request: {
    params: idParam('稿件'),
    query: z.object({ model: modelQuery, version: z.coerce.number({ error: '版本（version）应为正整数' }).int({ error: '版本（version）应为正整数' }).min(1, { error: '版本（version）应为正整数' }).optional() }),
  },
  responses: {
    200: {
      description: '发现的问题；version 为所校对的版本',
      content: { 'application/json': { schema: issuesSchema.extend({ version: z.number().int() }) } },
    },
    ...errorResponses('draft', { 400: '请求内容有误', 404: '稿件或版本不存在' }),
  },
});

export function proofreadRoutes() {
  const router = createRouter();
  const modelWanted = (value: string | undefined) => ['true', '1'].includes(value ?? '');
  router.openapi(proofreadRoute, async (c) => {
    const { text, format } = c.req.valid('json');
    return c.json(await proofreadText(c.get('deps'), { text, format, model: modelWanted(c.req.valid('query').model), signal: c.req.raw.signal }), 200);
  });
  router.openapi(draftProofreadRoute, async (c) => {
    const { model, version } = c.req.valid('query');
    return c.json(await proofreadDraft(c.get('deps'), { id: c.req.valid('param').id, version, model: modelWanted(model), signal: c.req.raw.signal }), 200);
  });
  return router;
}
