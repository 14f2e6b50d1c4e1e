/** POST /api/drafts/:id/sections/:n/rewrite: a new version in which only part n is rewritten (更简洁、更详细、更正式 or free text). */
import { createRoute, z } from '@hono/zod-openapi';
import { leafItems } from '../compose/assemble.js';
import type { ModelComposer } from '../compose/llm-composer.js';
import { ModelUnavailable } from '../compose/llm-composer.js';
import { OFFLINE_INSTRUCTIONS, rewriteOffline } from '../compose/offline-rewrite.js';
import { leafSpan, replaceSpan } from '../compose/piece-spans.js';
import { loadDraft, saveEdit } from '../drafts/draft-service.js';
import { ApiError } from './errors.js';
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

const isModel = (composer: unknown): composer is ModelComposer => typeof (composer as ModelComposer)?.rewritePiece === 'function';

export function rewriteRoutes() {
  const router = createRouter();
  router.openapi(rewriteRoute, async (c) => {
    const deps = c.get('deps');
    const { id, n } = c.req.valid('param');
    const { instruction } = c.req.valid('json');
    const record = await loadDraft(deps, id);
    const type = deps.reportTypes.get(record.type);
    const markdown = record.versions.at(-1)!.markdown;
    const span = leafSpan(markdown, record.outline, n);
    if ('error' in span) {
      if (span.error === 'range') throw new ApiError(404, 'not_found', `这份稿件没有第 ${n} 部分（共 ${leafItems(record.outline).length} 部分）`);
      throw new ApiError(409, 'structure_changed', '稿件的标题结构已被修改，无法定位这一部分，请直接编辑全文');
    }
    if (!type) throw new ApiError(409, 'unknown_type', `稿件的报告类型“${record.type}”已不可用`);
    const item = leafItems(record.outline)[n - 1];
    let text: string | null;
    if (isModel(deps.composer)) {
      try {
        text = (await deps.composer.rewritePiece({ facts: record.facts, type, outline: record.outline, key: span.key, current: span.text, instruction, signal: clientAbort(c).signal })).text;
      } catch (error) {
        if (error instanceof ModelUnavailable) throw new ApiError(502, 'model_unavailable', error.message);
        throw error;
      }
    } else {
      if (!(OFFLINE_INSTRUCTIONS as readonly string[]).includes(instruction)) {
        throw new ApiError(400, 'unsupported_instruction', `未配置模型时只支持“${OFFLINE_INSTRUCTIONS.join('”“')}”两种改写`);
      }
      text = rewriteOffline(instruction, span.text, item, record.facts, type);
    }
    if (!text?.trim() || text.trim() === span.text) {
      // Named by its heading as the reader sees it (“（二）…”): n counts sub-parts, which the reader's 一、二、 don't.
      throw new ApiError(409, 'nothing_to_change', `“${item.number}${item.heading}”已写进了这一部分的全部事实，无法在不增加事实的前提下“${instruction}”；请补充事实，或直接编辑这一部分`);
    }
    return c.json(asDraftJson(await saveEdit(deps, id, replaceSpan(markdown, span, text), 'rewrite')), 200);
  });
  return router;
}
