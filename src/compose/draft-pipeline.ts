/** The drafting pipeline: outline → composer → assembly → figure guard → renderings, as a stream of events. */
import type { FactSheet } from '../domain/fact-sheet.js';
import { guardFigures, type DraftWarning } from '../domain/figure-guard.js';
import { buildOutline, type Outline } from '../domain/outline.js';
import type { ReportType } from '../domain/report-types.js';
import { lexMarkdown, renderHtml } from '../render/html.js';
import { renderText } from '../render/text.js';
import { assembleMarkdown } from './assemble.js';
import type { Composer, DraftEvent, DraftResult } from './draft-events.js';

/**
 * Guards and renders finished Markdown: used for composed drafts and for edited versions alike.
 * @example finishDraft(facts, outline, markdown, 'edit')
 */
export function finishDraft(
  facts: FactSheet,
  outline: Outline,
  markdown: string,
  composer: string,
  composerWarnings: DraftWarning[] = [],
): DraftResult {
  const { figures, warnings } = guardFigures(facts, markdown);
  const tokens = lexMarkdown(markdown);
  return {
    markdown,
    html: renderHtml(markdown, { unverified: figures.invented, tokens }),
    text: renderText(markdown, tokens),
    outline,
    warnings: [...composerWarnings, ...warnings],
    figures,
    composer,
  };
}

export interface DraftRequest {
  facts: FactSheet;
  type: ReportType;
  composer: Composer;
  /** An outline edited in review; otherwise built from the facts. */
  outline?: Outline;
  signal?: AbortSignal;
}

/**
 * Drafts as a stream: the outline first, the composer's events as they come, then `done` with the result.
 * @example for await (const event of draftEvents({ facts, type, composer: offlineComposer })) …
 */
export async function* draftEvents({ facts, type, composer, outline, signal }: DraftRequest): AsyncGenerator<DraftEvent> {
  const plan = outline ?? buildOutline(facts, type);
  yield { type: 'outline', outline: plan };
  const pieces = new Map<string, string>();
  const composerWarnings: DraftWarning[] = [];
  for await (const event of composer.compose({ facts, type, outline: plan, signal })) {
    if (event.type === 'text') pieces.set(event.key, (pieces.get(event.key) ?? '') + event.text);
    if (event.type === 'warning') composerWarnings.push(event.warning);
    yield event;
  }
  const result = finishDraft(facts, plan, assembleMarkdown(facts, plan, pieces), composer.name, composerWarnings);
  for (const warning of result.warnings.slice(composerWarnings.length)) yield { type: 'warning', warning };
  yield { type: 'done', result };
}

/** Drafts and returns the whole result. */
export async function composeDraft(request: DraftRequest): Promise<DraftResult> {
  for await (const event of draftEvents(request)) {
    if (event.type === 'done') return event.result;
  }
  throw new Error('draft pipeline ended without a result');
}
