/**
 * The drafting pipeline: outline → composer → assembly → figure guard → renderings, as a stream of events. It
 * runs the stages in the flow's order, so it sits above them all: compose only writes the text, render only
 * renders it, and neither knows of the other.
 */
import type { FactSheet } from '../domain/fact-sheet.js';
import { guardFigures, type DraftWarning } from '../domain/figure-guard.js';
import { buildOutline, type Outline, type OutlineItem } from '../domain/outline.js';
import type { ReportType } from '../domain/report-types.js';
import { lexMarkdown, renderHtml } from '../render/html.js';
import { renderText } from '../render/text.js';
import { assembleMarkdown } from '../compose/assemble.js';
import type { Composer, ComposerEvent, DraftEvent, DraftResult } from '../compose/draft-events.js';

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
    html: renderHtml(markdown, { marks: figures.inventedAt, tokens }),
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

/** Gathers a composer's events: the text of each piece, in order, and the composer's own warnings. */
class ComposedPieces {
  readonly pieces = new Map<string, string>();
  readonly warnings: DraftWarning[] = [];
  /** Headings the model wrote, by leaf key: they replace the outline's (numbering stays ours). */
  readonly headings = new Map<string, string>();

  add(event: ComposerEvent): void {
    if (event.type === 'text') this.pieces.set(event.key, (this.pieces.get(event.key) ?? '') + event.text);
    if (event.type === 'warning') this.warnings.push(event.warning);
    if (event.type === 'heading') this.headings.set(event.key, event.heading);
  }

  finish(facts: FactSheet, outline: Outline, composer: string): DraftResult {
    const headed = withHeadings(outline, this.headings);
    return finishDraft(facts, headed, assembleMarkdown(facts, headed, this.pieces), composer, this.warnings);
  }
}

/** The outline with these leaves' headings replaced. */
function withHeadings(outline: Outline, headings: ReadonlyMap<string, string>): Outline {
  if (!headings.size) return outline;
  const head = (item: OutlineItem): OutlineItem => ({
    ...item,
    heading: headings.get(item.key) ?? item.heading,
    ...(item.children ? { children: item.children.map(head) } : {}),
  });
  return { ...outline, items: outline.items.map(head) };
}

/**
 * Drafts as a stream: the outline first, the composer's events as they come, then `done` with the result.
 * @example for await (const event of draftEvents({ facts, type, composer: offlineComposer })) …
 */
export async function* draftEvents({ facts, type, composer, outline, signal }: DraftRequest): AsyncGenerator<DraftEvent> {
  const plan = outline ?? buildOutline(facts, type);
  yield { type: 'outline', outline: plan };
  const composed = new ComposedPieces();
  for await (const event of composer.compose({ facts, type, outline: plan, signal })) {
    composed.add(event);
    yield event;
  }
  const composerWarnings = composed.warnings.length;
  const result = composed.finish(facts, plan, composer.name);
  for (const warning of result.warnings.slice(composerWarnings)) yield { type: 'warning', warning };
  yield { type: 'done', result };
}

/**
 * Drafts and returns the whole result: the same pieces, warnings and result as `draftEvents`, read straight from
 * the composer. Who wants only the result (a JSON answer, the CLI) skips re-yielding every event through another
 * async generator, a few microtasks each.
 */
export async function composeDraft({ facts, type, composer, outline, signal }: DraftRequest): Promise<DraftResult> {
  const plan = outline ?? buildOutline(facts, type);
  const composed = new ComposedPieces();
  for await (const event of composer.compose({ facts, type, outline: plan, signal })) composed.add(event);
  return composed.finish(facts, plan, composer.name);
}
