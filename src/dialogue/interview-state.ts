/**
 * What an interview remembers between turns: its state, the 上一步 history, and the limits on what one answer and
 * one session keep. Every step that changes the state goes through `changed`, which saves the values it had, so
 * 上一步 can restore them. Pure.
 */
import type { SessionPhase } from '../contract/session-shapes.js';
import type { ReportType } from '../domain/report-types.js';
import type { ParsedAnswer } from './answer-parser.js';
import { emptyFacts, type CollectedFacts } from './collected-facts.js';
import type { ImportOrigin } from './import-review.js';
import type { OutlineChoices } from './outline-edits.js';

export interface TranscriptEntry {
  role: 'user' | 'assistant';
  text: string;
  field?: string | null;
}

/** What 上一步 restores. */
export interface Snapshot {
  facts: CollectedFacts;
  skipped: string[];
  editing: string | null;
  finished: boolean;
  confirmed: boolean;
  choices: OutlineChoices;
  /** Interviews from an import: the parts still to confirm (keep, drop or replace), in asking order. */
  review?: string[];
  /** An answer the parser had to interpret, said back and waiting for 对 or a correction. */
  pending?: PendingCheck;
}

/** What the assistant understood and asked about (对吗？): filed on 对, replaced by a correction. */
export interface PendingCheck {
  field: string;
  text: string;
  parsed: ParsedAnswer;
}

export interface InterviewState extends Snapshot {
  type: string;
  /** Set when the interview started from an imported report: what it imported, for 重新开始. */
  imported?: ImportOrigin;
  /** Derived after every turn, kept for clients: the field being asked, and what is still to ask after it. */
  current: string | null;
  queue: string[];
  state: SessionPhase;
  history: Snapshot[];
  transcript: TranscriptEntry[];
  /** Ids of drafts written from this session, oldest first. */
  drafts: string[];
}

/** Longest answer taken in one message; longer ones are cut at a sentence end, and the reply says so. */
export const MAX_ANSWER = 2000;
/** How many steps 上一步 can go back, and how much transcript a session keeps. */
const MAX_HISTORY = 30;
/**
 * Characters of facts the 上一步 history may hold: an imported report can be a few hundred KB, and every saved
 * turn writes the whole session, so big fact sheets keep fewer steps (at least 3).
 */
const HISTORY_BUDGET = 300_000;
export const MAX_TRANSCRIPT = 200;

/** A new interview's state: nothing collected, nothing asked yet. */
export function freshState(type: ReportType): InterviewState {
  return {
    type: type.id,
    facts: emptyFacts(type.id),
    skipped: [],
    editing: null,
    finished: false,
    confirmed: false,
    choices: { omitted: [], headings: {} },
    current: null,
    queue: [],
    state: 'asking',
    history: [],
    transcript: [],
    drafts: [],
  };
}

function snapshot(state: InterviewState): Snapshot {
  // Only the fields a step changes are copied: cloning the whole state would copy the history and transcript too.
  const { facts, skipped, editing, finished, confirmed, choices, review, pending } = state;
  return structuredClone({ facts, skipped, editing, finished, confirmed, choices, ...(review ? { review } : {}), ...(pending ? { pending } : {}) });
}

/** The state with its current values saved for 上一步, and `change` applied on a copy. */
export function changed(state: InterviewState, change: (next: InterviewState) => void): InterviewState {
  const steps = Math.max(3, Math.min(MAX_HISTORY, Math.floor(HISTORY_BUDGET / JSON.stringify(state.facts).length)));
  // Snapshots are never changed once taken, so the new history shares them instead of copying them again.
  const next: InterviewState = { ...structuredClone({ ...state, history: [] }), history: [...state.history, snapshot(state)].slice(-steps) };
  // A check said back is answered by the next step, whatever it is: only the step that asks one sets it again.
  delete next.pending;
  change(next);
  return next;
}

/** An over-long answer cut at the last sentence or line end within the limit, so no figure is split. */
export function capAnswer(text: string): { text: string; cut: number } {
  if (text.length <= MAX_ANSWER) return { text, cut: 0 };
  const head = text.slice(0, MAX_ANSWER);
  let end = Math.max(head.lastIndexOf('\n'), ...['。', '；', ';', '！', '？'].map((p) => head.lastIndexOf(p) + 1));
  if (end <= 0) {
    end = MAX_ANSWER;
    while (end > 0 && /[0-9０-９.．%％]/.test(text[end - 1]) && /[0-9０-９.．%％]/.test(text[end] ?? '')) end--;
  }
  return { text: text.slice(0, end), cut: text.length - end };
}
