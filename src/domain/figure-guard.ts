/**
 * The figure guard: every figure of the fact sheet stands in the draft exactly, and the draft holds no
 * figure the facts lack. Runs on every draft, whichever composer wrote it. Pure.
 */
import { factStrings, type FactSheet } from './fact-sheet.js';
import { findFigureMarks, findFigureSpans, spansOfFigures, type FigureSpan } from './figures.js';
import { checkDerivedList, type DerivedReport } from './derived-figures.js';

export { spansOfFigures, type FigureSpan } from './figures.js';

export interface FigureReport {
  /** Distinct figures of the fact sheet. */
  given: string[];
  /** Given figures found in the draft. */
  used: string[];
  /** Figures in the draft that no fact holds. */
  invented: string[];
  /** Given figures the draft lacks. */
  missing: string[];
  /** Derived figures of the fact sheet, each with how it was computed and whether it holds (only when the facts have some). */
  derived?: DerivedReport[];
  /**
   * Where each invented figure stands in the draft's Markdown, every occurrence in order: renderers mark exactly
   * these places (an added 第2 marks that one 2, not the 2 inside 2025 or 132处).
   */
  inventedAt: FigureSpan[];
}

export type WarningCode = 'placeholder' | 'figure-invented' | 'figure-missing' | 'composer-fallback' | 'model' | 'derived-invalid';

export interface DraftWarning {
  code: WarningCode;
  message: string;
  figure?: string;
  sentence?: string;
  /** figure-invented: offsets of its first occurrence in the Markdown (`markdown.slice(start, end) === figure`). */
  start?: number;
  end?: number;
}

/** Marker for a part the user did not give: visible in the draft, never filled by invention. */
export const placeholder = (what: string) => `【待补充：${what}】`;
const PLACEHOLDER = /【待补充[：:]([^】]*)】/g;

const unique = (items: string[]) => [...new Set(items)];

/** The sentence around a position, for a warning a person can act on. */
function sentenceAround(text: string, index: number): string {
  const stops = /[。！？!?\n；]/;
  let start = index;
  while (start > 0 && !stops.test(text[start - 1])) start--;
  let end = index;
  while (end < text.length && !stops.test(text[end])) end++;
  return text.slice(start, Math.min(end + 1, text.length)).replace(/^[#>\s|-]+/, '').replace(/^(?:\d+\.|（\d+）|\(\d+\))\s*/, '').trim();
}

/**
 * Compares the figures of a draft with those of its facts and lists the markers still to fill.
 * @example guardFigures(facts, markdown).figures.invented // [] when the draft is faithful
 */
export function guardFigures(facts: FactSheet, markdown: string): { figures: FigureReport; warnings: DraftWarning[] } {
  const givenMarks = factStrings(facts).flatMap(findFigureMarks);
  const given = unique(givenMarks.map((m) => m.figure));
  // Compared by identity: 1,260 is 1260, but 约1260 or 1260余 is not (figures.ts).
  const givenIds = new Set(givenMarks.map((m) => m.identity));
  // Places in the Markdown as written (list numbering left out where it stands), each with its identity.
  const marksAt = new Map(findFigureMarks(markdown).map((m) => [m.index, m]));
  const draftMarks = findFigureSpans(markdown).map((s) => marksAt.get(s.start)!);
  const draftIds = new Set(draftMarks.map((m) => m.identity));
  const used = new Set(givenMarks.filter((m) => draftIds.has(m.identity)).map((m) => m.figure));
  // A derived figure may stand in the draft only when the user accepted it and its arithmetic holds.
  const derived = facts.derived ? checkDerivedList(facts.derived, given) : undefined;
  const stated = new Set(
    (derived ?? []).filter((d) => d.accepted && d.ok).flatMap((d) => findFigureMarks(d.value).map((m) => m.identity)),
  );
  const inventedMarks = draftMarks.filter((m) => !givenIds.has(m.identity) && !stated.has(m.identity));
  const figures: FigureReport = {
    given,
    used: given.filter((f) => used.has(f)),
    invented: unique(inventedMarks.map((m) => m.written)),
    missing: given.filter((f) => !used.has(f)),
    // The mark covers the hedge words too (约1500个), as `invented` names it.
    inventedAt: inventedMarks.map((m) => {
      const start = m.index - m.written.indexOf(m.figure);
      return { figure: m.written, start, end: start + m.written.length };
    }),
    ...(derived ? { derived } : {}),
  };
  const warnings: DraftWarning[] = [];
  for (const d of derived ?? []) {
    if (!d.ok) warnings.push({ code: 'derived-invalid', figure: d.value, message: `计算得出的数字“${d.value}”未采用：${d.reason}（${d.formula}）` });
  }
  for (const figure of figures.invented) {
    const first = figures.inventedAt.find((s) => s.figure === figure)!;
    const sentence = sentenceAround(markdown, first.start);
    warnings.push({
      code: 'figure-invented',
      figure,
      sentence,
      start: first.start,
      end: first.end,
      message: `数字“${figure}”在所提供的事实中找不到，请核实：${sentence}`,
    });
  }
  for (const figure of figures.missing) {
    warnings.push({ code: 'figure-missing', figure, message: `事实中的数字“${figure}”没有出现在稿件中` });
  }
  for (const what of unique([...markdown.matchAll(PLACEHOLDER)].map((m) => m[1]))) {
    warnings.push({ code: 'placeholder', message: `待补充：${what}` });
  }
  return { figures, warnings };
}

/** The computed figures a draft states (accepted, and right by their arithmetic), each with how it was computed. */
export function statedDerived(figures: { derived?: DerivedReport[] }): Array<{ value: string; formula: string }> {
  return (figures.derived ?? []).filter((d) => d.accepted && d.ok).map((d) => ({ value: d.value, formula: d.formula }));
}

/** The places to mark in a draft: the report's own, or (for a report stored before places were kept) found again. */
export function markedSpans(figures: { invented: string[]; inventedAt?: FigureSpan[] }, markdown: string): FigureSpan[] {
  return figures.inventedAt ?? spansOfFigures(markdown, figures.invented);
}
