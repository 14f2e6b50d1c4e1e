/** DELETE /api/sessions/:id: the user removes their session and every draft made from it, at once and for good. */
import { createRoute } from '@hono/zod-openapi';
import { errorResponses, idParam } from './openapi-parts.js';
import { createRouter } from './router.js';
import { deleteSession } from '../services/sessions.js';

const deleteRoute = createRoute({
  method: 'delete',
  path: '/api/sessions/{id}',
  operationId: 'deleteSession',
  security: [],
  summary: '删除会话及其全部稿件',
  description:
    '立即删除这次对话的记录、收集的事实和由它生成的全部稿件，不可恢复；之后再访问返回 404。未删除的会话在最后一次使用后 SESSION_TTL_DAYS 天（默认 30 天）自动删除。',
  request: { params: idParam('会话') },
  responses: {
    204: { description: '已删除' },
    ...errorResponses('widget', { 404: '会话不存在或已删除' }),
  },
});

export function sessionDeleteRoutes() {
  const router = createRouter();
  router.openapi(deleteRoute, async (c) => {
    await deleteSession(c.get('deps'), c.req.valid('param').id);
    return c.body(null, 204);
  });
  return router;
}
