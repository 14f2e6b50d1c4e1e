/** The OpenAPI piece of POST /api/sessions with `{ consolidation }` (the start itself: src/services/session-consolidation.ts). */
import { z } from '@hono/zod-openapi';

/** The body field a consolidation adds to POST /api/sessions. */
export const consolidationFields = {
  consolidation: z
    .unknown()
    .optional()
    .openapi({
      type: 'object',
      description:
        'POST /api/consolidations 返回的 facts（可先改 derived[].accepted 选定采用的合计）：开始一次核对对话，逐个确认合并后的工作领域、问题和打算，首条回复列出各项合计及其算法；合计可在起草前用 PUT /api/sessions/:id/derived 改选',
    }),
};
