/**
 * Model text for one piece, sentence by sentence: cleaned of what models wrap around it (model-answer-cleaner),
 * each sentence's figures checked against the piece's facts before it goes out, and everything from the first
 * sentence with a figure the facts lack (or a changed one: 约1260) held until the repair round. Pure.
 */
import { findFigureMarks, withoutListNumbering } from '../domain/figures.js';
import { AnswerCleaner, type CleanerOptions, type Verdict } from './model-answer-cleaner.js';

export interface Unit {
  text: string;
  /** Figures in the unit that the piece's facts lack, as written (with hedge words: 约1260人). */
  invented: string[];
}

/** The identities of the figures in these texts (figures.ts): what a piece may write. */
export function figureIdentities(texts: readonly (string | undefined)[]): Set<string> {
  return new Set(texts.filter(Boolean).flatMap((text) => findFigureMarks(text!).map((mark) => mark.identity)));
}

/** The figures of a text whose identity `allowed` lacks; list numbering (`1. `) is ours, not a figure. */
export function unknownFigures(text: string, allowed: ReadonlySet<string>): string[] {
  return [...new Set(findFigureMarks(withoutListNumbering(text)).filter((mark) => !allowed.has(mark.identity)).map((mark) => mark.written))];
}

/**
 * Splits streamed text into clean sentences and decides, as each completes, whether it can go out.
 * @example const e = new SentenceEmitter(figureIdentities(['招聘教师135名']), {}, (t) => send(t)); e.push('招聘教师135名。')
 */
export class SentenceEmitter {
  private readonly cleaner: AnswerCleaner;
  private units: Unit[] = [];
  private heldFrom = -1;
  /** Text that went out. */
  emitted = '';

  constructor(
    private readonly allowed: ReadonlySet<string>,
    options: CleanerOptions,
    private readonly send: (text: string) => void,
  ) {
    this.cleaner = new AnswerCleaner((text) => this.take(text), options);
  }

  /** Whether any text reached the reader (then a failed attempt cannot be retried unseen). */
  get emittedAny(): boolean {
    return this.emitted.length > 0;
  }

  /** The heading the model wrote on its first line, when one was asked for. */
  get heading(): string | undefined {
    return this.cleaner.heading;
  }

  push(delta: string): void {
    this.cleaner.push(delta);
  }

  /** The stream ended (`truncated`: at the length limit). Returns every unit, the first held one (-1: none), and the verdict. */
  finish(truncated = false): { units: Unit[]; heldFrom: number; verdict: Verdict } {
    const verdict = this.cleaner.finish(truncated);
    // Trailing blank lines are not text.
    while (this.units.length && !this.units.at(-1)!.text.trim()) this.units.pop();
    return { units: this.units, heldFrom: this.heldFrom, verdict };
  }

  private take(text: string): void {
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
