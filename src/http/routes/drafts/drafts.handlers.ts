/** The drafts' handlers, each typed from its contract in drafts.routes.ts: read the request, call src/services/ (drafts, rewrite, proofread), answer. */
import { unknownReportType } from '../../../contract/messages.js';
import { markedSpans, statedDerived } from '../../../domain/figure-guard.js';
import { DOCX_MEDIA_TYPE, renderDocx } from '../../../render/docx.js';
import { renderHtml } from '../../../render/html.js';
import { renderText } from '../../../render/text.js';
import { createDraft, draftAndStore, loadDraft, saveEdit, viewOf } from '../../../services/drafts.js';
import { proofreadDraft } from '../../../services/proofread.js';
import { rewritePart } from '../../../services/rewrite.js';
import { ApiError, validationError } from '../../errors.js';
import { wellFormed } from '../../middleware/json-text.js';
import { asDraftJson, modelWanted } from '../../openapi/parts.js';
import type { AppRouteHandler } from '../../router.js';
import { clientAbort, streamDraft, wantsEventStream } from '../../sse.js';
import type * as routes from './drafts.routes.js';

/** The title as a file name: 60 characters cut by code point (never half an emoji), lone surrogates as U+FFFD. */
function fileName(view: { outline: { title: string } }, ext: string): string {
  const title = wellFormed(String(view.outline?.title ?? '稿件'));
  return `${Array.from(title.replace(/[\\/:*?"<>|\s]+/g, '_')).slice(0, 60).join('')}.${ext}`;
}

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
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
};

export const getOne: AppRouteHandler<typeof routes.getOne> = async (c) => {
  const deps = c.get('deps');
  const record = await loadDraft(deps, c.req.valid('param').id);
  return c.json(asDraftJson(viewOf(record, c.req.valid('query').version)), 200);
};

export const save: AppRouteHandler<typeof routes.save> = async (c) => {
  const deps = c.get('deps');
  return c.json(asDraftJson(await saveEdit(deps, c.req.valid('param').id, c.req.valid('json').markdown)), 200);
};

export const download: AppRouteHandler<typeof routes.download> = async (c) => {
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
};

export const rewrite: AppRouteHandler<typeof routes.rewrite> = async (c) => {
  const deps = c.get('deps');
  const { id, n } = c.req.valid('param');
  const { instruction } = c.req.valid('json');
  return c.json(asDraftJson(await rewritePart(deps, { id, n, instruction, signal: clientAbort(c).signal })), 200);
};

export const proofread: AppRouteHandler<typeof routes.proofread> = async (c) => {
  const { model, version } = c.req.valid('query');
  return c.json(await proofreadDraft(c.get('deps'), { id: c.req.valid('param').id, version, model: modelWanted(model), signal: c.req.raw.signal }), 200);
};
