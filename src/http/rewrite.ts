/** POST /api/drafts/:id/sections/:n/rewrite: a new version in which only part n is rewritten (更简洁、更详细、更正式 or free text). */
import { createRoute, z } from '@hono/zod-openapi';
import { rewritePart } from '../services/rewrite.js';
import { BODY_ERRORS, asDraftJson, draftViewSchema, errorResponses, idParam, securityOf } from './openapi-parts.js';
import { createRouter } from './router.js';
import { clientAbort } from './sse.js';

const rewriteRoute = createRoute({
  method: 'post',
  path: '/api/drafts/{id}/sections/{n}/rewrite',
  operationId: 'rewriteSection',
  security: securityOf('draft'),
  summary: '改写稿件的某一部分（生成新版本，其余部分不变）',
  description:
    'n 为提纲中的第几部分（从 1 起，按正文顺序，含（一）（二）等小部分）。instruction 可为“更简洁”“更详细”“更正式”或自由描述；未配置模型时只支持“更简洁”“更详细”，且不会增加事实之外的数字。',
  request: {
    params: idParam('稿件').extend({
      n: z.coerce.number({ error: '部分序号（n）应为整数' }).int({ error: '部分序号（n）应为整数' }).min(1, { error: '部分序号（n）从 1 开始' }).openapi({ param: { name: 'n', in: 'path' }, example: 2 }),
    }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            instruction: z
              .string({ error: '改写要求（instruction）应为文字' })
              .trim()
              .min(1, { error: '改写要求（instruction）不能为空' })
              .max(200, { error: '改写要求（instruction）不超过 200 字' })
              .openapi({ example: '更简洁' }),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: '新版本', content: { 'application/json': { schema: draftViewSchema } } },
    ...errorResponses('draft', {
      400: '请求内容有误，或离线起草不支持这种改写',
      404: '稿件或部分不存在',
      409: '稿件结构已改动，或这一部分无法按要求改写',
      ...BODY_ERRORS,
      502: '模型暂时无法完成改写',
    }),
  },
});

export function rewriteRoutes() {
  const router = createRouter();
  router.openapi(rewriteRoute, async (c) => {
    const deps = c.get('deps');
    const { id, n } = c.req.valid('param');
    const { instruction } = c.req.valid('json');
    return c.json(asDraftJson(await rewritePart(deps, { id, n, instruction, signal: clientAbort(c).signal })), 200);
  });
  return router;
}
