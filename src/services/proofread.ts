/** 校对 as a request does it: any text, or one version of a stored draft; the offline rules, then (when asked and configured) the model's wording suggestions. */
import { factStrings } from '../domain/fact-sheet.js';
import { findFigures } from '../domain/figures.js';
import { proofread, type ProofIssue } from '../proofread/proofread.js';
import type { Deps } from './deps.js';
import { loadDraft, viewOf } from './drafts.js';
import { AppError } from './errors.js';

/** Longest text checked in one request (UTF-16 code units, about 30 pages); longer answers 413. */
export const PROOFREAD_TEXT_LIMIT = 50_000;

/** Whether the model's second pass was asked for, and the request's signal to stop it. */
interface ModelPassRequest {
  model: boolean;
  signal?: AbortSignal;
}

/** The offline issues, and with the model pass asked for and a model configured, its wording suggestions after them. */
async function withModelPass(deps: Deps, text: string, issues: ProofIssue[], request: ModelPassRequest) {
  if (!request.model) return { issues };
  if (!deps.wordingChecker) return { issues, model: { used: false, message: '未配置模型（OPENAI_API_KEY），只做了离线校对' } };
  const pass = await deps.wordingChecker(text, request.signal);
  const all = [...issues, ...pass.issues].sort((a, b) => a.start - b.start || a.end - b.end);
  return { issues: all, model: pass.failed ? { used: false, message: pass.failed } : { used: true } };
}

/**
 * Proofreads any text (plain or Markdown).
 * @example await proofreadText(deps, { text: '全区共有幼儿园１２６所', model: false }) // { issues: [...] }
 */
export async function proofreadText(deps: Deps, request: ModelPassRequest & { text: string; format?: 'text' | 'markdown' }) {
  const { text } = request;
  if (text.length > PROOFREAD_TEXT_LIMIT) {
    throw new AppError(413, 'payload_too_large', `待校对的文字共 ${text.length} 字，超过每次 ${PROOFREAD_TEXT_LIMIT} 字的上限，请分段校对`);
  }
  return withModelPass(deps, text, proofread(text, { markdown: request.format === 'markdown' }), request);
}

/** Proofreads one version of a stored draft (default: the latest), checking its figures against its fact sheet too. */
export async function proofreadDraft(deps: Deps, request: ModelPassRequest & { id: string; version?: number }) {
  const view = viewOf(await loadDraft(deps, request.id), request.version);
  const givenFigures = factStrings(view.facts).flatMap(findFigures);
  const issues = proofread(view.markdown, { markdown: true, givenFigures });
  return { version: view.version, ...(await withModelPass(deps, view.markdown, issues, request)) };
}
