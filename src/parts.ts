/**
 * The parts every runtime builds the same way from the configuration: the composer, the dialogue's answer parser,
 * the part rewriter and the proofreading's wording pass. src/node.ts, src/worker.ts, src/cli.ts and the test
 * helpers all call buildParts, so they cannot drift.
 */
import type { Composer } from './compose/draft-events.js';
import { createModelClient } from './compose/llm-calls.js';
import { createLlmComposer, modelSettingsFrom } from './compose/llm-composer.js';
import { offlineComposer } from './compose/offline-composer.js';
import type { Config } from './config.js';
import type { AnswerParser } from './dialogue/answer-parser.js';
import { createModelAnswerParser } from './dialogue/llm-answer-parser.js';
import { offlineParser } from './dialogue/offline-parser.js';
import type { ReportType } from './domain/report-types.js';
import { modelWordingPass } from './proofread/model-pass.js';
import type { PieceRewriter, WordingChecker } from './services/deps.js';

export interface Parts {
  config: Config;
  reportTypes: Map<string, ReportType>;
  /** The model when OPENAI_API_KEY is set, otherwise the offline composer. */
  composer: Composer;
  /** With a model configured, free-text answers are parsed by it first; the offline parser stays the fallback. */
  answerParser: AnswerParser;
  /** The model's rewriting of one part; null: offline rewrites only (更简洁、更详细). */
  pieceRewriter: PieceRewriter | null;
  /** The model's wording pass of 校对 (?model=true); null: offline proofreading only. */
  wordingChecker: WordingChecker | null;
}

/**
 * Builds the parts from the parsed configuration; `overrides` lets a test put in its own composer or parser.
 * @example createApp({ ...buildParts(parseConfig(process.env), reportTypes), store })
 */
export function buildParts(config: Config, reportTypes: Map<string, ReportType>, overrides: Partial<Pick<Parts, 'composer' | 'answerParser' | 'pieceRewriter'>> = {}): Parts {
  const model = config.OPENAI_API_KEY ? modelSettingsFrom(config) : null;
  const llm = model ? createLlmComposer(model) : null;
  return {
    config,
    reportTypes,
    composer: overrides.composer ?? llm ?? offlineComposer,
    answerParser: overrides.answerParser ?? (model ? createModelAnswerParser(model) : offlineParser),
    // The capability is said here, once: the model composer can rewrite a part; the offline composer cannot.
    pieceRewriter: overrides.pieceRewriter !== undefined ? overrides.pieceRewriter : llm ? (request) => llm.rewritePiece(request) : null,
    wordingChecker: model ? wordingCheckerFor(model) : null,
  };
}

/** One client for every proofreading request, as the composer and the parser each keep theirs. */
function wordingCheckerFor(settings: ReturnType<typeof modelSettingsFrom>): WordingChecker {
  const client = createModelClient(settings);
  return (text, signal) => modelWordingPass(client, settings.model, text, signal);
}
