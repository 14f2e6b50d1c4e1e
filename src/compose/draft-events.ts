/** Drafting is a stream of events, whichever composer writes: the HTTP layer turns it into JSON or SSE. */
import type { FactSheet } from '../domain/fact-sheet.js';
import type { FigureReport, DraftWarning } from '../domain/figure-guard.js';
import type { Outline } from '../domain/outline.js';
import type { ReportType } from '../domain/report-types.js';

/** Keys of the pieces a composer writes: `opening`, each leaf outline key (`section-0`, `problems` …), `closing`. */
export type PieceKey = string;

export type ComposerEvent =
  | { type: 'section-start'; key: PieceKey; heading: string }
  | { type: 'text'; key: PieceKey; text: string }
  /** The heading the model wrote for a leaf (without its number): it replaces the outline's. */
  | { type: 'heading'; key: PieceKey; heading: string }
  | { type: 'section-end'; key: PieceKey }
  | { type: 'warning'; warning: DraftWarning };

export type DraftEvent = { type: 'outline'; outline: Outline } | ComposerEvent | { type: 'done'; result: DraftResult };

export interface DraftResult {
  markdown: string;
  html: string;
  text: string;
  outline: Outline;
  warnings: DraftWarning[];
  figures: FigureReport;
  /** Which composer wrote it: `offline` or `model`. */
  composer: string;
}

export interface ComposeRequest {
  facts: FactSheet;
  type: ReportType;
  outline: Outline;
  signal?: AbortSignal;
}

/** Writes the pieces of a draft; the pipeline assembles them in outline order and guards the figures. */
export interface Composer {
  readonly name: string;
  compose(request: ComposeRequest): AsyncIterable<ComposerEvent>;
}
