/** A draft's version as a file to download: Markdown, plain text, a standalone HTML page or Word (.docx). */
import { markedSpans, statedDerived } from '../domain/figure-guard.js';
import { DOCX_MEDIA_TYPE, renderDocx } from '../render/docx.js';
import { escapeHtml, renderHtml } from '../render/html.js';
import { renderText } from '../render/text.js';
import type { Deps } from './deps.js';
import { loadDraft, viewOf, type DraftView } from './drafts.js';
import { AppError } from './errors.js';

export const EXPORT_FORMATS = ['md', 'txt', 'html', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface DraftFile {
  /** The version exported (its title names the file). */
  view: DraftView;
  body: string | Uint8Array<ArrayBuffer>;
  mediaType: string;
  /** The file name's extension. */
  ext: ExportFormat;
}

/**
 * Renders one version of a draft (the latest by default) in a format; the places of figures no fact gave are
 * marked in HTML and Word as on screen, and Word footnotes the accepted sums with how each was computed.
 * @example const file = await exportDraft(deps, { id, format: 'docx' })
 */
export async function exportDraft(deps: Deps, request: { id: string; format: string; version?: number }): Promise<DraftFile> {
  const view = viewOf(await loadDraft(deps, request.id), request.version);
  const marks = () => markedSpans(view.figures, view.markdown);
  switch (request.format) {
    case 'md':
      return { view, body: view.markdown, mediaType: 'text/markdown; charset=utf-8', ext: 'md' };
    case 'txt':
      return { view, body: renderText(view.markdown), mediaType: 'text/plain; charset=utf-8', ext: 'txt' };
    case 'html': {
      const title = escapeHtml(renderText(`# ${view.outline.title}`).trim());
      const page = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body>${renderHtml(view.markdown, { marks: marks() })}</body></html>`;
      return { view, body: page, mediaType: 'text/html; charset=utf-8', ext: 'html' };
    }
    case 'docx':
      return { view, body: await renderDocx(view.markdown, { marks: marks(), computed: statedDerived(view.figures) }), mediaType: DOCX_MEDIA_TYPE, ext: 'docx' };
    default:
      throw new AppError(400, 'unsupported_format', `暂不支持导出为 ${request.format} 格式`);
  }
}
