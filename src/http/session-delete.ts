/** DELETE /api/sessions/:id: the user removes their session and every draft made from it, at once and for good. */
import { createRoute, z } from '@hono/zod-openapi';
import { ID_PATTERN } from '../domain/ids.js';
import { ApiError, errorBodySchema } from './errors.js';
import { createRouter } from './router.js';
import { serial } from './sessions.js';

const deleteRoute = createRoute({
  method: 'delete',
  path: '/api/sessions/{id}',
  summary: '删除会话及其全部稿件',
  description:
    '立即删除这次对话的记录、收集的事实和由它生成的全部稿件，不可恢复；之后再访问返回 404。未删除的会话在最后一次使用后 SESSION_TTL_DAYS 天（默认 30 天）自动删除。',
  request: { params: z.object({ id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' }, example: 'Q2hhbmdlTWVQbGVhc2UxMjM' }) }) },
  responses: {
    204: { description: '已删除' },
    404: { description: '会话不存在或已删除', content: { 'application/json': { schema: errorBodySchema } } },
  },
});

export function sessionDeleteRoutes() {
  const router = createRouter();
  router.openapi(deleteRoute, async (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    // In the session's queue: an answer being saved cannot bring the session back after it is deleted.
    const deleted = ID_PATTERN.test(id) && (await serial(deps, id, () => deps.store.deleteSession(id)));
    if (!deleted) throw new ApiError(404, 'not_found', '会话不存在或已删除');
    return c.body(null, 204);
  });
  return router;
}
