/** The report types' contracts: GET /api/report-types (the list) and GET /api/report-types/:type/schema (a fact sheet's JSON Schema). */
import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../../openapi/parts.js';

export const list = createRoute({
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

export const schema = createRoute({
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
