/**
 * Model text for one piece, sentence by sentence: strips the headings and numbering a model adds (ours are
 * written by code), checks each sentence's figures against the piece's facts before it goes out, and holds
 * everything from the first sentence with a figure the facts lack until the repair round. Pure.
 */
import { findFigures, withoutListNumbering } from '../domain/figures.js';

/** Where a sentence ends: the same stops the figure guard uses to quote a sentence. */
const STOPS = /[。！？!?；;\n]/;

/** A leading heading line the model wrote: `## …`, `**一、…**`, `一、…`, `（一）…`, `1. …` without a full stop. */
const HEADING_LINE = /^\s*(?:#{1,6}\s*.*|\**\s*(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\([一二三四五六七八九十百]+\)|第[一二三四五六七八九十百]+部分)[^。！？]*)$/u;
/** Numbering glued to the start of the first paragraph. */
const LEADING_NUMBER = /^\s*\**\s*(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）)\s*/u;
const FENCE = /^\s*```[\w-]*\s*$/;

export interface Unit {
  text: string;
  /** Figures in the unit that the piece's facts lack. */
  invented: string[];
}

/** The figures of a unit that `allowed` lacks; list numbering (`1. `) is ours, not a figure. */
export function unknownFigures(text: string, allowed: ReadonlySet<string>): string[] {
  return [...new Set(findFigures(withoutListNumbering(text)))].filter((figure) => !allowed.has(figure));
}

const bare = (text: string) => text.replace(/[*#\s]/g, '').replace(/^(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）)/u, '');

/**
 * Splits streamed text into sentences and decides, as each completes, whether it can go out.
 * @example const e = new SentenceEmitter(new Set(['135名']), '教师队伍', (t) => send(t)); e.push('招聘教师135名。')
 */
export class SentenceEmitter {
  private buffer = '';
  private units: Unit[] = [];
  private heldFrom = -1;
  private started = false;
  private atLineStart = true;
  /** Text that went out. */
  emitted = '';

  constructor(
    private readonly allowed: ReadonlySet<string>,
    private readonly heading: string,
    private readonly send: (text: string) => void,
  ) {}

  /** Whether any text reached the reader (then a failed attempt cannot be retried unseen). */
  get emittedAny(): boolean {
    return this.emitted.length > 0;
  }

  /** Whether the model wrote anything usable so far. */
  get hasText(): boolean {
    return this.units.some((unit) => unit.text.trim()) || this.buffer.trim().length > 0;
  }

  push(delta: string): void {
    this.buffer += delta;
    for (;;) {
      const at = this.buffer.search(STOPS);
      if (at === -1) return;
      this.take(this.buffer.slice(0, at + 1));
      this.buffer = this.buffer.slice(at + 1);
    }
  }

  /** The stream ended: the rest is the last unit. Returns every unit, and the index of the first held one (-1: none). */
  finish(): { units: Unit[]; heldFrom: number } {
    if (this.buffer) this.take(this.buffer);
    this.buffer = '';
    // A closing fence or trailing blank lines are not text.
    while (this.units.length && !this.units.at(-1)!.text.trim()) this.units.pop();
    return { units: this.units, heldFrom: this.heldFrom };
  }

  private take(raw: string): void {
    const lineStart = this.atLineStart;
    this.atLineStart = raw.endsWith('\n');
    let text = raw;
    if (lineStart && FENCE.test(text)) return;
    if (!this.started) {
      if (!text.trim()) return;
      const line = text.endsWith('\n');
      if (line && (HEADING_LINE.test(text.trimEnd()) || bare(text) === bare(this.heading))) return;
      text = text.replace(LEADING_NUMBER, '').replace(/^\s+/, '');
      if (!text) return;
      this.started = true;
    } else if (lineStart) {
      // A heading inside a piece would break our outline: keep its words as plain text.
      text = text.replace(/^\s{0,3}#{1,6}\s*/, '');
    }
    const unit: Unit = { text, invented: unknownFigures(text, this.allowed) };
    this.units.push(unit);
    if (this.heldFrom === -1 && unit.invented.length) this.heldFrom = this.units.length - 1;
    if (this.heldFrom === -1) {
      this.emitted += text;
      this.send(text);
    }
  }
}

/** A repaired sentence in place of the original: the original's own ending (。 or ；, line break) is kept. */
export function spliceSentence(original: string, repaired: string): string {
  const ending = original.match(/[。！？!?；;]?\s*$/u)?.[0] ?? '';
  const body = repaired
    .trim()
    .replace(/^["“”「『]+|["“”」』]+$/gu, '')
    .replace(/[。！？!?；;，,\s]+$/u, '');
  return body ? `${body}${ending}` : original;
}
