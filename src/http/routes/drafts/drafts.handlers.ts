/** The drafts' handlers, each typed from its contract in drafts.routes.ts: read the request, call src/services/ (drafts, rewrite, proofread), answer. */
import { exportDraft } from '../../../services/draft-exports.js';
import { createDraft, draftAndStore, loadDraft, saveEdit, viewOf } from '../../../services/drafts.js';
import { proofreadDraft } from '../../../services/proofread.js';
import { rewritePart } from '../../../services/rewrite.js';
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
  if (wantsEventStream(c)) {
    // createDraft checks the report type before the stream starts: an unknown one is a 400, not an event.
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
  const { format, version } = c.req.valid('query');
  const file = await exportDraft(c.get('deps'), { id: c.req.valid('param').id, format, version });
  const headers: Record<string, string> = {
    'Content-Type': file.mediaType,
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName(file.view, file.ext))}`,
  };
  // An HTML page opened from the download runs nothing and loads nothing.
  if (file.ext === 'html') headers['Content-Security-Policy'] = "default-src 'none'; style-src 'unsafe-inline'";
  return c.body(file.body, 200, headers);
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
