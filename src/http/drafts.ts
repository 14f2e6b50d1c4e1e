/** Drafts: POST /api/drafts (JSON or SSE), GET/PUT /api/drafts/:id, GET /api/drafts/:id/export. */
import { createRoute, z } from '@hono/zod-openapi';
import { factSheetSchema } from '../domain/fact-sheet.js';
import { markedSpans } from '../domain/figure-guard.js';
import { createDraft, draftAndStore, loadDraft, saveEdit, viewOf } from '../drafts/draft-service.js';
import { renderHtml } from '../render/html.js';
import { renderText } from '../render/text.js';
import { DOCX_MEDIA_TYPE, renderDocx } from '../render/docx.js';
import { ApiError, errorBodySchema, validationError } from './errors.js';
import { wellFormed } from './middleware/json-text.js';
import { createRouter } from './router.js';
import { clientAbort, streamDraft, wantsEventStream } from './sse.js';

const errors = {
  400: { description: '请求内容有误', content: { 'application/json': { schema: errorBodySchema } } },
  404: { description: '稿件不存在', content: { 'application/json': { schema: errorBodySchema } } },
  413: { description: '请求内容过大', content: { 'application/json': { schema: errorBodySchema } } },
  415: { description: '请求体不是 JSON', content: { 'application/json': { schema: errorBodySchema } } },
  507: { description: '存储已满或出错（storage_full / storage_error），这次的内容未保存', content: { 'application/json': { schema: errorBodySchema } } },
};

const figuresSchema = z.object({
  given: z.array(z.string()),
  used: z.array(z.string()),
  invented: z.array(z.string()),
  missing: z.array(z.string()),
  inventedAt: z
    .array(z.object({ figure: z.string(), start: z.number().int(), end: z.number().int() }))
    .optional()
    .openapi({ description: '每个找不到出处的数字在 markdown 中的位置（按出现顺序；start、end 为字符偏移，markdown.slice(start, end) 即该数字）' }),
});

export const draftViewSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    version: z.number().int(),
    versions: z.array(z.object({ version: z.number().int(), createdAt: z.string(), source: z.string() })),
    markdown: z.string(),
    html: z.string(),
    text: z.string(),
    outline: z.any(),
    warnings: z.array(z.object({ code: z.string(), message: z.string(), figure: z.string().optional(), sentence: z.string().optional(), start: z.number().int().optional(), end: z.number().int().optional() })),
    figures: figuresSchema,
    composer: z.string(),
    facts: z.any(),
    sessionId: z.string().optional().openapi({ description: '只在 POST /api/sessions/{id}/draft 的回答中出现；GET /api/drafts/{id} 不返回会话编号' }),
  })
  .openapi('Draft');

const idParam = z.object({ id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' }, example: 'b0f1c2d3e4f5a6b7c8d9e0' }) });

const createDraftRoute = createRoute({
  method: 'post',
  path: '/api/drafts',
  summary: '根据事实表起草',
  description:
    '请求体为事实表（见 GET /api/report-types/{type}/schema）。默认返回 JSON；请求头 `Accept: text/event-stream` 时以服务器推送事件逐段返回：outline、section-start、text、heading（配置模型时，模型为某一部分写的小标题，不带序号）、section-end、warning，最后 done（整份稿件）。',
  request: { body: { required: true, content: { 'application/json': { schema: factSheetSchema } } } },
  responses: {
    201: {
      description: '稿件已生成并保存',
      content: { 'application/json': { schema: draftViewSchema }, 'text/event-stream': { schema: z.string() } },
    },
    ...errors,
  },
});

const getDraftRoute = createRoute({
  method: 'get',
  path: '/api/drafts/{id}',
  summary: '读取稿件（默认最新版本）',
  request: { params: idParam, query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
  responses: { 200: { description: '稿件', content: { 'application/json': { schema: draftViewSchema } } }, ...errors },
});

const putDraftRoute = createRoute({
  method: 'put',
  path: '/api/drafts/{id}',
  summary: '保存修改后的稿件（生成新版本，保留最近 50 个版本）',
  request: {
    params: idParam,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ markdown: z.string().trim().min(1, { error: '稿件内容（markdown）不能为空' }).max(200_000) }) } },
    },
  },
  responses: { 200: { description: '新版本', content: { 'application/json': { schema: draftViewSchema } } }, ...errors },
});

export const EXPORT_FORMATS = ['md', 'txt', 'html', 'docx'] as const;

const exportRoute = createRoute({
  method: 'get',
  path: '/api/drafts/{id}/export',
  summary: '下载稿件',
  request: {
    params: idParam,
    query: z.object({
      format: z.enum(EXPORT_FORMATS, { error: '格式（format）应为 md、txt、html 或 docx' }).default('md'),
      version: z.coerce.number().int().min(1).optional(),
    }),
  },
  responses: {
    200: {
      description: '文件',
      content: {
        'text/markdown': { schema: z.string() },
        'text/plain': { schema: z.string() },
        'text/html': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: z.any() },
      },
    },
    ...errors,
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
      throw validationError([{ path: 'type', message: `未知的报告类型“${facts.type}”，可选：${[...deps.reportTypes.keys()].join('、')}` }]);
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
    return c.json(viewOf(record, c.req.valid('query').version), 200);
  });

  router.openapi(putDraftRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await saveEdit(deps, c.req.valid('param').id, c.req.valid('json').markdown), 200);
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
      const bytes = await renderDocx(view.markdown, { marks: markedSpans(view.figures, view.markdown) });
      return c.body(bytes, 200, { 'Content-Type': DOCX_MEDIA_TYPE, 'Content-Disposition': disposition('docx') });
    }
    throw new ApiError(400, 'unsupported_format', `暂不支持导出为 ${format} 格式`);
  });

  return router;
}
