/**
 * What the session and draft routes answer, as the server builds it and the widget reads it: one declaration for
 * both, so neither keeps a copy. The server's own types (the interview's state, the stored draft) extend or are
 * checked against these. Imports nothing, so the widget's bundle stays small.
 */

/** asking 提问中 · confirming 核对中 · ready 可起草. */
export type SessionPhase = 'asking' | 'confirming' | 'ready';

/** The assistant's answer to a message. */
export interface Reply {
  text: string;
  /** The fact-sheet path the question fills (`org`, `sections[2].facts` …); null when nothing is being asked. */
  field: string | null;
  progress: { done: number; total: number };
}

export interface SessionSection {
  topic: string;
  heading?: string;
  facts: string[];
}

/** The facts a session has collected: every field may still be missing; sections may still lack facts. */
export interface SessionFacts {
  type: string;
  title?: string;
  org?: string;
  period?: string;
  leadership?: string;
  guidance?: string[];
  theme?: string;
  sections: SessionSection[];
  goals?: string[];
  problems?: string[];
  nextSteps?: string[];
  schedule?: Array<{ when: string; items: string[] }>;
  signature?: { org?: string; date?: string };
  /** What could not be placed (未归类): shown in the review to place or drop, never drafted. */
  unplaced?: string[];
}

/** What POST /api/sessions and …/messages answer. */
export interface Turn {
  reply: Reply;
  state: SessionPhase;
  facts: SessionFacts;
  /** Only when the session is created. */
  id?: string;
}

export interface OutlineItemShape {
  key: string;
  /** 一、 or （一） */
  number: string;
  heading: string;
  children?: OutlineItemShape[];
}

export interface OutlineShape {
  title: string;
  items: OutlineItemShape[];
}

/** A figure the draft holds that no fact gave, and where (`markdown.slice(start, end) === figure`). */
export interface FigureSpanShape {
  figure: string;
  start: number;
  end: number;
}

/** What the draft routes answer of a draft (the fields clients rely on). */
export interface DraftShape {
  id: string;
  type: string;
  version: number;
  markdown: string;
  html: string;
  text: string;
  outline: OutlineShape;
  warnings: Array<{ code: string; message: string; figure?: string }>;
  figures: {
    given: string[];
    used: string[];
    invented: string[];
    missing: string[];
    inventedAt: FigureSpanShape[];
    /** Sums of a consolidation: stated in the draft only when accepted and right (`ok`), with how each was computed. */
    derived?: Array<{ value: string; formula: string; accepted: boolean; ok: boolean }>;
  };
  versions: Array<{ version: number; createdAt: string; source: string }>;
  /** Only in the answer to the session's own draft request. */
  sessionId?: string;
}

/**
 * A compile-time check that one side's type is what the contract promises: `Holds<A extends B ? true : false>`
 * stops the build (npm run typecheck, and the suite's type-check test) when the two drift.
 */
export type Holds<T extends true> = T;
