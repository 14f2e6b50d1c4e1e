/** PUT /api/sessions/:id/derived: which of the sums a consolidation offered are accepted, before drafting; answers each sum checked, with how it was computed. */
import { createRoute, z } from '@hono/zod-openapi';
import { BODY_ERRORS, STORAGE_ERRORS, errorResponses, idParam, securityOf } from './openapi-parts.js';
import { createRouter } from './router.js';
import { chooseDerived } from '../services/sessions.js';


export const derivedReportSchema = z
  .object({
    value: z.string(),
    of: z.array(z.string()),
    op: z.string(),
    label: z.string().optional(),
    sources: z.array(z.string()).optional(),
    accepted: z.boolean(),
    ok: z.boolean(),
    computed: z.string().optional(),
    reason: z.string().optional(),
    formula: z.string().openapi({ example: '120人次 + 80人次 + 95人次 = 295人次' }),
  })
  .openapi('DerivedFigureReport');

const derivedRoute = createRoute({
  method: 'put',
  path: '/api/sessions/{id}/derived',
  operationId: 'acceptDerivedFigures',
  security: securityOf('widget'),
  summary: '采用或不采用汇总给出的合计',
  description:
    '`accepted` 列出要采用的合计的序号（从 1 起，即会话事实中 derived 的顺序），其余都不采用；空列表表示一个也不采用。返回每项合计的核算结果（算法、是否算得对）。只有采用且算得对的合计才会写入稿件。',
  request: {
    params: idParam('会话'),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            accepted: z
              .array(z.number({ error: '采用的合计（accepted）应为序号列表' }).int({ error: '序号应为整数' }).min(1, { error: '序号从 1 起' }), { error: '采用的合计（accepted）应为序号列表，如 [1, 3]' })
              .max(500)
              .openapi({ example: [1, 3] }),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: '各项合计的核算结果', content: { 'application/json': { schema: z.object({ derived: z.array(derivedReportSchema), facts: z.record(z.string(), z.unknown()) }) } } },
    ...errorResponses('widget', { 400: '请求内容有误', 404: '会话不存在', 409: '会话中没有合计', ...BODY_ERRORS, ...STORAGE_ERRORS }),
  },
});

export function sessionDerivedRoutes() {
  const router = createRouter();
  router.openapi(derivedRoute, async (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    const { accepted } = c.req.valid('json');
    const body = await chooseDerived(deps, id, accepted);
    return c.json(body, 200);
  });
  return router;
}
