/** What the services are given: the store, the report types, the composers and parsers, the clock and ids. */
import type { Composer } from '../compose/draft-events.js';
import type { ModelComposer } from '../compose/llm-composer.js';
import type { Config } from '../config.js';
import type { AnswerParser } from '../dialogue/answer-parser.js';
import type { ReportType } from '../domain/report-types.js';
import type { ProofIssue } from '../proofread/issue.js';
import type { Store } from '../store/store.js';

/** Rewrites one part of a draft with the model (POST …/rewrite); without one, rewriting is offline. */
export type PieceRewriter = ModelComposer['rewritePiece'];

/** The model's wording pass of 校对 (?model=true); any failure comes back as `failed`, never thrown. */
export type WordingChecker = (text: string, signal?: AbortSignal) => Promise<{ issues: ProofIssue[]; failed?: string }>;

export interface ServiceParts {
  store: Store;
  reportTypes: Map<string, ReportType>;
  /** Writes drafts: the offline composer, or the model composer when one is configured. */
  composer: Composer;
  config: Config;
  /** Current time; injected so tests control it. */
  now?: () => Date;
  /** New ids; injected so tests control them. */
  newId?: () => string;
  /** One line per request, without facts or keys; silent when absent. */
  log?: (line: Record<string, unknown>) => void;
  /** Reads dialogue answers: tried first, the offline parser stays the fallback; default: the offline parser. */
  answerParser?: AnswerParser;
  /** The model's rewriting of one part; null (the default): the offline rewrites only. */
  pieceRewriter?: PieceRewriter | null;
  /** The model's wording suggestions in 校对; null (the default): offline proofreading only. */
  wordingChecker?: WordingChecker | null;
}

export type Deps = Required<ServiceParts>;
