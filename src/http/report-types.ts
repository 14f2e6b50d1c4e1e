/** GET /api/report-types and GET /api/report-types/:type/schema. */
import { createRoute, z } from '@hono/zod-openapi';
import { factSheetJsonSchema } from '../domain/json-schema.js';
import { describeReportType } from '../domain/report-types.js';
import { createRouter } from './router.js';
import { ApiError } from './errors.js';
import { errorResponses } from './openapi-parts.js';

const listRoute = createRoute({
  method: 'get',
  path: '/api/report-types',
  operationId: 'listReportTypes',
  security: [],
  summary: '报告类型列表',
  description: '每种报告类型的编号、名称、组成部分和对话提问。',
  responses: {
    200: { description: '报告类型', content: { 'application/json': { schema: z.object({ types: z.array(z.record(z.string(), z.unknown())) }) } } },
    ...errorResponses('public', {}),
  },
});

const schemaRoute = createRoute({
  method: 'get',
  path: '/api/report-types/{type}/schema',
  operationId: 'getFactSheetSchema',
  security: [],
  summary: '某类报告事实表的 JSON Schema',
  request: { params: z.object({ type: z.string().max(64).openapi({ example: 'work-plan' }) }) },
  responses: {
    200: { description: 'JSON Schema', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
    ...errorResponses('public', { 404: '没有这种报告类型' }),
  },
});

export function reportTypeRoutes() {
  const router = createRouter();
  router.openapi(listRoute, (c) => {
    const { reportTypes } = c.get('deps');
    return c.json({ types: [...reportTypes.values()].map(describeReportType) }, 200);
  });
  router.openapi(schemaRoute, (c) => {
    const { reportTypes } = c.get('deps');
    const id = c.req.valid('param').type;
    const type = reportTypes.get(id);
    if (!type) throw new ApiError(404, 'not_found', `没有这种报告类型“${id.slice(0, 64)}”，可选：${[...reportTypes.keys()].join('、')}`);
    return c.json(factSheetJsonSchema(type), 200);
  });
  return router;
}
