/** Drafts: POST /api/drafts (JSON or SSE), GET/PUT /api/drafts/:id, GET /api/drafts/:id/export. */
import { createRoute, z } from '@hono/zod-openapi';
import { unknownReportType } from '../contract/messages.js';
import { markedSpans, statedDerived } from '../domain/figure-guard.js';
import { createDraft, draftAndStore, loadDraft, saveEdit, viewOf } from '../services/drafts.js';
import { renderHtml } from '../render/html.js';
import { renderText } from '../render/text.js';
import { DOCX_MEDIA_TYPE, renderDocx } from '../render/docx.js';
import { ApiError, validationError } from './errors.js';
import { wellFormed } from './middleware/json-text.js';
import { BODY_ERRORS, STORAGE_ERRORS, asDraftJson, draftAnswers, draftViewSchema, errorResponses, factSheetDocSchema, idParam, securityOf } from './openapi-parts.js';
import { createRouter } from './router.js';
import { clientAbort, streamDraft, wantsEventStream } from './sse.js';

// The draft view is shared with the session and rewrite routes (openapi-parts.ts); re-exported for them.
export { draftViewSchema };

/** `?version=N`: an older version (they count from 1); the latest without it. */
const versionQuery = z.coerce.number().int().min(1).optional().openapi({ description: '版本号（从 1 起），默认最新版本' });

const createDraftRoute = createRoute({
  method: 'post',
  path: '/api/drafts',
  operationId: 'createDraft',
  summary: '根据事实表起草',
  description:
    '请求体为事实表（见 GET /api/report-types/{type}/schema）。默认返回 201 JSON；请求头 Accept: text/event-stream 时返回 200，以服务器推送事件逐段返回：outline、section-start、text、section-end、warning，最后 done（整份稿件）。',
  security: securityOf('tool'),
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: factSheetDocSchema, example: { type: 'work-plan', org: '某区教育局', period: '2026年', sections: [{ topic: '教师队伍建设', facts: ['组织骨干教师送教下乡12场次'] }] } } },
    },
  },
  responses: { ...draftAnswers, ...errorResponses('tool', { 400: '请求内容有误', ...BODY_ERRORS, ...STORAGE_ERRORS }) },
});

const getDraftRoute = createRoute({
  method: 'get',
  path: '/api/drafts/{id}',
  operationId: 'getDraft',
  summary: '读取稿件（默认最新版本）',
  security: securityOf('draft'),
  request: { params: idParam('稿件'), query: z.object({ version: versionQuery }) },
  responses: { 200: { description: '稿件', content: { 'application/json': { schema: draftViewSchema } } }, ...errorResponses('draft', { 400: '参数有误', 404: '稿件不存在' }) },
});

const putDraftRoute = createRoute({
  method: 'put',
  path: '/api/drafts/{id}',
  operationId: 'saveDraft',
  summary: '保存修改后的稿件（生成新版本，保留最近 50 个版本）',
  security: securityOf('draft'),
  request: {
    params: idParam('稿件'),
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ markdown: z.string().trim().min(1, { error: '稿件内容（markdown）不能为空' }).max(200_000) }) } },
    },
  },
  responses: { 200: { description: '新版本', content: { 'application/json': { schema: draftViewSchema } } }, ...errorResponses('draft', { 400: '请求内容有误', 404: '稿件不存在', ...BODY_ERRORS, ...STORAGE_ERRORS }) },
});

export const EXPORT_FORMATS = ['md', 'txt', 'html', 'docx'] as const;

const exportRoute = createRoute({
  method: 'get',
  path: '/api/drafts/{id}/export',
  operationId: 'exportDraft',
  summary: '下载稿件',
  security: securityOf('draft'),
  request: {
    params: idParam('稿件'),
    query: z.object({
      format: z.enum(EXPORT_FORMATS, { error: '格式（format）应为 md、txt、html 或 docx' }).default('md'),
      version: versionQuery,
    }),
  },
  responses: {
    200: {
      description: '文件',
      content: {
        'text/markdown': { schema: z.string() },
        'text/plain': { schema: z.string() },
        'text/html': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: z.string().openapi({ format: 'binary' }) },
      },
      headers: { 'Content-Disposition': { description: '附件及文件名（UTF-8）', schema: { type: 'string' } } },
    },
    ...errorResponses('draft', { 400: '参数有误', 404: '稿件不存在' }),
  },
});

/** The title as a file name: 60 characters cut by code point (never half an emoji), lone surrogates as U+FFFD. */
export function fileName(view: { outline: { title: string } }, ext: string): string {
  const title = wellFormed(String(view.outline?.title ?? '稿件'));
  return `${Array.from(title.replace(/[\\/:*?"<>|\s]+/g, '_')).slice(0, 60).join('')}.${ext}`;
}

export function draftRoutes() {
  const router = createRouter();

  router.openapi(createDraftRoute, async (c) => {
    const deps = c.get('deps');
    const facts = c.req.valid('json');
    if (!deps.reportTypes.has(facts.type)) {
      throw validationError([{ path: 'type', message: unknownReportType(facts.type, deps.reportTypes.keys()) }]);
    }
    if (wantsEventStream(c)) {
      const abort = clientAbort(c);
      return streamDraft(c, createDraft(deps, { facts, signal: abort.signal }), abort) as never;
    }
    // JSON wants the stored draft only: no event stream to walk, and the request's own signal (aborted when the
    // client goes away) stops a model composer, without a controller of our own.
    return c.json(await draftAndStore(deps, { facts, signal: c.req.raw.signal }), 201);
  });

  router.openapi(getDraftRoute, async (c) => {
    const deps = c.get('deps');
    const record = await loadDraft(deps, c.req.valid('param').id);
    return c.json(asDraftJson(viewOf(record, c.req.valid('query').version)), 200);
  });

  router.openapi(putDraftRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(asDraftJson(await saveEdit(deps, c.req.valid('param').id, c.req.valid('json').markdown)), 200);
  });

  router.openapi(exportRoute, async (c) => {
    const deps = c.get('deps');
    const { format, version } = c.req.valid('query');
    const view = viewOf(await loadDraft(deps, c.req.valid('param').id), version);
    const disposition = (ext: string) => `attachment; filename*=UTF-8''${encodeURIComponent(fileName(view, ext))}`;
    if (format === 'md') return c.body(view.markdown, 200, { 'Content-Type': 'text/markdown; charset=utf-8', 'Content-Disposition': disposition('md') });
    if (format === 'txt') return c.body(renderText(view.markdown), 200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Disposition': disposition('txt') });
    if (format === 'html') {
      const page = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${renderText(`# ${view.outline.title}`).trim().replace(/[<>&]/g, '')}</title></head><body>${renderHtml(view.markdown, { marks: markedSpans(view.figures, view.markdown) })}</body></html>`;
      return c.body(page, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Disposition': disposition('html'), 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" });
    }
    if (format === 'docx') {
      const bytes = await renderDocx(view.markdown, { marks: markedSpans(view.figures, view.markdown), computed: statedDerived(view.figures) });
      return c.body(bytes, 200, { 'Content-Type': DOCX_MEDIA_TYPE, 'Content-Disposition': disposition('docx') });
    }
    throw new ApiError(400, 'unsupported_format', `暂不支持导出为 ${format} 格式`);
  });

  return router;
}
