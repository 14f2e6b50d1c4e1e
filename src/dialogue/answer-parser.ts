/**
 * Understanding a free-text answer: the shape every parser returns. The offline parser is the default; with a
 * model configured, a model parser (structured output) is tried first and the offline one stays the fallback.
 */

/** Fields recognised in one answer; several may come at once. */
export interface ParsedAnswer {
  org?: string;
  period?: string;
  leadership?: string;
  guidance?: string[];
  theme?: string;
  /** Work areas (section topics). */
  topics?: string[];
  /** Work areas named with their facts in the same answer (党建工作：开展主题党日12次); each is also in `topics`. */
  topicFacts?: Array<{ topic: string; facts: string[] }>;
  /** Facts for the section being asked about. */
  facts?: string[];
  goals?: string[];
  problems?: string[];
  nextSteps?: string[];
  /** signature.date */
  date?: string;
  /** Parts of the answer the parser could not place anywhere: kept as 未归类 for the person to place or drop. */
  unplaced?: string[];
  /**
   * Set when the parser had to interpret (a lead-in taken as a frame, 今年 read from today's date, an answer that
   * reads like another field): why, in a sentence (may be empty). The engine then says back what it understood
   * and files it only on 对 or a correction, asking once.
   */
  check?: string;
  /** The check doubts the answer is this field's at all (a plan said as 领导机关): left unanswered, it is no yes. */
  doubt?: boolean;
}

export interface AnswerInput {
  typeId: string;
  /** The fact-sheet field the current question fills: org, period, sections, sections[2].facts … */
  field: string;
  question: string;
  text: string;
  /** For a work area's facts (sections[2].facts): the area's name, so an answer that opens by naming it again reads right. */
  topic?: string;
  /** The server's date (YYYY-MM-DD), for relative periods: 今年, 今年上半年, 上学期, 去年. */
  today?: string;
}

/** Returns the fields found, or null when it could not tell (the caller then falls back or re-asks). */
export type AnswerParser = (input: AnswerInput, signal?: AbortSignal) => Promise<ParsedAnswer | null>;
