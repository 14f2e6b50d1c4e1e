/** Rewriting one part of a stored draft (更简洁、更详细、更正式 or free text) as a new version: by the model when one is given, offline otherwise. */
import { leafItems } from '../compose/assemble.js';
import { ModelUnavailable } from '../compose/llm-composer.js';
import { OFFLINE_INSTRUCTIONS, rewriteOffline } from '../compose/offline-rewrite.js';
import { leafSpan, replaceSpan } from '../compose/piece-spans.js';
import type { Deps } from './deps.js';
import { loadDraft, saveEdit, type DraftView } from './drafts.js';
import { AppError } from './errors.js';

/**
 * Rewrites part `n` (counted over the outline's leaves) and saves the draft as a new version.
 * @example const view = await rewritePart(deps, { id, n: 1, instruction: '更简洁' })
 */
export async function rewritePart(deps: Deps, request: { id: string; n: number; instruction: string; signal?: AbortSignal }): Promise<DraftView> {
  const { id, n, instruction } = request;
  const record = await loadDraft(deps, id);
  const type = deps.reportTypes.get(record.type);
  const markdown = record.versions.at(-1)!.markdown;
  const span = leafSpan(markdown, record.outline, n);
  if ('error' in span) {
    if (span.error === 'range') throw new AppError(404, 'not_found', `这份稿件没有第 ${n} 部分（共 ${leafItems(record.outline).length} 部分）`);
    throw new AppError(409, 'structure_changed', '稿件的标题结构已被修改，无法定位这一部分，请直接编辑全文');
  }
  if (!type) throw new AppError(409, 'unknown_type', `稿件的报告类型“${record.type}”已不可用`);
  const item = leafItems(record.outline)[n - 1];
  let text: string | null;
  if (deps.pieceRewriter) {
    try {
      text = (await deps.pieceRewriter({ facts: record.facts, type, outline: record.outline, key: span.key, current: span.text, instruction, signal: request.signal })).text;
    } catch (error) {
      if (error instanceof ModelUnavailable) throw new AppError(502, 'model_unavailable', error.message);
      throw error;
    }
  } else {
    if (!(OFFLINE_INSTRUCTIONS as readonly string[]).includes(instruction)) {
      throw new AppError(400, 'unsupported_instruction', `未配置模型时只支持“${OFFLINE_INSTRUCTIONS.join('”“')}”两种改写`);
    }
    text = rewriteOffline(instruction, span.text, item, record.facts, type);
  }
  if (!text?.trim() || text.trim() === span.text) {
    // Named by its heading as the reader sees it (“（二）…”): n counts sub-parts, which the reader's 一、二、 don't.
    throw new AppError(409, 'nothing_to_change', `“${item.number}${item.heading}”已写进了这一部分的全部事实，无法在不增加事实的前提下“${instruction}”；请补充事实，或直接编辑这一部分`);
  }
  return saveEdit(deps, id, replaceSpan(markdown, span, text), 'rewrite');
}
